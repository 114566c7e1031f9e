import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite struct ListingTests {
    @Test func membersPublishChangeAndWithdrawOffersAndRequests() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            try await makeUser(app, "host@example.eu", organisation: "O0")
            try await makeUser(app, "visitor@example.eu", organisation: "O1")
            let host = try await RegistrationTests.Client(app: app, token: token(app, "host@example.eu"))
            let visitor = try await RegistrationTests.Client(app: app, token: token(app, "visitor@example.eu"))

            let offer: [String: Any] = [
                "title": "Laser week in Lyon", "purposes": ["learn", "technology"], "topics": ["lasers"],
                "availableFrom": "2027-03-01", "availableTo": "2027-06-30", "capacity": 2, "languages": ["fr", "en"],
            ]
            let created = try await host.send(.POST, "/api/v1/organisations/O0/offers", json: offer)
            #expect(created.status == .created, "\(created.body.string)")
            let key = try created.content.decode(OfferDTO.self).key
            #expect(key == "offer-laser-week-in-lyon")
            let listed = try await app.testing().sendRequest(.GET, "/api/v1/offers?q=laser")
            #expect(try listed.content.decode(ListPage<OfferDTO>.self).items.map(\.key) == [key])

            #expect(try await visitor.send(.POST, "/api/v1/organisations/O0/offers", json: offer).status == .notFound)
            #expect(try await visitor.send(.PUT, "/api/v1/offers/\(key)", json: offer).status == .notFound)
            var changed = offer
            changed["capacity"] = 3
            #expect(try await host.send(.PUT, "/api/v1/offers/\(key)", json: changed).content.decode(OfferDTO.self).capacity == 3)

            var bad = offer
            bad["availableTo"] = "2027-01-01"
            bad["purposes"] = ["tourism"]
            bad["virtual"] = true
            let refused = try await host.send(.POST, "/api/v1/organisations/O0/offers", json: bad)
            let problem = try JSONDecoder().decode(Problem.self, from: Data(buffer: refused.body))
            #expect(Set(problem.errors?.map(\.rule) ?? []) == ["invalid", "date-order", "virtual-not-allowed"])

            let request: [String: Any] = [
                "title": "Learning laser processing", "purposes": ["technology"], "earliest": "2027-03-01",
                "latest": "2027-04-30", "workingDays": 5, "preferredCountries": ["FR"],
            ]
            let published = try await visitor.send(.POST, "/api/v1/organisations/O1/requests", json: request)
            #expect(published.status == .created, "\(published.body.string)")
            var home = request
            home["preferredCountries"] = ["DE"]
            home["workingDays"] = 40
            let homeRefused = try await visitor.send(.POST, "/api/v1/organisations/O1/requests", json: home)
            #expect(homeRefused.body.string.contains("preferredCountries[0]"))
            #expect(homeRefused.body.string.contains("\"field\":\"workingDays\""))

            #expect(try await host.send(.DELETE, "/api/v1/offers/\(key)").status == .noContent)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/offers/\(key)").status == .notFound)
        }
    }

    @Test func onlyValidatedOrganisationsInTheRightRolePublish() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            let anna = try await RegistrationTests.client(app, "anna@example.eu")
            let coordinator = try await RegistrationTests.client(app, "coord@example.eu", role: .coordinator, partnership: "P1")
            let key = try await anna.send(.POST, "/api/v1/organisations", json: RegistrationTests.austrianLab).content.decode(
                OrganisationDTO.self
            ).key
            let offer: [String: Any] = [
                "title": "Robots", "purposes": ["learn"], "availableFrom": "2027-03-01", "availableTo": "2027-06-30",
            ]
            let pending = try await anna.send(.POST, "/api/v1/organisations/\(key)/offers", json: offer)
            #expect(pending.status == .conflict)
            #expect(pending.body.string.contains("not-validated"))
            let id = try await anna.send(
                .POST, "/api/v1/organisations/\(key)/registration",
                json: [
                    "asVisitor": true, "motivation": "We want to visit robotics clusters.", "partnership": "P1",
                ]
            ).content.decode(RegistrationDTO.self).id
            _ = try await coordinator.send(.POST, "/api/v1/registrations/\(id)/decision", json: ["decision": "validate"])
            let visitorOnly = try await anna.send(.POST, "/api/v1/organisations/\(key)/offers", json: offer)
            #expect(visitorOnly.status == .conflict)
            #expect(visitorOnly.body.string.contains("not-a-host"))
        }
    }

    @Test func theFormPublishesAnOffer() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            try await makeUser(app, "host@example.eu", organisation: "O0")
            let browser = TestBrowser(app)
            _ = try await browser.post("/login", form: ["email": "host@example.eu", "password": "a-long-password"])
            #expect(try await browser.get("/organisations/O0/offers/new").status == .ok)
            let bad = try await browser.post(
                "/organisations/O0/offers", form: ["title": "", "availableFrom": "2027-03-01", "availableTo": "2027-02-01"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("id=\"title-error\""))
            #expect(bad.body.string.contains("id=\"availableTo-error\""))
            let good = try await browser.post(
                "/organisations/O0/offers",
                form: [
                    "title": "Open lab days", "purposes[]": "learn", "availableFrom": "2027-03-01", "availableTo": "2027-05-01",
                    "capacity": "2",
                ])
            #expect(good.status == .seeOther)
            #expect(good.headers.first(name: .location) == "/offers/offer-open-lab-days")
        }
    }
}
