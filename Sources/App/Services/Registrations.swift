import Fluent
import ProgrammeRules
import Vapor

/// The programme's registration phase: a person registers their organisation as visitor and/or
/// host with a chosen partnership; the partnership's coordinator validates, rejects with a reason
/// or asks for changes; the person is told each time.
enum Registrations {
    static let maximumCVBytes = 5 * 1024 * 1024

    /// A CV must be a PDF of at most 5 MiB: checked by its first bytes, not by its name.
    static func checkCV(filename: String, data: Data) throws -> StoredFileContent {
        guard !data.isEmpty else { throw InputProblem(field: "cv", rule: "empty-file", "the file is empty") }
        guard data.count <= maximumCVBytes else {
            throw InputProblem(field: "cv", rule: "file-too-large", "must be at most 5 MB (this file has \(data.count / 1024) KB)", status: .payloadTooLarge)
        }
        guard data.starts(with: Array("%PDF-".utf8)) else {
            throw InputProblem(field: "cv", rule: "file-type", "must be a PDF document", status: .unsupportedMediaType)
        }
        let name = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "cv.pdf"
        return StoredFileContent(filename: String(name.prefix(120)), contentType: "application/pdf", data: data)
    }

    struct StoredFileContent {
        let filename: String
        let contentType: String
        let data: Data
    }

    /// Submits (or resubmits, after a request for changes) the organisation's registration.
    static func submit(_ input: RegistrationInput, for organisationKey: String, cv: StoredFileContent?, by user: User, on db: any Database, linkBase: String = "") async throws -> Registration {
        guard let organisation = try await Organisation.query(on: db).filter(\.$key == organisationKey).first(),
            try await Permissions.maySee(organisation, user, on: db)
        else { throw Abort(.notFound, reason: "No organisation has the key \"\(organisationKey)\".", identifier: "not-found") }
        let userID = try user.requireID()
        let organisationID = try organisation.requireID()
        guard try await Membership.isMember(userID, of: organisationID, on: db) else {
            throw Abort(.forbidden, reason: "Only members of \(organisation.name) may register it.", identifier: "forbidden")
        }

        var problems: [FieldProblem] = []
        let asVisitor = input.asVisitor ?? false
        let asHost = input.asHost ?? false
        if !asVisitor && !asHost {
            problems.append(FieldProblem(field: "asVisitor", rule: "role-required", message: "register as a visitor, a host, or both"))
        }
        let kind = organisation.organisationKind
        if asVisitor, let kind, kind.isHostOnly {
            problems.append(FieldProblem(field: "asVisitor", rule: RuleID.hostOnlyKind.rawValue, message: "a \(kind.displayName.lowercased()) may host but not visit"))
        }
        if asVisitor, kind == .sme, organisation.$cluster.id == nil {
            problems.append(FieldProblem(field: "asVisitor", rule: RuleID.smeWithoutCluster.rawValue,
                message: "an SME visits as a member of a cluster organisation: name your cluster in the organisation's profile"))
        }
        if let code = CountryCode(organisation.country), !CountryRegistry.cosme.isParticipating(code, on: CalendarDate.today(in: .gmt)) {
            problems.append(FieldProblem(field: "organisation", rule: RuleID.countryNotParticipating.rawValue,
                message: "\(CountryRegistry.cosme.label(of: code)) does not take part in the programme now"))
        }
        let motivation = (input.motivation ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if motivation.count < 20 || motivation.count > 5_000 {
            problems.append(FieldProblem(field: "motivation", rule: "length", message: "tell the partnership why you take part, in 20 to 5,000 characters"))
        }
        let preferences = (input.preferences ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if preferences.count > 5_000 {
            problems.append(FieldProblem(field: "preferences", rule: "length", message: "must be at most 5,000 characters"))
        }
        let partnership = try await input.partnership.flatMap { $0.isEmpty ? nil : $0 }.asyncMap { key in
            try await Partnership.query(on: db).filter(\.$key == key).first()
        } ?? nil
        if partnership == nil {
            problems.append(FieldProblem(field: "partnership", rule: "required", message: "choose the partnership that will support you"))
        }
        guard problems.isEmpty, let partnership else { throw InputProblem(problems) }

        let existing = try await Registration.query(on: db).filter(\.$organisation.$id == organisationID).first()
        if existing?.status == .validated {
            throw InputProblem(field: "organisation", rule: "already-validated", "this organisation's registration is already validated", status: .conflict)
        }
        let registration = existing ?? Registration()
        let partnershipID = try partnership.requireID()
        let coordinators = try await PartnershipCoordinator.query(on: db).filter(\.$partnership.$id == partnershipID).with(\.$user).all()
        try await db.transaction { tx in
            if let cv {
                let file = StoredFile(ownerID: userID, filename: cv.filename, contentType: cv.contentType, data: cv.data)
                try await file.save(on: tx)
                registration.$cv.id = try file.requireID()
            }
            registration.$organisation.id = organisationID
            registration.$user.id = userID
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
                    body: "\(user.name) registered \(organisation.name) (\(organisation.city), \(organisation.country)) with \(partnership.name) as \([asVisitor ? "visitor" : nil, asHost ? "host" : nil].compactMap { $0 }.joined(separator: " and ")).\n\nThe validation queue: \(linkBase)/validation\n",
                    on: tx)
            }
        }
        return try await load(try registration.requireID(), on: db)
    }

    enum Decision: String, CaseIterable {
        case validate
        case reject
        case requestChanges = "request-changes"
    }

    /// A coordinator's (or the support office's) decision; rejections and requests for changes say why.
    static func decide(_ id: UUID, _ input: DecisionInput, by user: User, on db: any Database, linkBase: String = "") async throws -> Registration {
        let registration = try await load(id, on: db)
        guard try await Permissions.coordinates(registration.$partnership.id, user, on: db) else {
            throw Abort(.forbidden, reason: "Only the coordinators of \(registration.partnership.name) decide on this registration.", identifier: "forbidden")
        }
        guard let decision = Decision(rawValue: input.decision ?? "") else {
            throw InputProblem(field: "decision", rule: "decision-unknown", "must be one of \(Decision.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let reason = (input.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if decision != .validate && reason.count < 5 {
            throw InputProblem(field: "reason", rule: "reason-required", "say why, so the organisation knows what to do")
        }
        guard registration.status == .submitted else {
            throw InputProblem(field: "decision", rule: "not-waiting", "this registration is \(registration.status.rawValue), not waiting for a decision", status: .conflict)
        }
        let organisation = registration.organisation
        let userID = try user.requireID()
        try await db.transaction { tx in
            switch decision {
            case .validate:
                registration.status = .validated
                organisation.validationStatus = .validated
                organisation.$partnership.id = registration.$partnership.id
            case .reject:
                registration.status = .rejected
                organisation.validationStatus = .rejected
            case .requestChanges:
                registration.status = .changesRequested
                organisation.validationStatus = .changesRequested
            }
            registration.reason = reason.isEmpty ? nil : reason
            registration.$decidedBy.id = userID
            organisation.validationReason = registration.reason
            try await registration.save(on: tx)
            try await organisation.save(on: tx)
            let outcome = switch decision {
            case .validate: "was validated by \(registration.partnership.name). It now appears in the catalogue."
            case .reject: "was not accepted by \(registration.partnership.name). The reason: \(reason)"
            case .requestChanges: "needs changes before \(registration.partnership.name) can validate it: \(reason)\n\nEdit and resubmit it: \(linkBase)/organisations/\(organisation.key)/registration"
            }
            try await Mailer.enqueue(to: registration.user.email, subject: "\(organisation.name): registration \(registration.status.rawValue)",
                body: "The registration of \(organisation.name) \(outcome)\n", on: tx)
        }
        return try await load(id, on: db)
    }

    /// What waits for `user`'s decision: its partnerships' submitted registrations (all for the admin).
    static func queue(for user: User, on db: any Database) async throws -> [Registration] {
        let query = Registration.query(on: db).filter(\.$status == .submitted)
            .with(\.$organisation).with(\.$partnership).with(\.$user).sort(\.$updatedAt)
        if user.role != .admin {
            let ids = try await PartnershipCoordinator.query(on: db).filter(\.$user.$id == (try user.requireID())).all().map(\.$partnership.id)
            query.filter(\.$partnership.$id ~~ ids)
        }
        return try await query.all()
    }

    static func load(_ id: UUID, on db: any Database) async throws -> Registration {
        guard let registration = try await Registration.query(on: db).filter(\.$id == id)
            .with(\.$organisation).with(\.$partnership).with(\.$user).first()
        else { throw Abort(.notFound, reason: "No such registration.", identifier: "not-found") }
        return registration
    }

    /// The registration's CV as a download, if `user` may see the registration; 404 otherwise.
    static func cvDownload(_ id: UUID, for user: User, on db: any Database) async throws -> Response {
        let registration = try await load(id, on: db)
        guard try await maySee(registration, user, on: db), let fileID = registration.$cv.id,
            let file = try await StoredFile.find(fileID, on: db)
        else { throw Abort(.notFound, reason: "No CV here.", identifier: "not-found") }
        let response = Response(status: .ok, body: .init(data: file.data))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "pdf")
        response.headers.contentDisposition = .init(.attachment, filename: file.filename)
        return response
    }

    /// The organisation's members, the partnership's coordinators and the support office.
    static func maySee(_ registration: Registration, _ user: User, on db: any Database) async throws -> Bool {
        if try await Permissions.coordinates(registration.$partnership.id, user, on: db) { return true }
        return try await Permissions.mayManage(registration.organisation, user, on: db)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
