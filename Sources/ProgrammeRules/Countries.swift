import Foundation

/// An ISO 3166-1 alpha-2 code, upper case (`XK` for Kosovo, `GR` for Greece).
public struct CountryCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts two ASCII letters in either case; returns nil otherwise.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.utf8.count == 2, trimmed.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        rawValue = trimmed.uppercased()
    }

    /// For codes written in this library's own tables.
    init(literal: String) { rawValue = literal }

    public var description: String { rawValue }
    public static func < (lhs: CountryCode, rhs: CountryCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let code = CountryCode(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected an ISO 3166-1 alpha-2 country code, got \"\(text)\"")
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A closed interval of days; `until == nil` means open-ended.
public struct ParticipationPeriod: Hashable, Sendable {
    public let from: CalendarDate
    public let until: CalendarDate?

    public func contains(_ date: CalendarDate) -> Bool {
        date >= from && (until.map { date <= $0 } ?? true)
    }

    public var description: String {
        until.map { "from \(from) to \($0)" } ?? "from \(from)"
    }
}

public struct Country: Hashable, Sendable {
    public let code: CountryCode
    public let name: String
    public let isEUMember: Bool
    /// When the country took part in COSME (and the programme after it). Empty: never.
    public let participation: [ParticipationPeriod]

    public func isParticipating(on date: CalendarDate) -> Bool {
        participation.contains { $0.contains(date) }
    }

    /// True when every day of the stay falls in one participation period.
    public func isParticipating(throughout stay: Stay) -> Bool {
        participation.contains { $0.contains(stay.start) && $0.contains(stay.end) }
    }

    /// "Montenegro (ME)".
    public var label: String { "\(name) (\(code))" }
}

/// The countries of the programme, with the dates they took part. Sources: the programme rules
/// (docs/programme-rules.md): COSME started on 2014-01-01; dates of later accessions as listed there.
public struct CountryRegistry: Sendable {
    public let countries: [CountryCode: Country]

    public init(countries: [Country]) {
        self.countries = Dictionary(uniqueKeysWithValues: countries.map { ($0.code, $0) })
    }

    public func country(_ code: CountryCode) -> Country? { countries[code] }

    public func isParticipating(_ code: CountryCode, on date: CalendarDate) -> Bool {
        countries[code]?.isParticipating(on: date) ?? false
    }

    /// Countries that take part on `date`, by code.
    public func participating(on date: CalendarDate) -> [Country] {
        countries.values.filter { $0.isParticipating(on: date) }.sorted { $0.code < $1.code }
    }

    /// Every country that ever took part, by code.
    public var everParticipating: [Country] {
        countries.values.filter { !$0.participation.isEmpty }.sorted { $0.code < $1.code }
    }

    /// A name for any code: the registry's, else the system's English region name, else the code.
    public func name(of code: CountryCode) -> String {
        if let country = countries[code] { return country.name }
        return Locale(identifier: "en_GB").localizedString(forRegionCode: code.rawValue) ?? code.rawValue
    }

    public func label(of code: CountryCode) -> String { "\(name(of: code)) (\(code))" }

    public static let cosme = CountryRegistry(countries: CountryTable.all)
}

enum CountryTable {
    static let programmeStart = date(2014, 1, 1)

    static func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
        // Only called with literal, valid dates below.
        CalendarDate(year: year, month: month, day: day) ?? CalendarDate(dayNumber: 0)
    }

    static func member(_ code: String, _ name: String) -> Country {
        country(code, name, eu: true, from: programmeStart)
    }

    static func country(
        _ code: String, _ name: String, eu: Bool = false, from: CalendarDate, until: CalendarDate? = nil
    ) -> Country {
        Country(
            code: CountryCode(literal: code), name: name, isEUMember: eu,
            participation: [ParticipationPeriod(from: from, until: until)])
    }

    static func never(_ code: String, _ name: String) -> Country {
        Country(code: CountryCode(literal: code), name: name, isEUMember: false, participation: [])
    }

    static let all: [Country] = [
        member("AT", "Austria"), member("BE", "Belgium"), member("BG", "Bulgaria"),
        member("HR", "Croatia"), member("CY", "Cyprus"), member("CZ", "Czechia"),
        member("DK", "Denmark"), member("EE", "Estonia"), member("FI", "Finland"),
        member("FR", "France"), member("DE", "Germany"), member("GR", "Greece"),
        member("HU", "Hungary"), member("IE", "Ireland"), member("IT", "Italy"),
        member("LV", "Latvia"), member("LT", "Lithuania"), member("LU", "Luxembourg"),
        member("MT", "Malta"), member("NL", "Netherlands"), member("PL", "Poland"),
        member("PT", "Portugal"), member("RO", "Romania"), member("SK", "Slovakia"),
        member("SI", "Slovenia"), member("ES", "Spain"), member("SE", "Sweden"),
        // Withdrew from the EU on 2020-01-31; took part until the end of the transition period.
        country("GB", "United Kingdom", from: programmeStart, until: date(2020, 12, 31)),
        country("AL", "Albania", from: programmeStart),
        country("AM", "Armenia", from: programmeStart),
        country("BA", "Bosnia and Herzegovina", from: programmeStart),
        country("IS", "Iceland", from: programmeStart),
        // This designation is without prejudice to positions on status.
        country("XK", "Kosovo", from: programmeStart),
        country("MD", "Moldova", from: date(2015, 4, 7)),
        country("ME", "Montenegro", from: date(2014, 10, 29)),
        country("MK", "North Macedonia", from: date(2015, 1, 16)),
        country("RS", "Serbia", from: programmeStart),
        country("TR", "Turkey", from: date(2014, 12, 22)),
        country("UA", "Ukraine", from: programmeStart),
        // Often confused with COSME participants (Horizon associates and others): never took part.
        never("NO", "Norway"), never("CH", "Switzerland"), never("IL", "Israel"),
        never("GE", "Georgia"), never("TN", "Tunisia"), never("FO", "Faroe Islands"),
        never("LI", "Liechtenstein"),
    ]
}
