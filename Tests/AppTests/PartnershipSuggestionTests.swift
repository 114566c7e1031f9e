import Foundation
import Testing
import VaporTesting

@testable import App

/// Which partnership the platform suggests to an organisation registering: the case of a Polish
/// photonics SME that was offered Aerospace, Agri-Food and Chemicals (they count Poland among
/// their countries) and not Photonics, the partnership of its own cluster.
@Suite struct PartnershipSuggestionTests {
    static let catalogue = [
        #"{"type":"partnership","key":"aero","name":"Aerospace and Space Partnership","countries":["FR","PL"],"sectors":["C30"],"#
            + #""budgetCents":100,"targetExchanges":1}"#,
        #"{"type":"partnership","key":"agrifood","name":"Agri-Food Innovation Partnership","countries":["IT","PL"],"#
            + #""sectors":["A01","C10"],"budgetCents":100,"targetExchanges":1}"#,
        #"{"type":"partnership","key":"chemicals","name":"Chemicals Partnership","countries":["PL","BE"],"sectors":["C20"],"#
            + #""budgetCents":100,"targetExchanges":1}"#,
        #"{"type":"partnership","key":"photonics","name":"Photonics and Advanced Manufacturing Partnership","#
            + #""countries":["DE","FR"],"sectors":["C26","C27"],"budgetCents":100,"targetExchanges":1}"#,
        #"{"type":"organisation","key":"jena-optics","name":"Jena Optics Cluster","kind":"cluster-organisation","#
            + #""country":"DE","city":"Jena","sectors":["C26"],"topics":["photonics","laser processing"],"#
            + #""description":"A cluster.","languages":["de","en"],"partnership":"photonics"}"#,
    ].joined(separator: "\n")

    static var polishSME: [String: Any] {
        [
            "name": "Wroclaw Laser Works", "kind": "sme", "country": "PL", "city": "Wrocław", "sectors": ["C26"],
            "topics": ["laser", "photonics"], "languages": ["pl", "en"], "description": "Laser sources.",
            "cluster": "jena-optics",
        ]
    }

    @Test func theClusterSectorAndTopicsOutrankTheCountry() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(Self.catalogue, into: app.db)
            let owner = try await RegistrationTests.client(app, "owner@example.eu")
            let created = try await owner.send(.POST, "/api/v1/organisations", json: Self.polishSME)
            #expect(created.status == .created, "\(created.body.string)")
            let key = try created.content.decode(OrganisationDTO.self).key

            let answer = try await owner.send(.GET, "/api/v1/organisations/\(key)/partnership-suggestions")
            let suggestions = try answer.content.decode([PartnershipSuggestion].self)
            #expect(suggestions.first?.key == "photonics")
            let reasons = suggestions.first?.reasons ?? []
            #expect(reasons.contains("your cluster, Jena Optics Cluster, is a member"))
            #expect(reasons.contains("works in computer, electronic and optical products"))
            #expect(reasons.contains("its members work on laser, photonics"))
            // The country alone still counts, below: each of the three names Poland.
            #expect(Set(suggestions.dropFirst().map(\.key)) == ["aero", "agrifood", "chemicals"])
            #expect(suggestions.dropFirst().allSatisfy { $0.score < (suggestions.first?.score ?? 0) })
        }
    }

    @Test func theRegistrationPageOffersAndPreselectsOnlyAClearBestFit() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(Self.catalogue, into: app.db)
            let owner = try await RegistrationTests.client(app, "owner@example.eu")
            let key = try await owner.send(.POST, "/api/v1/organisations", json: Self.polishSME).content.decode(
                OrganisationDTO.self
            ).key
            let browser = try await TestBrowser.signedIn(app, "owner@example.eu")
            let page = try await browser.get("/organisations/\(key)/registration").body.string
            #expect(page.contains("Photonics and Advanced Manufacturing Partnership</strong>"))
            #expect(page.contains(#"<option value="photonics" selected>"#))
            #expect(!page.contains(#"<option value="aero" selected>"#))

            // Without the cluster, sector or topics, three partnerships fit by country alike: none is preselected.
            var plain = Self.polishSME
            plain["name"] = "Gdansk Trading"
            plain["sectors"] = ["G46"]
            plain["topics"] = ["trade"]
            plain["cluster"] = nil
            plain["kind"] = "business-network"
            let other = try await owner.send(.POST, "/api/v1/organisations", json: plain)
            #expect(other.status == .created, "\(other.body.string)")
            let otherKey = try other.content.decode(OrganisationDTO.self).key
            let otherPage = try await browser.get("/organisations/\(otherKey)/registration").body.string
            #expect(!otherPage.contains("selected>"))
        }
    }
}
