import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// GDPR articles 15, 17 and 20 (docs/interfaces.md, "Operations"): a person reads everything held
/// about them, and erasure leaves the exchanges they took part in, attributed to a former member.
@Suite struct PersonalDataTests {
    @Test func aPersonDownloadsEverythingHeldAboutThem() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let exchange = try await scene.signedByHost()
            let answer = try await scene.host.send(.GET, "/api/v1/me/data")
            #expect(answer.status == .ok)
            let data = try answer.content.decode(PersonalData.Export.self)
            #expect(data.account.email == "host@h1.example")
            #expect(data.memberships.map(\.organisation) == ["H1"])
            #expect(data.signatures.map(\.exchange) == [exchange])
            #expect(data.signInAttempts.contains { $0.succeeded })
            // A meeting at an event hidden since is still the person's data.
            let event = try await EventAttendanceTests.event(scene, places: nil)
            try await scene.host.send(.POST, "/api/v1/events/\(event)/registration")
            try await scene.visitor.send(.POST, "/api/v1/events/\(event)/registration")
            let people = try await scene.visitor.send(.GET, "/api/v1/events/\(event)/attendees").content.decode(
                [AttendeeDTO].self)
            let host = try #require(people.first { !$0.isYou })
            try await scene.visitor.send(
                .POST, "/api/v1/events/\(event)/meetings", json: ["with": host.id.uuidString, "start": "2027-04-01T08:00:00Z"])
            try await Publication.query(on: app.db).filter(\.$id == event).set(\.$status, to: .hidden).update()
            let later = try await scene.visitor.send(.GET, "/api/v1/me/data")
            #expect(later.status == .ok)
            #expect(try later.content.decode(PersonalData.Export.self).meetings.count == 1)
            #expect(try await APIClient(app: app, token: nil).send(.GET, "/api/v1/me/data").status == .unauthorized)
            let page = try await TestBrowser.signedIn(app, "host@h1.example").get("/account/data", accept: "application/json")
            #expect(page.headers.first(name: .contentDisposition)?.contains("clusterxchange-my-data.json") == true)
            #expect(page.body.string.contains("\"email\" : \"host@h1.example\""))
        }
    }

    @Test func erasureRemovesTheNameAndAddressAndKeepsTheExchange() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let exchange = try await scene.signedByHost()
            let host = try #require(try await User.find(email: "host@h1.example", on: app.db))
            let hostID = try host.requireID()
            // A wrong password changes nothing.
            let refused = try await scene.host.send(.DELETE, "/api/v1/me", json: ["password": "not-my-password"])
            #expect(refused.status == .unprocessableEntity)
            #expect(try await User.find(email: "host@h1.example", on: app.db) != nil)
            #expect(try await scene.host.send(.DELETE, "/api/v1/me", json: ["password": "a-long-password"]).status == .noContent)
            // Gone: the token, the address, signing in.
            #expect(try await scene.host.send(.GET, "/api/v1/me/data").status == .unauthorized)
            #expect(try await User.find(email: "host@h1.example", on: app.db) == nil)
            let signIn = try await app.testing().sendRequest(
                .POST, "/api/v1/auth/token",
                beforeRequest: { try $0.content.encode(["email": "host@h1.example", "password": "a-long-password"]) })
            #expect(signIn.status == .unauthorized)
            // The exchange stays, signed by a former member of the host.
            let erased = try #require(try await User.find(hostID, on: app.db))
            #expect(erased.name == "A former member of Munich Laser Centre" || erased.name.hasPrefix("A former member of "))
            let seen = try await scene.visitor.send(.GET, "/api/v1/exchanges/\(exchange)").body.string
            #expect(!seen.contains("host@h1.example") && seen.contains("A former member of"))
            #expect(try await Membership.query(on: app.db).filter(\.$user.$id == hostID).count() == 0)
            #expect(try await ExchangeSignature.query(on: app.db).filter(\.$user.$id == hostID).count() == 1)
            let history = try await ExchangeEvent.query(on: app.db).filter(\.$userID == hostID).all().map(\.by)
            #expect(!history.isEmpty && history.allSatisfy { $0.hasPrefix("A former member of ") })
        }
    }

    @Test func theSupportOfficeErasesAPersonOnRequestOnceTheAddressIsTyped() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let visitor = try #require(try await User.find(email: "visitor@v1.example", on: app.db))
            let office = try await TestBrowser.signedIn(app, "admin@example.eu")
            let path = "/support/people/\(try visitor.requireID())/erase"
            let wrong = try await office.post(path, form: ["email": "someone@else.example"])
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("type the person"))
            #expect(try await User.find(email: "visitor@v1.example", on: app.db) != nil)
            let done = try await office.post(path, form: ["email": "Visitor@V1.example"])
            #expect(done.status == .seeOther)
            #expect(try await User.find(email: "visitor@v1.example", on: app.db) == nil)
            // Nobody else may, and the office does not erase itself this way.
            let member = try await TestBrowser.signedIn(app, "member@v2.example")
            #expect(try await member.post(path, form: ["email": "x@y.example"]).status != .seeOther)
        }
    }

    @Test func theLastAdministratorIsToldWhatHappensToOpenExchanges() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            _ = try await scene.signedByHost()
            let host = try #require(try await User.find(email: "host@h1.example", on: app.db))
            try await Membership.query(on: app.db).filter(\.$user.$id == host.requireID()).set(\.$isAdmin, to: true).update()
            let page = try await TestBrowser.signedIn(app, "host@h1.example").get("/account").body.string
            #expect(page.contains("You are the only administrator of") && page.contains("1 exchange under way"))
            #expect(page.contains("Erase my account…"))
        }
    }
}
