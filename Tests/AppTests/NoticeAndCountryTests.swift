import Fluent
import Foundation
import ProgrammeRules
import Testing
import Vapor
import VaporTesting

@testable import App

/// Two tasks that stopped people (issue 20): no stay is proposed, suggested or rounded sooner than
/// the programme's notice, and countries are taken by name as well as by code.
@Suite struct NoticeAndCountryTests {
    struct Stayed: Decodable {
        struct Stay: Decodable {
            let start: String
            let end: String
        }
        struct Item: Decodable { let stay: Stay }
        let suggestions: [Item]
    }

    @Test func noSuggestionOrProposalStartsSoonerThanTheNotice() async throws {
        try await withApp { app in
            // Monday 22 February 2027: ten working days in Germany and Austria end on Monday 8 March.
            let scene = try await ExchangeScene.make(app, today: "2027-02-22")
            let listed = try await scene.visitor.send(.GET, "/api/v1/requests/RV1/suggestions")
            let stays = try listed.content.decode(Stayed.self).suggestions.map(\.stay.start)
            #expect(!stays.isEmpty)
            #expect(stays.allSatisfy { $0 >= "2027-03-08" }, "\(stays)")

            let tooSoon = try await scene.visitor.send(
                .POST, "/api/v1/exchanges",
                json: ["request": "RV1", "offer": "FH1", "start": "2027-03-01", "end": "2027-03-05", "goals": "Learn."])
            #expect(tooSoon.status == .unprocessableEntity)
            #expect(tooSoon.body.string.contains("start-too-soon"))
            #expect(tooSoon.body.string.contains("8 March 2027"))

            // The support office shortens the notice: the same stay may be proposed.
            let changed = try await scene.admin.send(.PUT, "/api/v1/programme-settings", json: ["noticeWorkingDays": 3])
            #expect(try changed.content.decode(ProgrammeSettingsDTO.self).noticeWorkingDays == 3)
            _ = try await scene.propose()
            #expect(
                try await scene.admin.send(.PUT, "/api/v1/programme-settings", json: ["noticeWorkingDays": 61]).status
                    == .unprocessableEntity)
        }
    }

    @Test func aRoundProposesNoStayThatHasStartedOrIsTooSoon() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app, today: "2027-02-22")
            let run = try await scene.admin.send(.POST, "/api/v1/rounds", json: [:])
            #expect(run.status == .created, "\(run.body.string)")
            let round = try run.content.decode(RoundDTO.self)
            #expect(!round.proposals.isEmpty)
            #expect(
                round.proposals.allSatisfy { $0.stay.start >= CalendarDate(iso: "2027-03-08")! }, "\(round.proposals.map(\.stay))"
            )
        }
    }

    @Test func aHostAnsweringLateIsNotHeldToTheNotice() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app, today: "2027-01-11")
            let id = try await scene.propose().id
            // Five days before the stay: too late to propose it, not to accept what was proposed in time.
            scene.setToday("2027-02-24")
            try await scene.act(scene.host, id, "accept")
        }
    }

    @Test func countriesAreTakenByNameInTheirOwnLanguageAndInFrenchAsWellAsByCode() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let request: [String: Any] = [
                "title": "Learning from neighbours", "purposes": ["learn"], "earliest": "2027-03-01", "latest": "2027-04-30",
                "workingDays": 5, "preferredCountries": ["Germany", "Česko", "at", "Allemagne"],
            ]
            let published = try await scene.visitor.send(.POST, "/api/v1/organisations/V1/requests", json: request)
            #expect(published.status == .created, "\(published.body.string)")
            #expect(try published.content.decode(RequestDTO.self).preferredCountries.map(\.rawValue) == ["DE", "CZ", "AT", "DE"])
            var atlantis = request
            atlantis["preferredCountries"] = ["Germany", "Atlantis"]
            let refused = try await scene.visitor.send(.POST, "/api/v1/organisations/V1/requests", json: atlantis)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("preferredCountries[1]"))
            #expect(refused.body.string.contains("\\\"Atlantis\\\" is not one"))
            // The form offers the names, and shows a request's countries back by name.
            let visitor = try await TestBrowser.signedIn(app, "visitor@v1.example")
            let form = try await visitor.get("/organisations/V1/requests/new").body.string
            #expect(form.contains("<datalist id=\"country-names\">") && form.contains("<option value=\"Czechia\">"))
            let key = try published.content.decode(RequestDTO.self).key
            let edit = try await visitor.get("/requests/\(key)/edit").body.string
            #expect(edit.contains("value=\"Germany, Czechia, Austria, Germany\""))
        }
    }
}
