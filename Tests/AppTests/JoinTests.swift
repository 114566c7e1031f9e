import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// "How to take part", open to anyone: the eligibility check, the lump-sum calculator and each
/// partnership's named contact.
@Suite struct JoinTests {
    func page(_ app: Application, _ query: String) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.GET, "/join?\(query)")
    }

    @Test func theCheckAnswersForEachKindAndCountry() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let member = try await page(app, "check=eligibility&kind=sme&country=PL&clusterMember=yes")
            #expect(member.status == .ok)
            #expect(member.body.string.contains("Yes: an SME in Poland may visit a host abroad and may host visitors."))
            let alone = try await page(app, "check=eligibility&kind=sme&country=Czechia&clusterMember=no").body.string
            #expect(alone.contains("Not yet: an SME in Czechia may neither visit nor host as things stand."))
            #expect(alone.contains("An SME may visit only as a member of a cluster organisation"))
            let company = try await page(app, "check=eligibility&kind=large-company&country=DE").body.string
            #expect(company.contains("A large company in Germany may host visitors, but may not visit."))
            let wrong = try await page(app, "check=eligibility&kind=pirate&country=Atlantis")
            #expect(wrong.status == .badRequest)
            #expect(wrong.body.string.contains(#"<p class="field-error" id="kind-error">choose the kind of organisation</p>"#))
            #expect(wrong.body.string.contains(#"id="country-error">choose the country where it is registered"#))
        }
    }

    @Test func theCalculatorQuotesByTheRateTableInForce() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let query =
                "check=quote&fromCity=Gi%C5%BCycko&fromCountry=PL&toCity=D%C4%9B%C4%8D%C3%ADn&toCountry=Czechia"
                + "&start=2027-03-01&end=2027-03-05"
            let quoted = try await page(app, query)
            #expect(quoted.status == .ok, "\(quoted.body.string)")
            let text = quoted.body.string
            #expect(text.contains("<strong>EUR 1,100.00</strong>"))
            #expect(text.contains("for a stay in Czechia, which has no amount of its own, for 5 working days."))
            #expect(text.contains("How it is worked out"))
            let unknown = try await page(
                app, "check=quote&fromCity=Atlantis&fromCountry=PL&toCity=Brno&toCountry=CZ&start=2027-03-01&end=2027-03-05")
            #expect(unknown.status == .badRequest)
            #expect(unknown.body.string.contains(#"id="fromCity-error""#))
            let backwards = try await page(
                app, "check=quote&fromCity=Lyon&fromCountry=FR&toCity=Brno&toCountry=CZ&start=2027-03-05&end=2027-03-01")
            #expect(backwards.body.string.contains("the last day comes after the first"))
            // Without a question the page offers dates a stay proposed today could have.
            let plain = try await page(app, "").body.string
            #expect(plain.contains(#"name="start" type="date" value="2027-"#))
        }
    }

    @Test func everyPartnershipNamesItsContactAndTheHomePageLeadsHere() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let coordinator = try #require(try await User.find(email: "coordinator@pv.example", on: app.db))
            let join = try await page(app, "").body.string
            #expect(join.contains("\(coordinator.name), <a href=\"mailto:coordinator@pv.example\">"))
            let partnership = try await app.testing().sendRequest(.GET, "/partnerships/PV").body.string
            #expect(partnership.contains("\(coordinator.name), coordinator, <a href=\"mailto:coordinator@pv.example\">"))
            // An applicant has the named contact from the registration on, on "My organisations".
            let visitor = try await TestBrowser.signedIn(app, "visitor@v1.example")
            let mine = try await visitor.get("/my").body.string
            #expect(mine.contains("Your contact: \(coordinator.name), <a href=\"mailto:coordinator@pv.example\""))
            let home = try await app.testing().sendRequest(.GET, "/").body.string
            #expect(home.contains(#"href="/join#check">Can my organisation take part?</a>"#))
            #expect(home.contains("up to EUR 1,100.00"))
        }
    }
}
