import ProgrammeRules
import PropertyBased
import Testing

@testable import Matching

/// Suggestions never include a pair the programme's rules refuse, over random organisations,
/// offers and requests; each suggestion is checked again from scratch, not through the matcher.
@Suite struct SuggestionRulesPropertyTests {
    static let countries = ["DE", "FR", "AT", "IT", "ES", "PL", "EE", "CH", "NO", "GB", "UA", "TR"]
    static let words = ["laser", "photonics", "hydrogen", "robotics", "textile", "food", "solar", "battery", "wood", "design"]

    @Test func everySuggestionSatisfiesTheRules() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var random = SystemRandomNumberGeneratorWithSeed(seed: UInt64(seed))
            let matcher = Self.randomMatcher(&random)
            for request in matcher.requests.values {
                for suggestion in matcher.hosts(forRequest: request.key, limit: 20) ?? [] {
                    Self.verify(suggestion, in: matcher)
                }
            }
            for offer in matcher.offers.values {
                for suggestion in matcher.visitors(forOffer: offer.key, limit: 20) ?? [] {
                    Self.verify(suggestion, in: matcher)
                }
            }
        }
    }

    @Test func theRandomDataDoesProduceSuggestions() {
        var random = SystemRandomNumberGeneratorWithSeed(seed: 42)
        let matcher = Self.randomMatcher(&random)
        let count = matcher.requests.keys.reduce(0) { $0 + (matcher.hosts(forRequest: $1, limit: 20)?.count ?? 0) }
        #expect(count > 20)
    }

    static func verify(_ suggestion: Suggestion, in matcher: Matcher) {
        guard let request = matcher.requests[suggestion.request], let offer = matcher.offers[suggestion.offer],
            let visitor = matcher.organisations[request.visitorKey], let host = matcher.organisations[offer.hostKey]
        else {
            Issue.record("suggestion names unknown records: \(suggestion)")
            return
        }
        let stay = suggestion.stay
        let decision = Fixture.rules.evaluate(
            ExchangeProposal(
                visitor: visitor.participant, host: host.participant, stay: stay,
                isVirtual: offer.isVirtual, visitorFundedExchanges: visitor.fundedExchanges))
        #expect(decision.isEligible, "\(suggestion.request) × \(suggestion.offer): \(decision.violations)")
        #expect(visitor.country != host.country)
        #expect(stay.start >= request.earliest && stay.end <= request.latest)
        #expect(stay.start >= offer.availableFrom && stay.end <= offer.availableTo)
        let counted = try? Fixture.calendar.workingDays(in: stay, country: host.country).workingDays
        #expect((counted ?? 0) >= request.workingDays)
        #expect(offer.capacityLeft > 0)
        #expect(visitor.fundedExchanges == 0)
        #expect((0...1).contains(suggestion.score))
    }

    static func randomMatcher(_ random: inout SystemRandomNumberGeneratorWithSeed) -> Matcher {
        func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
        func text(_ count: ClosedRange<Int>) -> String {
            (0..<Int.random(in: count, using: &random)).map { _ in pick(words) }.joined(separator: " ")
        }
        func window() -> (CalendarDate, CalendarDate) {
            let start = Fixture.date("2026-01-05").adding(days: Int.random(in: 0...300, using: &random))
            return (start, start.adding(days: Int.random(in: 0...90, using: &random)))
        }
        var matcher = Matcher(rules: Fixture.rules)
        let organisations = (0..<24).map { n in
            OrganisationProfile(
                key: "O\(n)", name: "O\(n)",
                participant: Participant(
                    kind: pick(OrganisationKind.allCases), country: Fixture.country(pick(countries)),
                    isClusterMember: Bool.random(using: &random), hasProgrammeApproval: Bool.random(using: &random)),
                coordinate: Coordinate(
                    latitude: Double.random(in: 36...60, using: &random), longitude: Double.random(in: -8...28, using: &random)),
                sectors: Fixture.sectors([pick(["C26", "C27", "A01", "J62", "C10"])]), topics: [pick(words)],
                languages: Set([pick(["en", "de", "fr"]), pick(["en", "it", "es"])]),
                fundedExchanges: Int.random(in: 0...5, using: &random) == 0 ? 1 : 0)
        }
        for organisation in organisations { matcher.upsert(organisation) }
        for n in 0..<30 {
            let (from, to) = window()
            matcher.upsert(
                OfferProfile(
                    key: "F\(n)", hostKey: pick(organisations).key, title: text(1...3), description: text(0...8),
                    topics: [pick(words)], purposes: Set([pick(Purpose.allCases)]), languages: [pick(["en", "de", "fr"])],
                    availableFrom: from, availableTo: to, capacityLeft: Int.random(in: 0...2, using: &random),
                    isVirtual: Int.random(in: 0...9, using: &random) == 0))
        }
        for n in 0..<20 {
            let (earliest, latest) = window()
            matcher.upsert(
                RequestProfile(
                    key: "R\(n)", visitorKey: pick(organisations).key, title: text(1...3), description: text(0...8),
                    topics: [pick(words)], purposes: Set([pick(Purpose.allCases)]), languages: [pick(["en", "de", "it"])],
                    earliest: earliest, latest: latest, workingDays: Int.random(in: 3...12, using: &random),
                    preferredCountries: Bool.random(using: &random) ? [] : [Fixture.country(pick(countries))]))
        }
        return matcher
    }
}
