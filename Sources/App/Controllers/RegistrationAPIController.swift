import Fluent
import ProgrammeRules
import Vapor

/// The registration phase through the API: organisations, registrations, CVs and decisions.
struct RegistrationAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.post("organisations", use: createOrganisation)
        signedIn.put("organisations", ":key", use: updateOrganisation)
        signedIn.get("organisations", ":key", "partnership-suggestions", use: suggestions)
        signedIn.post("organisations", ":key", "registration", use: register)
        signedIn.get("registrations", ":id", use: registration)
        signedIn.on(.PUT, "registrations", ":id", "cv", body: .collect(maxSize: "6mb"), use: uploadCV)
        signedIn.get("registrations", ":id", "cv", use: downloadCV)
        let deciders = routes.access(.coordinatorOrAdmin)
        deciders.get("validation-queue", use: queue)
        deciders.post("registrations", ":id", "decision", use: decide)
    }

    @Sendable
    func createOrganisation(req: Request) async throws -> Response {
        let input = try req.content.decode(OrganisationInput.self)
        let organisation = try await Organisations.create(input, by: try req.auth.require(User.self), on: req.db, gazetteer: try Gazetteer.bundled())
        let dto = OrganisationDTO(organisation, partnershipKey: nil, clusterKey: input.cluster)
        let response = try await dto.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/organisations/\(organisation.key)")
        return response
    }

    @Sendable
    func updateOrganisation(req: Request) async throws -> OrganisationDTO {
        let input = try req.content.decode(OrganisationInput.self)
        let organisation = try await Organisations.update(try req.parameters.require("key"), input, by: try req.auth.require(User.self),
                                                         on: req.db, gazetteer: try Gazetteer.bundled(), linkBase: req.application.linkBase)
        let partnership = try await organisation.$partnership.get(on: req.db)
        return OrganisationDTO(organisation, partnershipKey: partnership?.key, clusterKey: input.cluster.flatMap { $0.isEmpty ? nil : $0 })
    }

    @Sendable
    func suggestions(req: Request) async throws -> [PartnershipSuggestion] {
        let key: String = try req.parameters.require("key")
        let user = try req.auth.require(User.self)
        guard let organisation = try await Organisation.query(on: req.db).filter(\.$key == key).first(),
            try await Permissions.mayManage(organisation, user, on: req.db)
        else { throw Abort(.notFound, reason: "No organisation of yours has the key \"\(key)\".", identifier: "not-found") }
        return try await Organisations.suggestPartnerships(for: organisation, on: req.db)
    }

    @Sendable
    func register(req: Request) async throws -> Response {
        let input = try req.content.decode(RegistrationInput.self)
        let registration = try await Registrations.submit(input, for: try req.parameters.require("key"), cv: nil, by: try req.auth.require(User.self), on: req.db, linkBase: req.application.linkBase)
        return try await RegistrationDTO(registration).encodeResponse(status: .created, for: req)
    }

    @Sendable
    func registration(req: Request) async throws -> RegistrationDTO {
        try RegistrationDTO(try await visibleRegistration(req))
    }

    @Sendable
    func uploadCV(req: Request) async throws -> HTTPStatus {
        let registration = try await visibleRegistration(req)
        let user = try req.auth.require(User.self)
        guard try await Permissions.mayManage(registration.organisation, user, on: req.db), user.role != .coordinator || registration.$user.id == user.id else {
            throw Abort(.forbidden, reason: "Only the organisation's members upload its CV.", identifier: "forbidden")
        }
        let data = req.body.data.map { Data(buffer: $0) } ?? Data()
        let cv = try Registrations.checkCV(filename: req.headers.first(name: "X-Filename") ?? "cv.pdf", data: data)
        let file = StoredFile(ownerID: try user.requireID(), filename: cv.filename, contentType: cv.contentType, data: cv.data)
        try await req.db.transaction { tx in
            try await file.save(on: tx)
            registration.$cv.id = try file.requireID()
            try await registration.save(on: tx)
        }
        return .noContent
    }

    @Sendable
    func downloadCV(req: Request) async throws -> Response {
        try await Registrations.cvDownload(try registrationID(req), for: try req.auth.require(User.self), on: req.db)
    }

    @Sendable
    func queue(req: Request) async throws -> [RegistrationDTO] {
        try await Registrations.queue(for: try req.auth.require(User.self), on: req.db).map(RegistrationDTO.init)
    }

    @Sendable
    func decide(req: Request) async throws -> RegistrationDTO {
        let input = try req.content.decode(DecisionInput.self)
        return try RegistrationDTO(try await Registrations.decide(try registrationID(req), input, by: try req.auth.require(User.self), on: req.db, linkBase: req.application.linkBase))
    }

    private func registrationID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else {
            throw InputProblem(field: "id", rule: "uuid", "must be a registration id (a UUID)", status: .notFound)
        }
        return id
    }

    /// The registration, if the caller may see it; 404 otherwise, so ids do not leak.
    private func visibleRegistration(_ req: Request) async throws -> Registration {
        let registration = try await Registrations.load(try registrationID(req), on: req.db)
        guard try await Registrations.maySee(registration, try req.auth.require(User.self), on: req.db) else {
            throw Abort(.notFound, reason: "No such registration.", identifier: "not-found")
        }
        return registration
    }
}
