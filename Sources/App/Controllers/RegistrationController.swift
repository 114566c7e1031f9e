import Vapor

/// The registration phase: an organisation registers as visitor and/or host with a partnership.
struct RegistrationController: Controller {
    func boot(_ routes: Surfaces) {
        let api = routes.api.access(.signedIn)
        api.post("organisations", ":key", "registration", use: register)
        api.get("registrations", ":id", use: registration)
        api.upload(.PUT, "registrations", ":id", "cv", limit: Registrations.uploadLimit, use: uploadCV)
        api.get("registrations", ":id", "cv", use: downloadCV)
        let pages = routes.pages.access(.signedIn)
        pages.get("organisations", ":key", "registration", use: form)
        pages.upload(.POST, "organisations", ":key", "registration", limit: Registrations.uploadLimit, use: registerPage)
        pages.get("registrations", ":id", "cv", use: downloadCV)
    }

    // MARK: JSON

    @Sendable func register(req: Request) async throws -> Response {
        let registration = try await req.context.registrations.submit(
            try req.input(RegistrationInput.self), for: try req.key(), cv: nil)
        return try await req.created(registration, at: "/api/v1/registrations/\(registration.id)")
    }

    @Sendable func registration(req: Request) async throws -> RegistrationDTO {
        try await req.context.registrations.registration(try req.uuid("id", "registration"))
    }

    @Sendable func uploadCV(req: Request) async throws -> HTTPStatus {
        let data = req.body.data.map { Data(buffer: $0) } ?? Data()
        let cv = try Registrations.checkCV(filename: req.headers.first(name: "X-Filename") ?? "cv.pdf", data: data)
        try await req.context.registrations.uploadCV(try req.uuid("id", "registration"), cv)
        return .noContent
    }

    @Sendable func downloadCV(req: Request) async throws -> Response {
        let file = try await req.context.registrations.cv(try req.uuid("id", "registration"))
        return Download.response(.init(data: file.data), contentType: "application/pdf", filename: file.filename)
    }

    // MARK: Pages

    struct RegistrationForm: Content {
        var asVisitor: String?
        var asHost: String?
        var motivation: String?
        var preferences: String?
        var partnership: String?
        var cv: File?
        /// A CV sent with an earlier attempt that was shown again with its errors.
        var keptCV: String?

        var input: RegistrationInput {
            RegistrationInput(
                asVisitor: asVisitor != nil, asHost: asHost != nil, motivation: motivation, preferences: preferences,
                partnership: partnership)
        }
    }

    struct RegistrationView: Encodable {
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
        /// A CV kept from the attempt before, with its name.
        let keptCV: String?
        let keptCVName: String?
        let needsCluster: Bool
        let errors: [String: String]
    }

    @Sendable func form(req: Request) async throws -> Response {
        let data = try await req.context.registrations.form(try req.key())
        let registration = data.registration
        let form = RegistrationForm(
            asVisitor: registration?.asVisitor == true ? "on" : nil, asHost: registration?.asHost == true ? "on" : nil,
            motivation: registration?.motivation, preferences: registration?.preferences, partnership: registration?.partnership)
        return try await render(req, data, form: form, errors: [:])
    }

    @Sendable func registerPage(req: Request) async throws -> Response {
        let context = req.context
        let key = try req.key()
        let form = try req.input(RegistrationForm.self)
        var kept: Registrations.KeptFile?
        do {
            var cv: Registrations.CV?
            if let file = form.cv, file.data.readableBytes > 0 {
                let upload = try Registrations.checkCV(filename: file.filename, data: Data(buffer: file.data))
                // Should something else be wrong, the file is kept: no one chooses it twice.
                kept = try await context.registrations.keep(upload)
                cv = kept.map { .kept($0.id) }
            } else if let id = form.keptCV.flatMap(UUID.init(uuidString:)) {
                kept = try await context.registrations.kept(id)
                cv = .kept(id)
            }
            let submitted = try await context.registrations.submit(form.input, for: key, cv: cv)
            return req.redirect(
                to: "/my",
                flash:
                    "\(submitted.organisation.name) is submitted to \(submitted.partnershipName): "
                    + "its coordinators validate it, and you will get an e-mail."
            )
        } catch let error as AppError where !error.problems.isEmpty {
            return try await render(
                req, try await context.registrations.form(key), form: form, errors: error.fieldMessages, kept: kept,
                status: error.status)
        }
    }

    private func render(
        _ req: Request, _ data: RegistrationFormData, form: RegistrationForm, errors: [String: String],
        kept: Registrations.KeptFile? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let chosen = form.partnership ?? data.clearBestFit
        let view = RegistrationView(
            organisation: data.organisation, status: data.registration?.status.words, reason: data.registration?.reason,
            asVisitor: form.asVisitor != nil, asHost: form.asHost != nil, motivation: form.motivation ?? "",
            preferences: form.preferences ?? "",
            suggestions: data.suggestions,
            partnerships: data.partnerships.map { Choice(value: $0.key, label: $0.name, selected: $0.key == chosen) },
            hasCV: data.registration?.hasCV == true, keptCV: kept?.id.uuidString, keptCVName: kept?.filename,
            needsCluster: data.needsCluster, errors: errors)
        return try await req.page("registration", title: "Register \(data.organisation.name)", view, status: status)
    }
}
