import ProgrammeRules
import Testing

@testable import Matching

@Suite struct MatcherTests {
    /// A photonics cluster in Jena looking for laser know-how, three hosts that could help, and
    /// hosts that must never be suggested.
    func scene() -> Matcher {
        Fixture.matcher(
            organisations: [
                Fixture.organisation("visitor", country: "DE", city: "Jena", sectors: ["C26"], languages: ["de", "en"]),
                Fixture.organisation(
                    "vienna", country: "AT", city: "Vienna", sectors: ["C26"], topics: ["photonics"], languages: ["de", "en"]),
                Fixture.organisation(
                    "lyon", country: "FR", city: "Lyon", sectors: ["C27"], topics: ["optics"], languages: ["fr", "en"]),
                Fixture.organisation(
                    "porto", country: "PT", city: "Porto", sectors: ["A01"], topics: ["wine"], languages: ["pt"]),
                Fixture.organisation("munich", country: "DE", city: "Munich", sectors: ["C26"]),
                Fixture.organisation("full", country: "EE", city: "Tallinn", sectors: ["C26"]),
            ],
            offers: [
                Fixture.offer("F-vienna", host: "vienna", languages: ["de", "en"]),
                Fixture.offer(
                    "F-lyon", host: "lyon", title: "Laser processing and optics", topics: ["laser processing", "optics"],
                    purposes: [.technology], languages: ["fr", "en"]),
                Fixture.offer(
                    "F-porto", host: "porto", title: "Vineyards and laser sorting", description: "Precision agriculture.",
                    topics: ["wine"], purposes: [.markets], languages: ["pt"]),
                Fixture.offer("F-munich", host: "munich"),
                Fixture.offer("F-full", host: "full", capacity: 0),
                Fixture.offer("F-late", host: "vienna", from: "2026-09-01", to: "2026-12-18"),
            ],
            requests: [Fixture.request("R1", visitor: "visitor", languages: ["de", "en"])])
    }

    @Test func theBestHostComesFirstWithItsReasons() throws {
        let suggestions = try #require(scene().hosts(forRequest: "R1"))
        #expect(suggestions.map(\.offer) == ["F-vienna", "F-lyon", "F-porto"])
        let best = try #require(suggestions.first)
        #expect(best.host == "vienna" && best.visitor == "visitor" && best.request == "R1")
        #expect(best.reasons.contains("shares topics photonics and laser processing"))
        #expect(best.reasons.contains("same sector C26"))
        #expect(best.reasons.contains("both speak German and English"))
        #expect(best.reasons.contains("5 working days fit the windows, e.g. 2–6 March 2026"))
        #expect(best.reasons.contains { $0.hasSuffix(" km, by train") })
        #expect(suggestions[1].reasons.contains("same sector section C"))
        for suggestion in suggestions { #expect((0...1).contains(suggestion.score)) }
        #expect(suggestions.map(\.score) == suggestions.map(\.score).sorted(by: >))
    }

    @Test func pairsThatBreakARuleAreNeverSuggestedButExplained() throws {
        let matcher = scene()
        let keys = try #require(matcher.hosts(forRequest: "R1", limit: 50)).map(\.offer)
        #expect(!keys.contains("F-munich") && !keys.contains("F-full") && !keys.contains("F-late"))

        let munich = try #require(matcher.explain(request: "R1", offer: "F-munich"))
        #expect(munich.obstacles.map(\.id) == ["same-country"])
        let full = try #require(matcher.explain(request: "R1", offer: "F-full"))
        #expect(full.obstacles.map(\.id) == ["capacity-exhausted"])
        let late = try #require(matcher.explain(request: "R1", offer: "F-late"))
        #expect(late.obstacles.map(\.id) == ["no-stay-window"])
        #expect(late.obstacles.first?.message.contains("do not overlap") == true)

        let vienna = try #require(matcher.explain(request: "R1", host: "vienna"))
        #expect(vienna.map(\.offer) == ["F-late", "F-vienna"])
        #expect(vienna.map(\.isSuggestible) == [false, true])
    }

    @Test func aVisitorAlreadyFundedOrOfAHostOnlyKindGetsNoSuggestions() throws {
        var matcher = scene()
        matcher.upsert(Fixture.organisation("visitor", country: "DE", city: "Jena", funded: 1))
        #expect(try #require(matcher.hosts(forRequest: "R1")).isEmpty)
        #expect(matcher.explain(request: "R1", offer: "F-vienna")?.obstacles.map(\.id) == ["already-funded"])

        matcher.upsert(Fixture.organisation("visitor", .largeCompany, country: "DE", city: "Jena"))
        #expect(try #require(matcher.hosts(forRequest: "R1")).isEmpty)
        #expect(matcher.explain(request: "R1", offer: "F-vienna")?.obstacles.map(\.id) == ["host-only-kind"])
    }

    @Test func changesTakeEffectWithoutARebuild() throws {
        var matcher = scene()
        matcher.removeOffer(key: "F-vienna")
        #expect(try #require(matcher.hosts(forRequest: "R1")).first?.offer == "F-lyon")
        // Lyon's host moves to Germany: same country as the visitor, so it drops out.
        matcher.upsert(Fixture.organisation("lyon", country: "DE", city: "Munich"))
        #expect(try #require(matcher.hosts(forRequest: "R1")).map(\.offer) == ["F-porto"])
        matcher.removeRequest(key: "R1")
        #expect(matcher.hosts(forRequest: "R1") == nil)
    }

    @Test func hostsSeeTheVisitorsThatSuitTheirOffer() throws {
        let suggestions = try #require(scene().visitors(forOffer: "F-vienna"))
        #expect(suggestions.map(\.request) == ["R1"])
        #expect(suggestions.first?.reasons.contains("same sector C26") == true)
        #expect(try #require(scene().visitors(forOffer: "F-munich")).isEmpty)
    }

    @Test func aPreferredCountryCountsAndIsSaid() throws {
        var matcher = scene()
        matcher.upsert(Fixture.request("R1", visitor: "visitor", languages: ["de", "en"], preferred: ["FR"]))
        let lyon = try #require(matcher.hosts(forRequest: "R1")?.first { $0.offer == "F-lyon" })
        #expect(lyon.reasons.contains("in a preferred country, France"))
        #expect(lyon.parts.country == 1)
        let vienna = try #require(matcher.hosts(forRequest: "R1")?.first { $0.offer == "F-vienna" })
        #expect(vienna.parts.country == 0)
    }
}
