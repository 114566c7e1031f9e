import ProgrammeRules

/// Collects the problems of people's input field by field, so one answer names them all. Text is
/// measured in UTF-8 bytes (a character with a thousand combining marks is a thousand-odd bytes,
/// not one character), and control characters other than tab and line breaks are dropped: no
/// database takes a NUL in text.
struct InputChecker {
    var problems: [FieldProblem] = []

    mutating func fail(_ field: String, _ rule: String, _ message: String) {
        problems.append(FieldProblem(field, rule, message))
    }

    /// Trimmed, cleaned text of at most `max` UTF-8 bytes.
    mutating func text(_ value: String?, _ field: String, required: Bool, max: Int) -> String {
        let text = Self.clean(value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if required && text.isEmpty { fail(field, "required", "is required") }
        if text.utf8.count > max { fail(field, "too-long", Self.tooLong(max)) }
        return text
    }

    mutating func list(
        _ values: [String]?, _ field: String, required: Bool = false, maxCount: Int = 30,
        check: (String) -> String? = { _ in nil }
    ) -> [String] {
        var kept: [String] = []
        for (index, raw) in (values ?? []).prefix(maxCount + 1).enumerated() {
            let value = Self.clean(raw).trimmingCharacters(in: .whitespaces)
            if value.isEmpty { continue }
            if index == maxCount {
                fail(field, "too-many", "list at most \(maxCount)")
                break
            }
            if value.contains("|") || value.utf8.count > 80 {
                fail("\(field)[\(index)]", "invalid", "must be at most 80 bytes, without \"|\"")
            } else if let message = check(value) {
                fail("\(field)[\(index)]", "invalid", message)
            } else if !kept.contains(value) {
                kept.append(value)
            }
        }
        if required && kept.isEmpty && !problems.contains(where: { $0.field.hasPrefix(field) }) {
            fail(field, "required", "list at least one")
        }
        return kept
    }

    /// A calendar date the programme's calendar covers.
    mutating func date(_ value: String?, _ field: String) -> CalendarDate? {
        guard let value, let date = CalendarDate(iso: value.trimmingCharacters(in: .whitespaces)) else {
            fail(field, "date", "must be a calendar date as YYYY-MM-DD")
            return nil
        }
        guard Self.programmeYears.contains(date.year) else {
            fail(field, "date-range", "must be between \(Self.programmeYears.lowerBound) and \(Self.programmeYears.upperBound)")
            return nil
        }
        return date
    }

    /// A whole number in `range`.
    mutating func number(_ value: Int?, _ field: String, in range: ClosedRange<Int>, default fallback: Int? = nil) -> Int? {
        guard let value = value ?? fallback else {
            fail(field, "required", "is required")
            return nil
        }
        guard range.contains(value) else {
            fail(field, "range", "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    /// The years whose working days the bundled calendar can count.
    static let programmeYears = 2014...2035

    static func tooLong(_ max: Int) -> String {
        "is too long: at most \(max.formatted()) bytes (accented letters count as two)"
    }

    /// The text without control characters other than tab, line feed and carriage return.
    static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnwanted) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { !isUnwanted($0) })
        return String(scalars)
    }

    private static func isUnwanted(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0x7F
    }

    /// "C26, C28 ," -> ["C26", "C28"]: how forms take lists in one text field.
    static func commaSeparated(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension Int {
    /// "5,000".
    func formatted() -> String {
        let digits = String(self.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (self < 0 ? "-" : "") + groups.joined(separator: ",")
    }
}
