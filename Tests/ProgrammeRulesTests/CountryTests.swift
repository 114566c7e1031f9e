import Foundation
import Testing

@testable import ProgrammeRules

@Suite struct CountryTests {
    let countries = CountryRegistry.cosme

    @Test func theThirtyNineCountriesThatEverTookPart() {
        let codes = Set(countries.everParticipating.map(\.code.rawValue))
        let expected: Set<String> = [
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
            "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "GB",
            "AL", "AM", "BA", "IS", "XK", "MD", "ME", "MK", "RS", "TR", "UA",
        ]
        #expect(codes == expected)
        #expect(countries.everParticipating.filter(\.isEUMember).count == 27)
    }

    @Test(arguments: [
        ("GB", "2020-12-31", true), ("GB", "2021-01-01", false), ("GB", "2014-01-01", true),
        ("ME", "2014-10-28", false), ("ME", "2014-10-29", true),
        ("MK", "2015-01-15", false), ("MK", "2015-01-16", true),
        ("TR", "2014-12-21", false), ("TR", "2014-12-22", true),
        ("MD", "2015-04-06", false), ("MD", "2015-04-07", true),
        ("XK", "2026-06-01", true), ("DE", "2013-12-31", false), ("DE", "2035-12-31", true),
        ("NO", "2026-06-01", false), ("CH", "2026-06-01", false), ("IL", "2026-06-01", false),
        ("GE", "2026-06-01", false), ("TN", "2026-06-01", false), ("FO", "2026-06-01", false),
        ("US", "2026-06-01", false),
    ])
    func participationOnADate(_ country: String, _ date: String, _ expected: Bool) {
        #expect(countries.isParticipating(code(country), on: day(date)) == expected)
    }

    @Test func aStayMustLieInsideParticipation() throws {
        let uk = try #require(countries.country(code("GB")))
        #expect(uk.isParticipating(throughout: stay("2020-12-14", "2020-12-31")))
        #expect(!uk.isParticipating(throughout: stay("2020-12-28", "2021-01-08")))
    }

    @Test(arguments: [
        ("Germany", "DE"), ("deutschland", "DE"), ("Allemagne", "DE"), ("Czechia", "CZ"), ("Czech Republic", "CZ"),
        ("Česko", "CZ"), ("cesko", "CZ"), ("Tchéquie", "CZ"), ("Österreich", "AT"), ("Polska", "PL"), ("Türkiye", "TR"),
        ("Turkey", "TR"), ("UK", "GB"), ("the netherlands", "NL"), ("Κύπρος", "CY"), ("Shqipëria", "AL"),
    ])
    func countriesAreFoundByTheNamesPeopleWrite(_ name: String, _ expected: String) {
        #expect(countries.code(named: name) == code(expected), "\(name)")
    }

    @Test func aNameThatIsNoCountryFindsNone() {
        #expect(countries.code(named: "Atlantis") == nil)
        #expect(countries.code(named: "D") == nil)
    }

    @Test func namesForEveryCode() {
        #expect(countries.name(of: code("XK")) == "Kosovo")
        #expect(countries.name(of: code("GR")) == "Greece")
        #expect(countries.label(of: code("NO")) == "Norway (NO)")
    }

    @Test func codesAreTwoLetters() {
        #expect(CountryCode("de")?.rawValue == "DE")
        #expect(CountryCode("DEU") == nil)
        #expect(CountryCode("D1") == nil)
        #expect(CountryCode("") == nil)
    }

    /// JSON reads a code with `init(_:)`: what that refuses, JSON refuses, saying what it expected.
    @Test func jsonReadsAndWritesCodesAsText() throws {
        let codes = try JSONDecoder().decode([CountryCode].self, from: Data(#"["de"]"#.utf8))
        #expect(codes == [code("DE")])
        #expect(String(decoding: try JSONEncoder().encode(codes), as: UTF8.self) == #"["DE"]"#)
        do {
            _ = try JSONDecoder().decode([CountryCode].self, from: Data(#"["DEU"]"#.utf8))
            Issue.record("DEU was read as a country code")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription == #"expected an ISO 3166-1 alpha-2 country code, got "DEU""#)
            #expect(context.codingPath.map(\.intValue) == [0])
        }
    }
}
