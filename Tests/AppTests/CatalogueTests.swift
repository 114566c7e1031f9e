import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite struct CatalogueTests {
    /// The import fixture plus an organisation still waiting for validation.
    static func fixture(_ app: Application) async throws {
        _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
        let pending = try #require(try await Organisation.query(on: app.db).filter(\.$key == "O1").first())
        pending.validationStatus = .pending
        try await pending.save(on: app.db)
    }

    @Test func organisationCardsSayWhatEachDoesAndItsTopics() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let page = try await app.testing().sendRequest(.GET, "/catalogue?tab=organisations").body.string
            let card = try #require(
                page.components(separatedBy: "<li class=\"card\">").first { $0.contains("Lyon Photonics Cluster") })
            #expect(card.contains("<p>A cluster.</p>"))
            #expect(card.contains(#"<span class="tag">photonics</span>"#))
        }
        #expect(Catalogue.firstSentence("We cut metal. We also weld.") == "We cut metal.")
        #expect(Catalogue.firstSentence(String(repeating: "word ", count: 50)).hasSuffix("word…"))
        #expect(Catalogue.firstSentence(String(repeating: "word ", count: 50)).count <= 161)
    }

    @Test func thePagerNumbersThePagesAroundThisOneAndTheEnds() {
        let links = CatalogueController.pageLinks(current: 5, count: 54) { "/p\($0)" }
        #expect(
            links.map { $0.isGap ? "…" : $0.isCurrent ? "[\($0.number)]" : "\($0.number)" } == [
                "1", "…", "3", "4", "[5]", "6", "7", "…", "54",
            ])
        #expect(links.first?.link == "/p1" && links.first { $0.isCurrent }?.link == nil)
        #expect(CatalogueController.pageLinks(current: 1, count: 1) { "/p\($0)" }.isEmpty)
        // Beyond the last page: the pager still stands (no empty range), and nothing is marked current.
        let beyond = CatalogueController.pageLinks(current: 100, count: 54) { "/p\($0)" }
        #expect(beyond.map(\.number).suffix(3) == [52, 53, 54] && !beyond.contains(where: \.isCurrent))
        #expect(CatalogueController.pageLinks(current: 2, count: 3) { "/p\($0)" }.map(\.number) == [1, 2, 3])
    }

    @Test func listsOnlyValidatedOrganisationsWithFilters() async throws {
        try await withApp { app in
            try await Self.fixture(app)
            let all = try await app.testing().sendRequest(.GET, "/api/v1/organisations")
            #expect(all.status == .ok)
            let page = try all.content.decode(ListPage<OrganisationSummary>.self)
            #expect(page.items.map(\.key) == ["O0"])
            #expect(page.total == 1)
            let french = try await app.testing().sendRequest(
                .GET, "/api/v1/organisations?country=FR&kind=cluster-organisation&sector=C26&language=fr&partnership=P1")
            #expect(try french.content.decode(ListPage<OrganisationSummary>.self).total == 1)
            let german = try await app.testing().sendRequest(.GET, "/api/v1/organisations?country=DE")
            #expect(try german.content.decode(ListPage<OrganisationSummary>.self).total == 0)
        }
    }

    @Test func fullTextIgnoresCaseAndAccents() async throws {
        try await withApp { app in
            try await Self.fixture(app)
            for q in ["PHOTONICS", "lyon", "Lyón photonics"] {
                let response = try await app.testing().sendRequest(
                    .GET, "/api/v1/organisations?q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q)")
                #expect(try response.content.decode(ListPage<OrganisationSummary>.self).total == 1, "\(q)")
            }
            let none = try await app.testing().sendRequest(.GET, "/api/v1/organisations?q=hydrogen")
            #expect(try none.content.decode(ListPage<OrganisationSummary>.self).total == 0)
        }
    }

    @Test func searchResultsComeBestFirst() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(SuggestionTests.scene, into: app.db)
            // "Laser processing labs open week" holds both words in its title and topics; "Optics
            // and laser testing" only one. By title alone the order would be the other way round.
            let response = try await app.testing().sendRequest(.GET, "/api/v1/offers?q=laser%20processing")
            let page = try response.content.decode(ListPage<OfferDTO>.self)
            #expect(page.items.map(\.key).prefix(2) == ["F-AT", "F-DE"] || page.items.map(\.key).prefix(2) == ["F-DE", "F-AT"])
            #expect(page.total == 2)
            let one = try await app.testing().sendRequest(.GET, "/api/v1/offers?q=laser&per=1&page=3")
            let third = try one.content.decode(ListPage<OfferDTO>.self)
            #expect(third.items.map(\.key) == ["F-FR"])
            #expect(third.total == 3)
        }
    }

    @Test func theNewestComeFirstUnlessNamesAreAskedFor() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(SuggestionTests.scene, into: app.db)
            let offers = try await Offer.query(on: app.db).sort(\.$title).all()
            #expect(offers.count >= 3)
            // Published a day apart, the last title first.
            for (days, offer) in offers.enumerated() {
                let published = Date(timeIntervalSince1970: 1_790_000_000 + Double(days) * 86_400)
                try await app.db.sql().raw("UPDATE offers SET created_at = \(bind: published) WHERE id = \(bind: offer.id!)")
                    .run()
            }
            let newest = try await app.testing().sendRequest(.GET, "/api/v1/offers")
            #expect(try newest.content.decode(ListPage<OfferDTO>.self).items.map(\.key) == offers.map(\.key).reversed())
            let byName = try await app.testing().sendRequest(.GET, "/api/v1/offers?order=name")
            #expect(try byName.content.decode(ListPage<OfferDTO>.self).items.map(\.key) == offers.map(\.key))
            let bad = try await app.testing().sendRequest(.GET, "/api/v1/offers?order=oldest")
            #expect(bad.status == .badRequest)
            #expect(try JSONDecoder().decode(Problem.self, from: Data(buffer: bad.body)).errors?.map(\.field) == ["order"])
            // The page offers the choice, keeps it in its links, and says a search ranks instead.
            let page = try await app.testing().sendRequest(.GET, "/catalogue?tab=offers&order=name").body.string
            #expect(page.contains(#"<option value="name" selected>Name, A to Z</option>"#))
            let searched = try await app.testing().sendRequest(.GET, "/catalogue?tab=offers&q=laser").body.string
            #expect(searched.contains("Best matches first.") && !searched.contains(#"id="order""#))
        }
    }

    @Test func badFiltersAreNamed() async throws {
        try await withApp { app in
            // A query is part of the address: a malformed one is a bad request (400), naming every parameter.
            let response = try await app.testing().sendRequest(.GET, "/api/v1/offers?country=Atlantis&per=1000&purpose=fun")
            #expect(response.status == .badRequest)
            let problem = try JSONDecoder().decode(Problem.self, from: Data(buffer: response.body))
            #expect(Set(problem.errors?.map(\.field) ?? []) == ["country", "per", "purpose"])
            let unknown = try await app.testing().sendRequest(.GET, "/api/v1/requests?partnership=nope")
            #expect(unknown.status == .badRequest)
        }
    }

    @Test func offersAndRequestsOfUnvalidatedOrganisationsStayHidden() async throws {
        try await withApp { app in
            try await Self.fixture(app)
            let offers = try await app.testing().sendRequest(.GET, "/api/v1/offers?purpose=technology")
            #expect(try offers.content.decode(ListPage<OfferDTO>.self).items.map(\.key) == ["F1"])
            // R1's visitor O1 is pending.
            let requests = try await app.testing().sendRequest(.GET, "/api/v1/requests")
            #expect(try requests.content.decode(ListPage<RequestDTO>.self).total == 0)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/requests/R1").status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/organisations/O1").status == .notFound)
        }
    }

    @Test func membersAndTheCoordinatorSeeAPendingOrganisation() async throws {
        try await withApp { app in
            try await Self.fixture(app)
            try await makeUser(app, "member@example.eu", organisation: "O1")
            try await makeUser(app, "coordinator@example.eu", role: .coordinator, partnership: "P1")
            try await makeUser(app, "stranger@example.eu")
            for (email, status) in [
                ("member@example.eu", HTTPStatus.ok), ("coordinator@example.eu", .ok), ("stranger@example.eu", .notFound),
            ] {
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: try await token(app, email))
                let response = try await app.testing().sendRequest(.GET, "/api/v1/organisations/O1", headers: headers)
                #expect(response.status == status, "\(email)")
            }
        }
    }

    @Test func partnershipsShowTheirClusters() async throws {
        try await withApp { app in
            try await Self.fixture(app)
            let list = try await app.testing().sendRequest(.GET, "/api/v1/partnerships")
            #expect(try list.content.decode([PartnershipDTO].self).map(\.memberCount) == [1])
            let detail = try await app.testing().sendRequest(.GET, "/api/v1/partnerships/P1")
            #expect(try detail.content.decode(PartnershipDetail.self).clusters.map(\.key) == ["O0"])
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/partnerships/P9").status == .notFound)
        }
    }

    @Test func thePagesRenderTheSameData() async throws {
        try await withApp { app in
            try await Self.fixture(app)
            let browser = TestBrowser(app)
            let catalogue = try await browser.get("/catalogue?country=FR")
            #expect(catalogue.status == .ok)
            #expect(catalogue.body.string.contains("Lyon Photonics Cluster"))
            #expect(catalogue.body.string.contains("<option value=\"FR\" selected>"))
            let offers = try await browser.get("/catalogue?tab=offers")
            #expect(offers.body.string.contains("A week of photonics"))
            let bad = try await browser.get("/catalogue?sector=C2")
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("id=\"sector-error\""))
            for path in ["/organisations/O0", "/offers/F1", "/partnerships", "/partnerships/P1"] {
                #expect(try await browser.get(path).status == .ok, "\(path)")
            }
            let missing = try await browser.get("/organisations/O1")
            #expect(missing.status == .notFound)
            #expect(missing.headers.contentType == .html)
            #expect(missing.body.string.contains("<h1>Not found</h1>") && missing.body.string.contains("Error 404"))
        }
    }

    /// Searches are remembered per state of the matching index; a change in this instance is seen
    /// by the very next search, and a withdrawn offer leaves it.
    @Test func aRememberedSearchSeesTheInstancesOwnChangesAtOnce() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let anonymous = APIClient(app: app, token: nil)
            let count = { (path: String) async throws -> Int in
                try await anonymous.send(.GET, path).content.decode(ListPage<OfferDTO>.self).total
            }
            #expect(try await count("/api/v1/offers?q=laser") == 1)
            #expect(try await count("/api/v1/offers?q=laser") == 1, "asked again, the same answer")
            // The host's page lists its offers, remembered too.
            let hostPage = { () async throws -> String in try await TestBrowser(app).get("/organisations/H1").body.string }
            #expect(try await !hostPage().contains("Laser welding days"))
            let created = try await scene.host.send(
                .POST, "/api/v1/organisations/H1/offers",
                json: [
                    "title": "Laser welding days", "purposes": ["learn"], "topics": ["laser"],
                    "availableFrom": "2027-03-01", "availableTo": "2027-06-30", "capacity": 2, "languages": ["en"],
                ])
            #expect(created.status == .created)
            let key = try created.content.decode(OfferDTO.self).key
            #expect(try await count("/api/v1/offers?q=laser") == 2)
            #expect(try await hostPage().contains(#"<a href="/offers/\#(key)">Laser welding days</a>"#))
            #expect(try await scene.host.send(.DELETE, "/api/v1/offers/\(key)").status == .noContent)
            #expect(try await count("/api/v1/offers?q=laser") == 1)
            #expect(try await !hostPage().contains("Laser welding days"))
            // An organisation's new name shows on its cards at once.
            let host = try #require(try await Organisation.query(on: app.db).filter(\.$key == "H1").first())
            host.name = "Munich Laser Centre GmbH"
            try await host.save(on: app.db)
            let page = try await anonymous.send(.GET, "/api/v1/offers?q=laser").content.decode(ListPage<OfferDTO>.self)
            #expect(page.items.first?.host.name == "Munich Laser Centre GmbH")
        }
    }

    /// A partnership's members are remembered per state of the matching index too: an organisation
    /// renamed, or gone from its members, shows on the partnership's page at once.
    @Test func aPartnershipsMembersFollowItsOrganisations() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let browser = TestBrowser(app)
            let before = try await browser.get("/partnerships/PV").body.string
            #expect(before.contains(#"<a href="/organisations/V1">Lyon Photonics Cluster</a> (Lyon, France)"#))
            let visitor = try #require(try await Organisation.query(on: app.db).filter(\.$key == "V1").first())
            visitor.name = "Lyon Photonics & Optics"
            try await visitor.save(on: app.db)
            let renamed = try await browser.get("/partnerships/PV").body.string
            #expect(renamed.contains(#"<a href="/organisations/V1">Lyon Photonics &amp; Optics</a>"#))
            let members = { (page: String) in
                page.components(separatedBy: "/catalogue?partnership=PV\">").last?.prefix { $0 != "<" } ?? ""
            }
            let count = try #require(Int(members(renamed)))
            visitor.validationStatus = .changesRequested
            try await visitor.save(on: app.db)
            let after = try await browser.get("/partnerships/PV").body.string
            #expect(!after.contains("/organisations/V1\""))
            #expect(Int(members(after)) == count - 1)
        }
    }
}
