import Foundation
import Testing

@testable import ProgrammeRules

@Suite struct LumpSumTests {
    let calculator: LumpSumCalculator
    let lyon: Place
    let munich: Place
    let strasbourg: Place
    let kehl: Place

    init() throws {
        calculator = LumpSumCalculator(calendar: try HolidayCalendar.bundled())
        let gazetteer = try Gazetteer.bundled()
        lyon = try gazetteer.resolve("Lyon, FR").place
        munich = try gazetteer.resolve("Munich, DE").place
        strasbourg = try gazetteer.resolve("Strasbourg, FR").place
        // Across the Rhine from Strasbourg: 3 km, a different country.
        kehl = Place(label: "Kehl, DE", country: code("DE"), coordinate: Coordinate(latitude: 48.5728, longitude: 7.8152))
    }

    @Test func theDefaultTableIsTheInterfaceDocument() throws {
        let json = #"""
            {"name":"cxc-default","currency":"EUR","capCents":110000,"defaultThresholdCents":110000,
             "thresholdCents":{"DE":78000},"halveBelowWorkingDays":5,"halveBelowDistanceKm":200,
             "minWorkingDays":3,"maxCalendarDays":31}
            """#
        let decoded = try JSONDecoder().decode(RateTable.self, from: Data(json.utf8))
        #expect(decoded == RateTable.cxcDefault)
    }

    @Test func theHostCountryThresholdForFiveWorkingDays() throws {
        // Mon 2 to Fri 6 March 2026: five working days in Germany, 600+ km.
        let quote = try calculator.quote(from: lyon, to: munich, stay: stay("2026-03-02", "2026-03-06"), rates: .cxcDefault)
        #expect(quote.amountCents == 78_000)
        #expect(quote.workingDays == 5)
        #expect(!quote.halved)
        #expect(quote.distanceKm > 500 && quote.distanceKm < 700)
        #expect(quote.rates.name == "cxc-default")
        #expect(quote.reasons.contains { $0.contains("Threshold for stays in Germany: EUR 780.00") })
        #expect(quote.reasons.contains("Not halved: at least 5 working days and 200 km."))
        // The first reason is the amount in one sentence a visitor understands.
        #expect(quote.reasons.first == "EUR 780.00: the amount for a stay in Germany, for 5 working days.")
        #expect(!quote.reasons.contains { $0.contains("fingerprint") })
    }

    @Test func aCountryWithoutAnAmountOfItsOwnSaysSo() throws {
        let prague = try Gazetteer.bundled().resolve("Praha, CZ").place
        let quote = try calculator.quote(from: lyon, to: prague, stay: stay("2026-03-02", "2026-03-06"), rates: .cxcDefault)
        #expect(quote.amountCents == 110_000)
        #expect(
            quote.reasons.first
                == "EUR 1,100.00: the programme's general amount for a stay in Czechia, which has no amount of its own, "
                + "for 5 working days.")
    }

    @Test func halvedBelowFiveWorkingDays() throws {
        // The partnership example: EUR 390 for 3 days, EUR 780 for 5.
        let quote = try calculator.quote(from: lyon, to: munich, stay: stay("2026-03-02", "2026-03-04"), rates: .cxcDefault)
        #expect(quote.amountCents == 39_000)
        #expect(quote.halved)
        #expect(quote.reasons.contains { $0.contains("3 working days, fewer than 5") })
        #expect(
            quote.reasons.first
                == "EUR 390.00: half of the amount for a stay in Germany (EUR 780.00), because the stay has 3 working days, "
                + "fewer than 5.")
    }

    @Test func halvedBelowTwoHundredKilometres() throws {
        let quote = try calculator.quote(from: strasbourg, to: kehl, stay: stay("2026-03-02", "2026-03-13"), rates: .cxcDefault)
        #expect(quote.distanceKm < 10)
        #expect(quote.amountCents == 39_000)
        #expect(quote.halved)
    }

    @Test func halvedOnceWhenBothRulesApply() throws {
        let quote = try calculator.quote(from: strasbourg, to: kehl, stay: stay("2026-03-02", "2026-03-04"), rates: .cxcDefault)
        #expect(quote.amountCents == 39_000)
        #expect(quote.reasons.contains { $0.contains("fewer than 5") && $0.contains("less than 200 km") })
    }

    @Test func theDefaultThresholdElsewhereAndTheCap() throws {
        let quote = try calculator.quote(from: munich, to: lyon, stay: stay("2026-03-02", "2026-03-06"), rates: .cxcDefault)
        #expect(quote.amountCents == 110_000)
        var generous = RateTable.cxcDefault
        generous.basis = .hostCountryThreshold(defaultCents: 250_000, byCountry: [:])
        let capped = try calculator.quote(from: munich, to: lyon, stay: stay("2026-03-02", "2026-03-06"), rates: generous)
        #expect(capped.amountCents == 110_000)
        #expect(capped.baseCents == 250_000)
        #expect(capped.reasons.contains { $0.hasPrefix("Capped at EUR 1,100.00") })
    }

    @Test func halvingRoundsDownToTheCent() throws {
        var odd = RateTable.cxcDefault
        odd.basis = .hostCountryThreshold(defaultCents: 77_777, byCountry: [:])
        let quote = try calculator.quote(from: munich, to: lyon, stay: stay("2026-03-02", "2026-03-04"), rates: odd)
        #expect(quote.amountCents == 38_888)
    }

    @Test func distanceBandsWithGreenTravel() throws {
        let rates = RateTable.erasmusTravelBands
        let week = stay("2026-03-02", "2026-03-06")
        // Lyon to Munich is in the 500-1,999 km band.
        #expect(try calculator.quote(from: lyon, to: munich, stay: week, rates: rates).amountCents == 27_500)
        #expect(try calculator.quote(from: lyon, to: munich, stay: week, rates: rates, greenTravel: true).amountCents == 32_000)
        // Under 10 km nothing is due; in the 10-99 km band there is no green rate.
        #expect(try calculator.quote(from: strasbourg, to: kehl, stay: week, rates: rates).amountCents == 0)
        let offenburg = Place(
            label: "Offenburg, DE", country: code("DE"), coordinate: Coordinate(latitude: 48.4735, longitude: 7.9450))
        let green = try calculator.quote(from: strasbourg, to: offenburg, stay: week, rates: rates, greenTravel: true)
        #expect(green.amountCents == 2_300)
        #expect(green.reasons.contains { $0.contains("no green rate") })
    }

    @Test func refusalsNameEveryRule() {
        let oslo = Place(label: "Oslo, NO", country: code("NO"), coordinate: Coordinate(latitude: 59.91, longitude: 10.75))
        #expect(throws: QuoteRefusal.self) {
            try calculator.quote(from: lyon, to: oslo, stay: stay("2026-03-02", "2026-03-06"), rates: .cxcDefault)
        }
        do {
            _ = try calculator.quote(from: lyon, to: munich, stay: stay("2026-03-06", "2026-03-09"), rates: .cxcDefault)
            Issue.record("quoted a two-day stay")
        } catch {
            #expect(error.violations.map(\.rule) == [.tooShort])
        }
        do {
            _ = try calculator.quote(from: lyon, to: munich, stay: stay("2026-03-01", "2026-04-15"), rates: .cxcDefault)
            Issue.record("quoted a 46-day stay")
        } catch {
            #expect(error.violations.map(\.rule) == [.tooLong])
        }
    }

    @Test func aQuoteNamesItsTableAndTheFingerprintFollowsTheFigures() throws {
        var changed = RateTable.cxcDefault
        changed.capCents = 100_000
        #expect(changed.fingerprint != RateTable.cxcDefault.fingerprint)
        #expect(RateTable.cxcDefault.fingerprint == RateTable.cxcDefault.fingerprint)
        let quote = try calculator.quote(from: lyon, to: munich, stay: stay("2026-03-02", "2026-03-06"), rates: changed)
        #expect(quote.rates == RateTableReference(name: "cxc-default", version: "1", fingerprint: changed.fingerprint))
    }

    @Test func rateTablesRoundTripThroughJSON() throws {
        for table in RateTable.builtIn {
            let data = try JSONEncoder().encode(table)
            #expect(try JSONDecoder().decode(RateTable.self, from: data) == table)
        }
    }

    @Test(arguments: [
        #"{"name":"x","defaultThresholdCents":-1}"#,
        #"{"name":"x"}"#,
        #"{"name":"","defaultThresholdCents":1000}"#,
        #"{"name":"x","defaultThresholdCents":1000,"thresholdCents":{"Germany":1}}"#,
        #"{"name":"x","model":"distance-bands","bands":[{"fromKm":100,"standardCents":1},{"fromKm":10,"standardCents":2}]}"#,
        #"{"name":"x","model":"magic"}"#,
        #"{"name":"x","defaultThresholdCents":1000,"minWorkingDays":10,"maxCalendarDays":5}"#,
    ])
    func invalidTablesAreRejected(_ json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RateTable.self, from: Data(json.utf8)) }
    }

    @Test func moneyIsFormattedFromCents() {
        #expect(Money.format(cents: 110_000, currency: "EUR") == "EUR 1,100.00")
        #expect(Money.format(cents: 5, currency: "EUR") == "EUR 0.05")
        #expect(Money.format(cents: -123_456_789, currency: "EUR") == "EUR -1,234,567.89")
    }
}
