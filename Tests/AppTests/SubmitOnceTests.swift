import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// A form sent twice acts once: a double click or the back button never makes a second
/// organisation, and the second submission lands where the first led.
@Suite struct SubmitOnceTests {
    static func onceToken(_ page: String) -> String? {
        guard let range = page.range(of: "name=\"_once\" value=\"") else { return nil }
        let token = page[range.upperBound...].prefix { $0 != "\"" }
        return token.isEmpty ? nil : String(token)
    }

    static let organisation = [
        "name": "Porto Textile Lab", "kind": "technology-centre", "country": "PT", "city": "Porto", "sector1": "C13",
        "topics": "technical textiles", "languages": "pt, en", "description": "Textiles.",
    ]

    @Test func theSameFormSentTwiceMakesOneOrganisation() async throws {
        try await withApp { app in
            try await makeUser(app, "rita@example.eu")
            let browser = try await TestBrowser.signedIn(app, "rita@example.eu")
            let form = try await browser.get("/organisations/new").body.string
            let once = try #require(Self.onceToken(form))
            var fields = Self.organisation
            fields["_once"] = once
            let first = try await browser.post("/organisations", form: fields)
            let second = try await browser.post("/organisations", form: fields)
            #expect(first.status == .seeOther)
            #expect(second.status == .seeOther)
            #expect(second.headers.first(name: .location) == first.headers.first(name: .location))
            #expect(try await Organisation.query(on: app.db).filter(\.$name == "Porto Textile Lab").count() == 1)
            let landed = try await browser.get(try #require(second.headers.first(name: .location))).body.string
            #expect(landed.contains("This was already sent; here is what it did."))

            // A new page has a new token: a second organisation on purpose is possible.
            let again = try #require(Self.onceToken(try await browser.get("/organisations/new").body.string))
            #expect(again != once)
            fields["_once"] = again
            fields["name"] = "Porto Textile Lab Two"
            #expect(try await browser.post("/organisations", form: fields).status == .seeOther)
            #expect(try await Organisation.query(on: app.db).count() == 2)
        }
    }

    @Test func aFormShownAgainWithItsErrorsCanBeSentOnceCorrected() async throws {
        try await withApp { app in
            try await makeUser(app, "rita@example.eu")
            let browser = try await TestBrowser.signedIn(app, "rita@example.eu")
            let once = try #require(Self.onceToken(try await browser.get("/organisations/new").body.string))
            var fields = Self.organisation
            fields["_once"] = once
            fields["city"] = "Atlantis"
            let refused = try await browser.post("/organisations", form: fields)
            #expect(refused.status == .unprocessableEntity)
            fields["city"] = "Porto"
            #expect(try await browser.post("/organisations", form: fields).status == .seeOther)
            #expect(try await Organisation.query(on: app.db).count() == 1)
        }
    }
}
