import Fluent
import ProgrammeRules
import SQLKit
import Vapor

/// The programme's registration phase: a person registers their organisation as visitor and/or
/// host with a chosen partnership; the partnership's coordinator validates, rejects with a reason
/// or asks for changes; the person is told each time.
struct Registrations {
    let context: ServiceContext

    private var db: any Database { context.db }

    static let maximumCVBytes = 5 * 1024 * 1024
    /// The upload routes take the CV and the form around it.
    static let uploadLimit: ByteCount = "6mb"

    /// A file as it arrived, checked.
    struct Upload: Sendable {
        let filename: String
        let contentType: String
        let data: Data
    }

    /// A CV must be a PDF of at most 5 MiB: checked by its first bytes, not by its name.
    static func checkCV(filename: String, data: Data) throws(AppError) -> Upload {
        guard !data.isEmpty else { throw .invalid("cv", "empty-file", "the file is empty") }
        guard data.count <= maximumCVBytes else {
            throw .payloadTooLarge(
                FieldProblem("cv", "file-too-large", "must be at most 5 MB (this file has \(data.count / 1024) KB)"))
        }
        guard data.starts(with: Array("%PDF-".utf8)) else {
            throw .unsupportedMediaType(FieldProblem("cv", "file-type", "must be a PDF document"))
        }
        return Upload(filename: Download.cleanName(filename, fallback: "cv.pdf"), contentType: "application/pdf", data: data)
    }

    /// What the registration form shows: the organisation, its registration so far, the
    /// partnerships that fit it best, and every partnership.
    func form(_ organisationKey: String) async throws -> RegistrationFormData {
        let (organisation, registration) = try await own(organisationKey)
        let suggestions = try await context.organisations.partnershipSuggestions(for: organisation)
        return RegistrationFormData(
            organisation: OrganisationSummary(organisation),
            registration: try await registration.asyncMap { try RegistrationDTO(try await load(try $0.requireID())) },
            suggestions: Array(suggestions.prefix(3)), partnerships: try await context.catalogue.partnerships(),
            needsCluster: organisation.kind == .sme && organisation.$cluster.id == nil)
    }

    /// The caller's organisation (an approved member; the support office may act for any, to help
    /// an organisation that asks it) and its registration, if any.
    private func own(_ organisationKey: String) async throws -> (Organisation, Registration?) {
        let organisation = try await context.organisations.own(organisationKey)
        let organisationID = try organisation.requireID()
        let registration = try await Registration.query(on: db).filter(\.$organisation.$id == organisationID).with(\.$partnership)
            .first()
        return (organisation, registration)
    }

    /// A CV checked and kept for a form shown again with its errors, so it need not be chosen
    /// again; it belongs to the caller and is swept after a day unless a registration takes it.
    func keep(_ upload: Upload) async throws -> KeptFile {
        let caller = try context.signedIn()
        let file = StoredFile(ownerID: caller.id, filename: upload.filename, contentType: upload.contentType, data: upload.data)
        try await file.create(on: db)
        return KeptFile(id: try file.requireID(), filename: upload.filename)
    }

    struct KeptFile: Sendable {
        let id: UUID
        let filename: String
    }

    /// The CV of a submission: a new upload, or one kept from an earlier attempt.
    enum CV: Sendable {
        case upload(Upload)
        case kept(UUID)
    }

    /// The caller's kept file, or a refusal naming the field.
    func kept(_ id: UUID) async throws -> KeptFile {
        let caller = try context.signedIn()
        guard
            let file = try await StoredFile.query(on: db).filter(\.$id == id).filter(\.$owner.$id == caller.id)
                .field(\.$id).field(\.$filename).first()
        else { throw AppError.invalid("cv", "kept-file-gone", "the file chosen before is gone: choose it again") }
        return KeptFile(id: id, filename: file.filename)
    }

    /// Submits (or resubmits, after a request for changes) the organisation's registration.
    func submit(_ input: RegistrationInput, for organisationKey: String, cv: CV?) async throws -> RegistrationDTO {
        let caller = try context.signedIn()
        let (organisation, existing) = try await own(organisationKey)
        let organisationID = try organisation.requireID()

        var c = InputChecker()
        let asVisitor = input.asVisitor ?? false
        let asHost = input.asHost ?? false
        if !asVisitor && !asHost { c.fail("asVisitor", "role-required", "register as a visitor, a host, or both") }
        let rules = context.matching.rules
        var violations = rules.participationViolations(
            .visitor, country: organisation.country, during: Stay(start: context.clock.today, end: context.clock.today))
        if asVisitor { violations += rules.visitorViolations(organisation.participant) }
        if asHost { violations += rules.hostViolations(organisation.participant) }
        for violation in violations {
            c.fail(
                violation.rule == .countryNotParticipating ? "organisation" : "asVisitor", violation.rule.rawValue,
                violation.message)
        }
        let motivation = c.text(input.motivation, "motivation", required: false, max: 5_000)
        if motivation.unicodeScalars.count < 20 {
            c.fail("motivation", "length", "tell the partnership why you take part, in at least 20 characters")
        }
        let preferences = c.text(input.preferences, "preferences", required: false, max: 5_000)
        let partnershipKey = c.text(input.partnership, "partnership", required: false, max: 100)
        let partnership =
            partnershipKey.isEmpty ? nil : try await Partnership.query(on: db).filter(\.$key == partnershipKey).first()
        if partnership == nil { c.fail("partnership", "required", "choose the partnership that will support you") }
        guard c.problems.isEmpty, let partnership else { throw AppError.invalid(c.problems) }

        if existing?.status == .validated {
            throw AppError.conflict("organisation", "already-validated", "this organisation's registration is already validated")
        }
        let registration = existing ?? Registration()
        let partnershipID = try partnership.requireID()
        let coordinators = try await PartnershipCoordinator.query(on: db).filter(\.$partnership.$id == partnershipID).with(
            \.$user
        ).all()
        let linkBase = context.linkBase
        let roles = [asVisitor ? "visitor" : nil, asHost ? "host" : nil].compactMap { $0 }.joined(separator: " and ")
        do {
            try await db.transaction { tx in
                if let cv {
                    let previous = registration.$cv.id
                    switch cv {
                    case .upload(let upload):
                        let file = StoredFile(
                            ownerID: caller.id, filename: upload.filename, contentType: upload.contentType, data: upload.data)
                        try await file.create(on: tx)
                        registration.$cv.id = try file.requireID()
                    case .kept(let id):
                        registration.$cv.id = id
                    }
                    if let previous, previous != registration.$cv.id {
                        try await StoredFile.query(on: tx).filter(\.$id == previous).delete()
                    }
                }
                registration.$organisation.id = organisationID
                registration.$user.id = caller.id
                registration.$partnership.id = partnershipID
                registration.asVisitor = asVisitor
                registration.asHost = asHost
                registration.motivation = motivation
                registration.preferences = preferences
                registration.status = .submitted
                registration.reason = nil
                registration.$decidedBy.id = nil
                try await registration.save(on: tx)
                organisation.validationStatus = .pending
                organisation.validationReason = nil
                try await organisation.save(on: tx)
                for coordinator in coordinators {
                    try await Mailer.enqueue(
                        to: coordinator.user.email, subject: "To validate: \(organisation.name)",
                        body: """
                            \(caller.name) registered \(organisation.name) (\(organisation.city), \
                            \(CountryRegistry.cosme.name(of: organisation.country))) with \(partnership.name) as \(roles).

                            The validation queue: \(linkBase)/validation

                            """,
                        on: tx)
                }
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.conflict(
                "organisation", "already-registered", "\(organisation.name) was registered a moment ago: reload the page")
        }
        return try RegistrationDTO(try await load(try registration.requireID()))
    }

    enum Decision: String, CaseIterable, Sendable {
        case validate
        case reject
        case requestChanges = "request-changes"
    }

    /// A coordinator's (or the support office's) decision, taken once; rejections and requests
    /// for changes say why.
    func decide(_ id: UUID, _ input: DecisionInput) async throws -> RegistrationDTO {
        let caller = try context.signedIn()
        let registration = try await visible(id)
        guard try await context.permissions.coordinates(registration.$partnership.id) else {
            throw AppError.forbidden("Only the coordinators of \(registration.partnership.name) decide on this registration.")
        }
        guard let decision = Decision(rawValue: (input.decision ?? "").trimmingCharacters(in: .whitespaces)) else {
            throw AppError.invalid("decision", "decision-unknown", "must be one of validate, reject, request-changes")
        }
        var c = InputChecker()
        let reason = c.text(input.reason, "reason", required: false, max: 2_000)
        if decision != .validate && reason.unicodeScalars.count < 5 {
            c.fail("reason", "reason-required", "say why, so the organisation knows what to do")
        }
        if !c.problems.isEmpty { throw AppError.invalid(c.problems) }
        let organisation = registration.organisation
        let partnershipName = registration.partnership.name
        let status: Registration.Status =
            switch decision {
            case .validate: .validated
            case .reject: .rejected
            case .requestChanges: .changesRequested
            }
        let linkBase = context.linkBase
        try await db.transaction { tx in
            // Decided once: a second decision, even at the same moment, finds nothing to change.
            let changed = try await tx.sql().update(Registration.schema)
                .set("status", to: status.rawValue).set("reason", to: reason.isEmpty ? nil : reason).set(
                    "decided_by_id", to: caller.id
                )
                .set("updated_at", to: Date())
                .where("id", .equal, id).where("status", .equal, Registration.Status.submitted.rawValue)
                .returning("id").all()
            guard !changed.isEmpty else {
                throw AppError.conflict(
                    "decision", "not-waiting", "this registration is \(registration.status.words), not waiting for a decision")
            }
            switch decision {
            case .validate:
                organisation.validationStatus = .validated
                organisation.$partnership.id = registration.$partnership.id
            case .reject: organisation.validationStatus = .rejected
            case .requestChanges: organisation.validationStatus = .changesRequested
            }
            organisation.validationReason = reason.isEmpty ? nil : reason
            try await organisation.save(on: tx)
            let outcome =
                switch decision {
                case .validate: "was validated by \(partnershipName). It now appears in the catalogue."
                case .reject: "was not accepted by \(partnershipName). The reason: \(reason)"
                case .requestChanges:
                    "needs changes before \(partnershipName) can validate it: \(reason)\n\n"
                        + "Edit and resubmit it: \(linkBase)/organisations/\(organisation.key)/registration"
                }
            try await Mailer.enqueue(
                to: registration.user.email, subject: "\(organisation.name): registration \(status.words)",
                body: "The registration of \(organisation.name) \(outcome)\n", on: tx)
        }
        return try RegistrationDTO(try await load(id))
    }

    /// What waits for the caller's decision: its partnerships' submitted registrations (all for the support office).
    func queue() async throws -> [RegistrationDTO] {
        _ = try context.signedIn()
        let query = Registration.query(on: db).filter(\.$status == .submitted)
            .with(\.$organisation).with(\.$partnership).with(\.$user).sort(\.$updatedAt)
        if let coordinated = try await context.permissions.coordinatedPartnerships() {
            query.filter(\.$partnership.$id ~~ Array(coordinated))
        }
        return try await query.all().map(RegistrationDTO.init)
    }

    func registration(_ id: UUID) async throws -> RegistrationDTO {
        try RegistrationDTO(try await visible(id))
    }

    /// Replaces the registration's CV; the old file goes.
    func uploadCV(_ id: UUID, _ upload: Upload) async throws {
        let caller = try context.signedIn()
        let registration = try await visible(id)
        guard try await context.permissions.isMember(of: registration.$organisation.id) else {
            throw AppError.forbidden("Only the organisation's members upload its CV.")
        }
        try await db.transaction { tx in
            let previous = registration.$cv.id
            let file = StoredFile(
                ownerID: caller.id, filename: upload.filename, contentType: upload.contentType, data: upload.data)
            try await file.create(on: tx)
            registration.$cv.id = try file.requireID()
            try await registration.save(on: tx)
            if let previous { try await StoredFile.query(on: tx).filter(\.$id == previous).delete() }
        }
    }

    /// The registration's CV, if the caller may see the registration; 404 otherwise.
    func cv(_ id: UUID) async throws -> StoredFile {
        let registration = try await visible(id)
        guard let fileID = registration.$cv.id, let file = try await StoredFile.find(fileID, on: db) else {
            throw AppError.notFound("No CV here.")
        }
        return file
    }

    /// The registration, if the caller may see it: the organisation's members, the partnership's
    /// coordinators and the support office; 404 otherwise, so ids do not leak.
    private func visible(_ id: UUID) async throws -> Registration {
        let registration = try await load(id)
        let permissions = context.permissions
        if try await permissions.coordinates(registration.$partnership.id) { return registration }
        guard try await permissions.mayManage(registration.organisation) else {
            throw AppError.forbiddenAsNotFound("No such registration.")
        }
        return registration
    }

    private func load(_ id: UUID) async throws -> Registration {
        guard
            let registration = try await Registration.query(on: db).filter(\.$id == id)
                .with(\.$organisation).with(\.$partnership).with(\.$user).first()
        else { throw AppError.notFound("No such registration.") }
        return registration
    }
}

extension Registration.Status {
    /// "changes requested".
    var words: String {
        switch self {
        case .submitted: "submitted"
        case .validated: "validated"
        case .changesRequested: "changes requested"
        case .rejected: "rejected"
        }
    }
}

extension ServiceContext {
    var registrations: Registrations { Registrations(context: self) }
}
