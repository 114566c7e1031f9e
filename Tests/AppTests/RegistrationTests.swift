import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite struct RegistrationTests {
    struct Client {
        let app: Application
        let token: String

        init(app: Application, token: String) {
            self.app = app
            self.token = token
        }

        func send(
            _ method: HTTPMethod, _ path: String, json: [String: Any]? = nil, body: ByteBuffer? = nil,
            contentType: HTTPMediaType = .json
        ) async throws -> TestingHTTPResponse {
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: token)
            headers.contentType = contentType
            let data = try json.map { ByteBuffer(data: try JSONSerialization.data(withJSONObject: $0)) } ?? body
            return try await app.testing().sendRequest(method, path, headers: headers, body: data)
        }
    }

    static func client(_ app: Application, _ email: String, role: User.Role = .participant, partnership: String? = nil)
        async throws -> Client
    {
        try await makeUser(app, email, role: role, partnership: partnership)
        return Client(app: app, token: try await token(app, email))
    }

    static var austrianLab: [String: Any] {
        [
            "name": "Grazer Maschinenbau Labor", "kind": "technology-centre", "country": "AT", "city": "Graz",
            "sectors": ["C28"], "topics": ["robotics"], "languages": ["de", "en"], "description": "Machines.",
        ]
    }

    @Test func theWholeRegistrationPhaseThroughTheAPI() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(
                ImportTests.valid + "\n"
                    + #"{"type":"partnership","key":"P2","name":"Other","budgetCents":0,"targetExchanges":1}"#, into: app.db)
            let anna = try await Self.client(app, "anna@example.eu")
            let coordinator = try await Self.client(app, "coord@example.eu", role: .coordinator, partnership: "P1")
            let otherCoordinator = try await Self.client(app, "other@example.eu", role: .coordinator, partnership: "P2")

            let created = try await anna.send(.POST, "/api/v1/organisations", json: Self.austrianLab)
            #expect(created.status == .created, "\(created.body.string)")
            let organisation = try created.content.decode(OrganisationDTO.self)
            #expect(organisation.key == "grazer-maschinenbau-labor")
            #expect(organisation.validationStatus == .pending)
            #expect(organisation.city == "Graz")
            let listed = try await app.testing().sendRequest(.GET, "/api/v1/organisations?country=AT")
            #expect(try listed.content.decode(ListPage<OrganisationSummary>.self).total == 0)

            let suggestions = try await anna.send(.GET, "/api/v1/organisations/\(organisation.key)/partnership-suggestions")
            let suggested = try suggestions.content.decode([PartnershipSuggestion].self)
            #expect(suggested.first?.key == "P1")
            #expect(suggested.first?.reasons.contains("has cluster members in Austria") == true)

            let incomplete = try await anna.send(
                .POST, "/api/v1/organisations/\(organisation.key)/registration", json: ["motivation": "short"])
            #expect(incomplete.status == .unprocessableEntity)
            let problem = try JSONDecoder().decode(Problem.self, from: Data(buffer: incomplete.body))
            #expect(Set(problem.errors?.map(\.field) ?? []) == ["asVisitor", "motivation", "partnership"])

            let registration =
                [
                    "asVisitor": true, "asHost": true, "motivation": "We want to learn how others run robotics pilot lines.",
                    "partnership": "P1",
                ] as [String: Any]
            let submitted = try await anna.send(
                .POST, "/api/v1/organisations/\(organisation.key)/registration", json: registration)
            #expect(submitted.status == .created, "\(submitted.body.string)")
            let registrationID = try submitted.content.decode(RegistrationDTO.self).id
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$recipient == "coord@example.eu").count() == 1)

            #expect(
                try await coordinator.send(.GET, "/api/v1/validation-queue").content.decode([RegistrationDTO].self).map(\.id) == [
                    registrationID
                ])
            #expect(
                try await otherCoordinator.send(.GET, "/api/v1/validation-queue").content.decode([RegistrationDTO].self).isEmpty)
            #expect(
                try await otherCoordinator.send(
                    .POST, "/api/v1/registrations/\(registrationID)/decision", json: ["decision": "validate"]
                ).status == .notFound)
            #expect(try await otherCoordinator.send(.GET, "/api/v1/registrations/\(registrationID)").status == .notFound)

            let noReason = try await coordinator.send(
                .POST, "/api/v1/registrations/\(registrationID)/decision", json: ["decision": "request-changes"])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("\"field\":\"reason\""))
            let changes = try await coordinator.send(
                .POST, "/api/v1/registrations/\(registrationID)/decision",
                json: ["decision": "request-changes", "reason": "Please attach the CV of the traveller."])
            #expect(try changes.content.decode(RegistrationDTO.self).status == .changesRequested)
            let told = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "anna@example.eu").all()
            #expect(told.count == 1)
            #expect(told.first?.body.contains("Please attach the CV") == true)

            // The CV: a PDF only, 5 MB at most, seen by the coordinator, not by strangers.
            #expect(
                try await anna.send(
                    .PUT, "/api/v1/registrations/\(registrationID)/cv", body: ByteBuffer(string: "hello"), contentType: .plainText
                ).status == .unsupportedMediaType)
            let huge = ByteBuffer(data: Data("%PDF-1.7\n".utf8) + Data(count: Registrations.maximumCVBytes))
            #expect(
                try await anna.send(
                    .PUT, "/api/v1/registrations/\(registrationID)/cv", body: huge,
                    contentType: HTTPMediaType(type: "application", subType: "pdf")
                ).status == .payloadTooLarge)
            let pdf = ByteBuffer(string: "%PDF-1.4\n% a tiny CV\n")
            #expect(
                try await anna.send(
                    .PUT, "/api/v1/registrations/\(registrationID)/cv", body: pdf,
                    contentType: HTTPMediaType(type: "application", subType: "pdf")
                ).status == .noContent)
            let download = try await coordinator.send(.GET, "/api/v1/registrations/\(registrationID)/cv")
            #expect(download.status == .ok)
            #expect(download.body.string.hasPrefix("%PDF-1.4"))
            #expect(try await otherCoordinator.send(.GET, "/api/v1/registrations/\(registrationID)/cv").status == .notFound)

            let resubmitted = try await anna.send(
                .POST, "/api/v1/organisations/\(organisation.key)/registration", json: registration)
            #expect(try resubmitted.content.decode(RegistrationDTO.self).status == .submitted)
            let validated = try await coordinator.send(
                .POST, "/api/v1/registrations/\(registrationID)/decision", json: ["decision": "validate"])
            #expect(try validated.content.decode(RegistrationDTO.self).status == .validated)
            let now = try await app.testing().sendRequest(.GET, "/api/v1/organisations/\(organisation.key)")
            #expect(try now.content.decode(OrganisationDetail.self).organisation.partnership == "P1")
            #expect(
                try await anna.send(.POST, "/api/v1/registrations/\(registrationID)/decision", json: ["decision": "validate"])
                    .status == .forbidden)
            let again = try await coordinator.send(
                .POST, "/api/v1/registrations/\(registrationID)/decision",
                json: ["decision": "reject", "reason": "changed my mind"])
            #expect(again.status == .conflict)
        }
    }

    @Test func theRulesLibraryDecidesWhoMayVisit() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            let ben = try await Self.client(app, "ben@example.eu")
            var agency = Self.austrianLab
            agency["name"] = "Styrian Innovation Agency"
            agency["kind"] = "public-authority"
            let key = try await ben.send(.POST, "/api/v1/organisations", json: agency).content.decode(OrganisationDTO.self).key
            let response = try await ben.send(
                .POST, "/api/v1/organisations/\(key)/registration",
                json: [
                    "asVisitor": true, "motivation": "We would like to visit a cluster abroad.", "partnership": "P1",
                ])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("\"rule\":\"host-only-kind\""))
            var sme = Self.austrianLab
            sme["name"] = "Lonely SME"
            sme["kind"] = "sme"
            let smeKey = try await ben.send(.POST, "/api/v1/organisations", json: sme).content.decode(OrganisationDTO.self).key
            let smeResponse = try await ben.send(
                .POST, "/api/v1/organisations/\(smeKey)/registration",
                json: [
                    "asVisitor": true, "motivation": "We would like to visit a cluster abroad.", "partnership": "P1",
                ])
            #expect(smeResponse.body.string.contains("\"rule\":\"sme-without-cluster\""))
        }
    }

    @Test func badOrganisationsAreRefusedFieldByField() async throws {
        try await withApp { app in
            let carl = try await Self.client(app, "carl@example.eu")
            let response = try await carl.send(
                .POST, "/api/v1/organisations",
                json: [
                    "name": "", "kind": "castle", "country": "NO", "city": "Oslo", "sectors": ["26"], "languages": ["zz"],
                    "website": "ftp://x",
                ])
            #expect(response.status == .unprocessableEntity)
            let problem = try JSONDecoder().decode(Problem.self, from: Data(buffer: response.body))
            // The city is looked up only in a valid country.
            #expect(
                Set(problem.errors?.map(\.field) ?? []) == ["name", "kind", "country", "sectors[0]", "languages[0]", "website"])
            let wrongType = try await carl.send(.POST, "/api/v1/organisations", json: ["name": 12])
            #expect(wrongType.status == .badRequest)
            #expect(try await Organisation.query(on: app.db).count() == 0)
        }
    }

    @Test func theBrowserFormsShowErrorsBesideTheFields() async throws {
        try await withApp { app in
            _ = try await ImportCommand.importText(ImportTests.valid, into: app.db)
            try await makeUser(app, "dora@example.eu")
            let browser = TestBrowser(app)
            _ = try await browser.post("/login", form: ["email": "dora@example.eu", "password": "a-long-password"])
            let bad = try await browser.post(
                "/organisations",
                form: ["name": "Dora Lab", "kind": "fab-lab", "country": "FR", "city": "Atlantis", "sector1": "C26"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("id=\"city-error\""))
            #expect(bad.body.string.contains("value=\"Dora Lab\""))
            let good = try await browser.post(
                "/organisations",
                form: [
                    "name": "Dora Lab", "kind": "fab-lab", "country": "FR", "city": "Grenoble", "sector1": "C26",
                    "sector2": "C28",
                    "languages": "FR, en",
                ])
            #expect(good.status == .seeOther)
            #expect(good.headers.first(name: .location) == "/organisations/dora-lab/registration")
            let form = try await browser.get("/organisations/dora-lab/registration")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("Partnerships that fit your profile"))
            let registered = try await browser.post(
                "/organisations/dora-lab/registration",
                form: [
                    "asHost": "on", "motivation": "We open our fab lab to cluster visitors.", "partnership": "P1",
                ])
            #expect(registered.status == .seeOther)
            let mine = try await browser.get("/my")
            #expect(mine.body.string.contains("Dora Lab"))
            #expect(mine.body.string.contains("status-pending"))
        }
    }
}
