import Foundation
import ProgrammeRules

/// The rate table as the settings page edits it: amounts in euros, one row per host country with
/// an amount of its own, and the rules around them; or one of the built-in tables. Every mistake
/// names its row and field ("Row 2, amount: …").
struct RateTableForm: Encodable, Equatable {
    struct Row: Encodable, Equatable {
        let number: Int
        var country: String
        var amount: String
    }

    /// "country" (an amount per host country) or the key of a built-in table.
    var basis: String
    var name: String
    var version: String
    var generalAmount: String
    var cap: String
    var halveBelowWorkingDays: String
    var halveBelowKm: String
    var minWorkingDays: String
    var maxCalendarDays: String
    var rows: [Row]

    /// Empty rows offered under the filled ones, to add countries.
    static let blankRows = 3
    /// At most this many countries: the programme has 39.
    static let maximumRows = 60

    /// The table in force, as the form shows it.
    init(_ table: RateTable) {
        name = table.name
        version = table.version
        cap = table.capCents.map(Self.euros) ?? ""
        halveBelowWorkingDays = table.halveBelowWorkingDays.map(String.init) ?? ""
        halveBelowKm = table.halveBelowDistanceKm.map { String(Int($0.rounded())) } ?? ""
        minWorkingDays = String(table.limits.minWorkingDays)
        maxCalendarDays = String(table.limits.maxCalendarDays)
        switch table.basis {
        case .hostCountryThreshold(let defaultCents, let byCountry):
            basis = "country"
            generalAmount = Self.euros(defaultCents)
            rows = byCountry.sorted { CountryRegistry.cosme.name(of: $0.key) < CountryRegistry.cosme.name(of: $1.key) }
                .enumerated().map {
                    Row(
                        number: $0.offset + 1, country: CountryRegistry.cosme.name(of: $0.element.key),
                        amount: Self.euros($0.element.value))
                }
        case .distanceBands:
            basis = RateTable.builtIn.contains(table) ? table.name : "country"
            generalAmount = ""
            rows = []
        }
        addBlankRows()
    }

    /// What was sent, kept as typed so a refused form shows it again.
    init(fields: [String: String]) {
        func value(_ key: String) -> String { (fields[key] ?? "").trimmingCharacters(in: .whitespaces) }
        basis = value("basis")
        name = value("name")
        version = value("version")
        generalAmount = value("generalAmount")
        cap = value("cap")
        halveBelowWorkingDays = value("halveBelowWorkingDays")
        halveBelowKm = value("halveBelowKm")
        minWorkingDays = value("minWorkingDays")
        maxCalendarDays = value("maxCalendarDays")
        rows = (1...Self.maximumRows).compactMap { number in
            let country = value("country\(number)")
            let amount = value("amount\(number)")
            return country.isEmpty && amount.isEmpty ? nil : Row(number: 0, country: country, amount: amount)
        }
        addBlankRows()
    }

    private mutating func addBlankRows() {
        rows = rows.enumerated().map { Row(number: $0.offset + 1, country: $0.element.country, amount: $0.element.amount) }
        let filled = rows.count
        for number in stride(from: filled + 1, through: min(Self.maximumRows, filled + Self.blankRows), by: 1) {
            rows.append(Row(number: number, country: "", amount: ""))
        }
    }

    /// The table the form describes, or every problem at once, each naming its field.
    func table() throws(AppError) -> RateTable {
        var c = InputChecker()
        if let builtIn = RateTable.builtIn.first(where: { $0.name == basis && basis != "country" }) { return builtIn }
        if basis != "country" { c.fail("basis", "one-of", "choose an amount per host country or a built-in table") }
        if name.isEmpty || name.utf8.count > 100 { c.fail("name", "required", "name the table, in 100 characters at most") }
        if version.isEmpty || version.utf8.count > 40 { c.fail("version", "required", "give its version, such as 2") }
        let general = Self.cents(generalAmount, "generalAmount", required: true, &c)
        let capCents = Self.cents(cap, "cap", required: false, &c)
        let halveDays = Self.whole(halveBelowWorkingDays, "halveBelowWorkingDays", 0...366, required: false, &c)
        let halveKm = Self.whole(halveBelowKm, "halveBelowKm", 0...40_000, required: false, &c)
        let minDays = Self.whole(minWorkingDays, "minWorkingDays", 1...366, required: true, &c)
        let maxDays = Self.whole(maxCalendarDays, "maxCalendarDays", 1...366, required: true, &c)
        if let minDays, let maxDays, maxDays < minDays {
            c.fail("maxCalendarDays", "range", "a stay's longest must not be shorter than its shortest (\(minDays) working days)")
        }
        var byCountry: [CountryCode: Int] = [:]
        for row in rows where !(row.country.isEmpty && row.amount.isEmpty) {
            let field = "row\(row.number)"
            guard let code = Validation.country(nameOrCode: row.country) else {
                c.fail(field, "participating-country", "Row \(row.number), country: choose a participating country")
                continue
            }
            if byCountry[code] != nil {
                c.fail(field, "repeated", "Row \(row.number), country: \(CountryRegistry.cosme.name(of: code)) has a row already")
                continue
            }
            var rowChecker = InputChecker()
            if let amount = Self.cents(row.amount, field, required: true, &rowChecker) {
                byCountry[code] = amount
            } else {
                let message = rowChecker.problems.first?.message ?? "write an amount in euros"
                c.fail(field, "amount", "Row \(row.number), amount: \(message)")
            }
        }
        guard c.problems.isEmpty, let general, let minDays, let maxDays else { throw .invalid(c.problems) }
        return RateTable(
            name: name, version: version, currency: "EUR",
            basis: .hostCountryThreshold(defaultCents: general, byCountry: byCountry),
            capCents: capCents, halveBelowWorkingDays: halveDays, halveBelowDistanceKm: halveKm.map(Double.init),
            limits: DurationLimits(minWorkingDays: minDays, maxCalendarDays: maxDays))
    }

    /// "780", "780.50", "780,50" or "1,100.00" euros as cents, at most EUR 100,000.
    static func cents(_ text: String, _ field: String, required: Bool, _ c: inout InputChecker) -> Int? {
        var digits = text.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "€", with: "")
        if digits.uppercased().hasPrefix("EUR") { digits.removeFirst(3) }
        if digits.isEmpty {
            if required { c.fail(field, "required", "write an amount in euros, such as 780") }
            return nil
        }
        // A comma followed by exactly two digits at the end is a decimal comma; any other is a thousands mark.
        if let comma = digits.lastIndex(of: ","), !digits.contains("."), digits.distance(from: comma, to: digits.endIndex) == 3 {
            digits.replaceSubrange(comma...comma, with: ".")
        }
        digits = digits.replacingOccurrences(of: ",", with: "")
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 6, whole.allSatisfy(\.isASCIIDigit),
            let euros = Int(whole), parts.count == 1 || (1...2).contains(parts[1].count) && parts[1].allSatisfy(\.isASCIIDigit)
        else {
            c.fail(field, "amount", "write an amount in euros, such as 780 or 780.50")
            return nil
        }
        let fraction = parts.count == 2 ? Int(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0 : 0
        let cents = euros * 100 + fraction
        guard cents <= 10_000_000 else {
            c.fail(field, "range", "at most EUR 100,000")
            return nil
        }
        return cents
    }

    private static func whole(
        _ text: String, _ field: String, _ range: ClosedRange<Int>, required: Bool, _ c: inout InputChecker
    ) -> Int? {
        if text.isEmpty {
            if required { c.fail(field, "required", "give a whole number from \(range.lowerBound) to \(range.upperBound)") }
            return nil
        }
        guard text.count <= 6, let number = Int(text), range.contains(number) else {
            c.fail(field, "range", "give a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return number
    }

    /// 78000 → "780", 78050 → "780.50".
    static func euros(_ cents: Int) -> String {
        cents % 100 == 0 ? String(cents / 100) : String(format: "%d.%02d", cents / 100, cents % 100)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
