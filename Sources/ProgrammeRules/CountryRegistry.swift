import Foundation

/// The countries of the programme, with the dates they took part. Sources: the programme rules
/// (`docs/programme-rules.md`, "COSME participating countries"): COSME started on 2014-01-01; dates
/// of later accessions as listed there (decision 0003).
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

    /// The country a person named: its English name, its own name, a common variant or its French
    /// name ("Czechia", "Česko", "Czech Republic", "Tchéquie"), folded; "UK" too.
    public func code(named name: String) -> CountryCode? {
        let wanted = NameFolding.fold(name)
        guard wanted.count >= 2 else { return nil }
        if let code = countries.values.first(where: { NameFolding.fold($0.name) == wanted })?.code { return code }
        return CountryNames.others.first { _, names in names.contains { NameFolding.fold($0) == wanted } }
            .flatMap { CountryCode($0.key) }
    }

    public func label(of code: CountryCode) -> String { "\(name(of: code)) (\(code))" }

    public static let cosme = CountryRegistry(countries: CountryTable.all)
}
