import ProgrammeRules
import Vapor

/// Adding and changing organisations, and joining them.
struct OrganisationController: Controller {
    func boot(_ routes: Surfaces) {
        let api = routes.api.access(.signedIn)
        api.post("organisations", use: create)
        api.put("organisations", ":key", use: update)
        api.get("organisations", ":key", "partnership-suggestions", use: partnershipSuggestions)
        api.post("organisations", ":key", "join", use: join)
        api.get("organisations", ":key", "members", use: members)
        api.post("organisations", ":key", "members", ":userID", "approve", use: approve)
        let pages = routes.pages.access(.signedIn)
        pages.get("organisations", "new", use: newForm)
        pages.post("organisations", use: createPage)
        pages.get("organisations", ":key", "edit", use: editForm)
        pages.post("organisations", ":key", "edit", use: editPage)
        pages.post("organisations", ":key", "join", use: joinPage)
        pages.post("organisations", ":key", "members", ":userID", "approve", use: approvePage)
    }

    // MARK: JSON

    @Sendable func create(req: Request) async throws -> Response {
        let organisation = try await req.context.organisations.create(try req.input(OrganisationInput.self))
        return try await req.created(organisation, at: "/api/v1/organisations/\(organisation.key)")
    }

    @Sendable func update(req: Request) async throws -> OrganisationDTO {
        try await req.context.organisations.update(try req.key(), try req.input(OrganisationInput.self))
    }

    @Sendable func partnershipSuggestions(req: Request) async throws -> [PartnershipSuggestion] {
        try await req.context.organisations.partnershipSuggestions(try req.key())
    }

    struct JoinAnswer: Content { let status: Membership.Status }

    @Sendable func join(req: Request) async throws -> Response {
        try await req.context.memberships.requestToJoin(try req.key())
        return try await JoinAnswer(status: .requested).encodeResponse(status: .accepted, for: req)
    }

    @Sendable func members(req: Request) async throws -> [Memberships.Member] {
        try await req.context.memberships.members(of: try req.key())
    }

    @Sendable func approve(req: Request) async throws -> HTTPStatus {
        _ = try await req.context.memberships.approve(try req.key(), member: try req.uuid("userID", "member"))
        return .noContent
    }

    // MARK: Pages

    /// The form's fields as typed: lists as comma-separated text.
    struct OrganisationForm: Content {
        var name: String?
        var kind: String?
        var country: String?
        var city: String?
        /// The main sector and up to two more, each chosen from the list.
        var sector1: String?
        var sector2: String?
        var sector3: String?
        var topics: String?
        var description: String?
        var languages: String?
        var website: String?
        var cluster: String?
        /// The box "name us in others' news of completed exchanges" (absent when not ticked).
        var namedInNews: String?

        /// The sectors chosen, in order, each once.
        var sectors: [String] {
            [sector1, sector2, sector3].compactMap { $0?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        }

        var input: OrganisationInput {
            OrganisationInput(
                name: name, kind: kind, country: country, city: city, sectors: sectors,
                topics: InputChecker.commaSeparated(topics), description: description,
                languages: InputChecker.commaSeparated(languages),
                website: website, cluster: cluster, namedInNews: namedInNews == "yes")
        }
    }

    /// The pickers' options are markup written in Swift (`HTML.options`, `FilterOptions`): about
    /// 300 sector options three times over were most of the page's time in Leaf.
    struct OrganisationFormView: Encodable {
        let heading: String
        let action: String
        let submitLabel: String
        let form: OrganisationForm
        let kindOptions: String
        let countryOptions: String
        let sectorFields: [SectorField]
        let clusterOptions: String
        let errors: [String: String]
        /// When editing: the organisation's key and its logo, for the logo's own form.
        var key: String? = nil
        var logo: String? = nil
    }

    /// One of the three sector pickers.
    struct SectorField: Encodable {
        let name: String
        let label: String
        let required: Bool
        let options: String
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        try await render(req, form: OrganisationForm(), errors: [:])
    }

    @Sendable func createPage(req: Request) async throws -> Response {
        let form = try req.input(OrganisationForm.self)
        do {
            let organisation = try await req.context.organisations.create(form.input)
            return req.redirect(
                to: "/organisations/\(organisation.key)/registration",
                flash: "\(organisation.name) is added. Next: register it as a visitor or a host with a partnership.")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await render(req, form: form, errors: error.fieldMessages, status: error.status)
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let profile = try await req.context.organisations.editable(try req.key())
        let form = OrganisationForm(
            name: profile.name, kind: profile.kind.rawValue, country: profile.country.rawValue, city: profile.city,
            sector1: profile.sectors.first, sector2: profile.sectors.dropFirst().first,
            sector3: profile.sectors.dropFirst(2).first, topics: profile.topics.joined(separator: ", "),
            description: profile.description, languages: profile.languages.map(LanguageCode.name).joined(separator: ", "),
            website: profile.website,
            cluster: profile.cluster, namedInNews: profile.namedInNews ? "yes" : nil)
        return try await render(req, form: form, errors: [:], editing: profile.key)
    }

    @Sendable func editPage(req: Request) async throws -> Response {
        let key = try req.key()
        let form = try req.input(OrganisationForm.self)
        do {
            let organisation = try await req.context.organisations.update(key, form.input)
            let note =
                organisation.validationStatus == .pending
                ? " The kind or country changed, so your partnership validates it again." : ""
            return req.redirect(to: "/organisations/\(organisation.key)", flash: "The profile is saved.\(note)")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await render(req, form: form, errors: error.fieldMessages, editing: key, status: error.status)
        }
    }

    private func render(
        _ req: Request, form: OrganisationForm, errors: [String: String], editing key: String? = nil,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let context = req.context
        let clusters = try await context.organisations.clusters()
        let view = OrganisationFormView(
            heading: key == nil ? "Add your organisation" : "Edit the profile of \(form.name ?? "")",
            action: key.map { "/organisations/\($0)/edit" } ?? "/organisations",
            submitLabel: key == nil ? "Add the organisation" : "Save the profile", form: form,
            kindOptions: FilterOptions.kinds(selected: form.kind.flatMap(OrganisationKind.init(rawValue:))),
            countryOptions: FilterOptions.countries(
                on: context.clock.today, selected: form.country.flatMap { CountryCode($0) }),
            sectorFields: [form.sector1, form.sector2, form.sector3].enumerated().map { index, chosen in
                SectorField(
                    name: "sector\(index + 1)", label: index == 0 ? "Main sector" : "Another sector", required: index == 0,
                    options: FilterOptions.sectors(selected: chosen.flatMap { NACECode($0)?.description }))
            },
            clusterOptions: HTML.options(
                clusters.map {
                    Choice(
                        value: $0.key, label: "\($0.name) (\($0.city), \($0.countryName))", selected: form.cluster == $0.key)
                }),
            errors: errors, key: key,
            logo: try await key.asyncMap { try await context.organisations.own($0) }.flatMap { organisation in
                organisation.logoID.map { Pictures.logoPath(key: organisation.key, file: $0) }
            })
        return try await req.page("organisation-form", title: view.heading, view, status: status)
    }

    @Sendable func joinPage(req: Request) async throws -> Response {
        let key = try req.key()
        try await req.context.memberships.requestToJoin(key)
        return req.redirect(
            to: "/my",
            flash: "Your request to join is sent: the organisation's administrators approve it, and you will get an e-mail.")
    }

    @Sendable func approvePage(req: Request) async throws -> Response {
        let context = req.context
        let name = try await context.memberships.approve(try req.key(), member: try req.uuid("userID", "member"))
        // The support office approves from its dashboard; an organisation's admins from "My organisations".
        return req.redirect(to: context.caller?.isAdmin == true ? "/dashboard" : "/my", flash: "\(name) is now a member.")
    }
}
