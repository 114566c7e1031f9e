import Fluent
import ProgrammeRules
import Vapor

/// The registration phase in the browser: add an organisation, register it, follow its status.
struct RegistrationPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.get("my", use: mine)
        signedIn.get("organisations", "new", use: newOrganisationForm)
        signedIn.post("organisations", use: createOrganisation)
        signedIn.get("organisations", ":key", "edit", use: editOrganisationForm)
        signedIn.post("organisations", ":key", "edit", use: editOrganisation)
        signedIn.get("organisations", ":key", "registration", use: registrationForm)
        signedIn.on(.POST, "organisations", ":key", "registration", body: .collect(maxSize: "6mb"), use: register)
    }

    // MARK: My organisations

    struct MyOrganisation: Encodable {
        let key: String
        let name: String
        /// "requested" while an admin has not approved the person's request to join.
        let membership: String
        let isAdmin: Bool
        let status: String
        let reason: String?
        let registrationStatus: String?
        let partnership: String?
    }

    struct JoinRequest: Encodable {
        let organisationKey: String
        let organisationName: String
        let userID: String
        let name: String
        let email: String
    }

    struct MyPage: Encodable {
        let layout: Layout
        let organisations: [MyOrganisation]
        let joinRequests: [JoinRequest]
    }

    @Sendable
    func mine(req: Request) async throws -> View {
        let user = try req.auth.require(User.self)
        let memberships = try await Membership.query(on: req.db).filter(\.$user.$id == (try user.requireID())).with(\.$organisation).all()
        var organisations: [MyOrganisation] = []
        var joinRequests: [JoinRequest] = []
        for membership in memberships where membership.status == .active && membership.isAdmin {
            for member in try await Memberships.members(of: membership.organisation, on: req.db) where member.status == Membership.Status.requested.rawValue {
                joinRequests.append(JoinRequest(organisationKey: membership.organisation.key, organisationName: membership.organisation.name,
                                                userID: member.userID.uuidString, name: member.name, email: member.email))
            }
        }
        for membership in memberships {
            let organisation = membership.organisation
            let registration = try await Registration.query(on: req.db).filter(\.$organisation.$id == (try organisation.requireID())).with(\.$partnership).first()
            organisations.append(MyOrganisation(
                key: organisation.key, name: organisation.name, membership: membership.status.rawValue,
                isAdmin: membership.isAdmin && membership.status == .active, status: organisation.validationStatus.rawValue,
                reason: organisation.validationReason, registrationStatus: registration?.status.rawValue, partnership: registration?.partnership.name))
        }
        return try await req.view.render("my", MyPage(layout: req.layout("My organisations"), organisations: organisations, joinRequests: joinRequests))
    }

    // MARK: A new organisation

    struct OrganisationForm: Content {
        var name: String?
        var kind: String?
        var country: String?
        var city: String?
        var sectors: String?
        var topics: String?
        var description: String?
        var languages: String?
        var website: String?
        var cluster: String?

        var input: OrganisationInput {
            let split = InputChecker.commaSeparated
            return OrganisationInput(
                name: name, kind: kind, country: country, city: city, sectors: split(sectors).map { $0.uppercased() },
                topics: split(topics), description: description, languages: split(languages).map { $0.lowercased() },
                website: website, cluster: cluster.flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    struct Choice: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct NewOrganisationPage: Encodable {
        let layout: Layout
        let heading: String
        let action: String
        let submitLabel: String
        let form: OrganisationForm
        let kinds: [Choice]
        let countries: [Choice]
        let clusters: [Choice]
        let errors: [String: String]
    }

    @Sendable
    func newOrganisationForm(req: Request) async throws -> View {
        try await renderNewOrganisation(req, form: OrganisationForm(), errors: [:])
    }

    @Sendable
    func editOrganisationForm(req: Request) async throws -> View {
        let organisation = try await Memberships.administered(try req.parameters.require("key"), by: try req.auth.require(User.self), on: req.db)
        let cluster = try await organisation.$cluster.get(on: req.db)
        let form = OrganisationForm(
            name: organisation.name, kind: organisation.kind, country: organisation.country, city: organisation.city,
            sectors: organisation.sectors.joined(separator: ", "), topics: organisation.topics.joined(separator: ", "),
            description: organisation.description, languages: organisation.languages.joined(separator: ", "),
            website: organisation.website, cluster: cluster?.key)
        return try await renderNewOrganisation(req, form: form, errors: [:], editing: organisation.key)
    }

    @Sendable
    func editOrganisation(req: Request) async throws -> Response {
        let key: String = try req.parameters.require("key")
        let form = try req.content.decode(OrganisationForm.self)
        do {
            let organisation = try await Organisations.update(key, form.input, by: try req.auth.require(User.self), on: req.db,
                                                             gazetteer: try Gazetteer.bundled(), linkBase: req.application.linkBase)
            return req.redirect(to: "/organisations/\(organisation.key)")
        } catch let problem as InputProblem {
            let errors = Dictionary(problem.problems.map { (String($0.field.prefix { $0 != "[" }), $0.message) }, uniquingKeysWith: { a, _ in a })
            let response = try await renderNewOrganisation(req, form: form, errors: errors, editing: key).encodeResponse(for: req)
            response.status = problem.status
            return response
        }
    }

    @Sendable
    func createOrganisation(req: Request) async throws -> Response {
        let form = try req.content.decode(OrganisationForm.self)
        do {
            let organisation = try await Organisations.create(form.input, by: try req.auth.require(User.self), on: req.db, gazetteer: try Gazetteer.bundled())
            return req.redirect(to: "/organisations/\(organisation.key)/registration")
        } catch let problem as InputProblem {
            // "sectors[1]" is shown beside the sectors field.
            let errors = Dictionary(problem.problems.map { (String($0.field.prefix { $0 != "[" }), $0.message) }, uniquingKeysWith: { a, _ in a })
            let response = try await renderNewOrganisation(req, form: form, errors: errors).encodeResponse(for: req)
            response.status = problem.status
            return response
        }
    }

    private func renderNewOrganisation(_ req: Request, form: OrganisationForm, errors: [String: String], editing key: String? = nil) async throws -> View {
        let clusters = try await Organisation.query(on: req.db).filter(\.$kind == OrganisationKind.clusterOrganisation.rawValue)
            .filter(\.$validationStatus == .validated).sort(\.$name).all()
        let page = NewOrganisationPage(
            layout: req.layout(key == nil ? "Add your organisation" : "Edit the profile"),
            heading: key == nil ? "Add your organisation" : "Edit the profile of \(form.name ?? "")",
            action: key.map { "/organisations/\($0)/edit" } ?? "/organisations",
            submitLabel: key == nil ? "Add the organisation" : "Save the profile", form: form,
            kinds: OrganisationKind.allCases.map { Choice(value: $0.rawValue, label: $0.displayName, selected: form.kind == $0.rawValue) },
            countries: CountryRegistry.cosme.participating(on: CalendarDate.today(in: .gmt)).map {
                Choice(value: $0.code.rawValue, label: $0.name, selected: form.country == $0.code.rawValue)
            },
            clusters: clusters.map { Choice(value: $0.key, label: "\($0.name) (\($0.city), \($0.country))", selected: form.cluster == $0.key) },
            errors: errors)
        return try await req.view.render("organisation-new", page)
    }

    // MARK: Registration

    struct RegistrationForm: Content {
        var asVisitor: String?
        var asHost: String?
        var motivation: String?
        var preferences: String?
        var partnership: String?
        var cv: File?

        var input: RegistrationInput {
            RegistrationInput(asVisitor: asVisitor != nil, asHost: asHost != nil, motivation: motivation, preferences: preferences, partnership: partnership)
        }
    }

    struct RegistrationPage: Encodable {
        let layout: Layout
        let organisation: OrganisationSummary
        let status: String?
        let reason: String?
        let asVisitor: Bool
        let asHost: Bool
        let motivation: String
        let preferences: String
        let suggestions: [PartnershipSuggestion]
        let partnerships: [Choice]
        let hasCV: Bool
        let errors: [String: String]
    }

    @Sendable
    func registrationForm(req: Request) async throws -> View {
        let (organisation, registration) = try await ownOrganisation(req)
        let form = RegistrationForm(
            asVisitor: registration?.asVisitor == true ? "on" : nil, asHost: registration?.asHost == true ? "on" : nil,
            motivation: registration?.motivation, preferences: registration?.preferences, partnership: registration?.partnership.key)
        return try await renderRegistration(req, organisation, registration, form: form, errors: [:])
    }

    @Sendable
    func register(req: Request) async throws -> Response {
        let (organisation, registration) = try await ownOrganisation(req)
        let form = try req.content.decode(RegistrationForm.self)
        do {
            var cv: Registrations.StoredFileContent?
            if let file = form.cv, file.data.readableBytes > 0 {
                cv = try Registrations.checkCV(filename: file.filename, data: Data(buffer: file.data))
            }
            _ = try await Registrations.submit(form.input, for: organisation.key, cv: cv, by: try req.auth.require(User.self), on: req.db, linkBase: req.application.linkBase)
            return req.redirect(to: "/my")
        } catch let problem as InputProblem {
            let errors = Dictionary(problem.problems.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
            let response = try await renderRegistration(req, organisation, registration, form: form, errors: errors).encodeResponse(for: req)
            response.status = problem.status
            return response
        }
    }

    private func ownOrganisation(_ req: Request) async throws -> (Organisation, Registration?) {
        let key: String = try req.parameters.require("key")
        let user = try req.auth.require(User.self)
        guard let organisation = try await Organisation.query(on: req.db).filter(\.$key == key).first(),
            let organisationID = organisation.id,
            try await Membership.isMember(try user.requireID(), of: organisationID, on: req.db)
        else { throw Abort(.notFound, reason: "No organisation of yours has the key \"\(key)\".", identifier: "not-found") }
        let registration = try await Registration.query(on: req.db).filter(\.$organisation.$id == organisationID).with(\.$partnership).first()
        return (organisation, registration)
    }

    private func renderRegistration(_ req: Request, _ organisation: Organisation, _ registration: Registration?, form: RegistrationForm, errors: [String: String]) async throws -> View {
        let suggestions = try await Organisations.suggestPartnerships(for: organisation, on: req.db)
        let chosen = form.partnership ?? suggestions.first?.key
        let partnerships = try await Partnership.query(on: req.db).sort(\.$name).all()
        let page = RegistrationPage(
            layout: req.layout("Register \(organisation.name)"), organisation: OrganisationSummary(organisation),
            status: registration?.status.rawValue, reason: registration?.reason,
            asVisitor: form.asVisitor != nil, asHost: form.asHost != nil,
            motivation: form.motivation ?? "", preferences: form.preferences ?? "",
            suggestions: Array(suggestions.prefix(3)),
            partnerships: partnerships.map { Choice(value: $0.key, label: $0.name, selected: $0.key == chosen) },
            hasCV: registration?.$cv.id != nil, errors: errors)
        return try await req.view.render("registration", page)
    }
}
