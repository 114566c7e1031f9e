import Crypto
import Fluent
import ProgrammeRules
import Vapor

extension Exchanges {
    // MARK: The Commitment to Quality

    /// Writes or changes the Commitment to Quality (the visitor or the host, before funding). Any
    /// change makes a new version: the signatures given so far no longer hold, and the signers are
    /// told. New dates are checked against the programme's rules and re-quoted.
    func editCommitment(_ id: UUID, _ input: CommitmentInput) async throws -> ExchangeDTO {
        let caller = try context.signedIn()
        let (exchange, _, roles) = try await visible(id)
        let lifecycle = try await lifecycle(exchange)
        guard let role = [ExchangeRole.visitor, .host].first(where: roles.contains) else {
            throw AppError.forbidden("The Commitment to Quality is written by the visitor and the host.")
        }
        let next: ExchangeLifecycle
        do { next = try lifecycle.applying(.editCommitment, by: role) } catch {
            throw AppError.conflict("commitment", error.code.rawValue, error.reason)
        }
        var c = InputChecker()
        let goals = c.text(input.goals, "goals", required: true, max: Self.maximumTextBytes)
        let objectives = c.text(
            input.objectives ?? exchange.objectives, "objectives", required: false, max: Self.maximumTextBytes)
        let agenda = c.text(input.agenda, "agenda", required: false, max: Self.maximumTextBytes)
        let start = input.start.map { c.date($0, "start") } ?? exchange.start
        let end = input.end.map { c.date($0, "end") } ?? exchange.end
        guard c.problems.isEmpty, let start, let end else { throw AppError.invalid(c.problems) }
        let stay = Stay(start: start, end: end)
        var requote: ExchangeQuote?
        let stayChanged = stay != exchange.stay
        if stayChanged {
            exchange.start = start
            exchange.end = end
            try await recheck(exchange, conflict: false, withNotice: true)
            let settings = try await context.settings.current()
            requote = try ExchangeQuote.quote(
                visitor: try await exchange.$visitor.get(on: db), host: try await exchange.$host.get(on: db), stay: stay,
                isVirtual: exchange.isVirtual, settings: settings, rules: context.matching.rules)
        }
        let signers = try await ExchangeSignature.query(on: db).filter(\.$exchange.$id == id)
            .filter(\.$version == exchange.commitmentVersion).all().map(\.$user.id)
        let quote = requote
        let from = exchange.phase
        let version = exchange.commitmentVersion + 1
        let now = context.clock.now
        let linkBase = context.linkBase
        try await db.transaction { tx in
            let moved = try await tx.sql().update(Exchange.schema)
                .set("phase", to: next.phase.rawValue).set("commitment_version", to: version)
                .set("goals", to: goals).set("objectives", to: objectives).set("agenda", to: agenda)
                .set("stay_start", to: start.description).set("stay_end", to: end.description).set("updated_at", to: now)
                .where("id", .equal, id).where("phase", .equal, from.rawValue)
                .where("commitment_version", .equal, version - 1).returning("id").all()
            guard !moved.isEmpty else {
                throw AppError.conflict(
                    "commitment", "changed-meanwhile", "The exchange changed a moment ago: reload it and try again.")
            }
            if let quote {
                try await Exchange.query(on: tx).filter(\.$id == id).set(\.$quoteCents, to: quote.amountCents)
                    .set(\.$quoteReasons, to: quote.reasons.joined(separator: "\n")).set(\.$quoteTable, to: quote.table).update()
            }
            try await ExchangeEvent(
                exchangeID: id, action: "edit-commitment", from: from, to: next.phase, userID: caller.id, by: caller.email,
                role: role.rawValue, detail: "version \(version)" + (stayChanged ? ", stay \(start.words) to \(end.words)" : ""),
                at: now
            ).create(on: tx)
            try await Notifier(db: tx, linkBase: linkBase).tell(
                Set(signers).subtracting([caller.id]),
                subject: "\(try await ExchangeNotices.name(of: exchange, on: tx)): \(ExchangeAction.editCommitment.happened)",
                text:
                    "\(caller.name) changed the Commitment to Quality (version \(version)): the signatures given no longer "
                    + "hold. Read it and sign it again.",
                link: "/exchanges/\(id)")
        }
        return try await view(id)
    }

    // MARK: The closing report

    /// The visitor writes (and rewrites, when it comes back) the closing report; `submit-report`
    /// hands it to the partnership after the stay.
    func writeReport(_ id: UUID, _ input: ReportInput) async throws -> ExchangeDTO {
        let caller = try context.signedIn()
        let (exchange, _, roles) = try await visible(id)
        guard roles.contains(.visitor) else { throw AppError.forbidden("The closing report is the visitor's to write.") }
        guard [.underWay, .reportReturned].contains(exchange.phase) else {
            throw AppError.conflict(
                "report", "wrong-phase",
                "The report is written while the exchange is under way or after it comes back, not while it is "
                    + "\(exchange.phase.words)."
            )
        }
        var c = InputChecker()
        let outcomes = c.text(input.outcomes, "outcomes", required: true, max: Self.maximumTextBytes)
        let followUp = c.text(input.followUp, "followUp", required: false, max: Self.maximumTextBytes)
        let learned = c.text(input.learned, "learned", required: false, max: Self.maximumTextBytes)
        if !c.problems.isEmpty { throw AppError.invalid(c.problems) }
        let now = context.clock.now
        try await db.transaction { tx in
            try await Exchange.query(on: tx).filter(\.$id == id).set(\.$reportOutcomes, to: outcomes)
                .set(\.$reportFollowUp, to: followUp).set(\.$reportLearned, to: learned).update()
            try await ExchangeEvent(
                exchangeID: id, action: "write-report", from: exchange.phase, to: exchange.phase, userID: caller.id,
                by: caller.email,
                role: ExchangeRole.visitor.rawValue, detail: "", at: now
            ).create(on: tx)
        }
        return try await view(id)
    }

    // MARK: The host's evaluation

    /// Why the host may not evaluate the stay now, or nil: after its last day, once it was under way.
    static func evaluationRefusal(_ exchange: Exchange, today: CalendarDate) -> String? {
        guard [.underWay, .reportSubmitted, .reportReturned, .reportValidated, .paid].contains(exchange.phase) else {
            return "The host evaluates a stay that took place, not one \(exchange.phase.words)."
        }
        guard today >= exchange.end else { return "The host evaluates the stay from its last day, \(exchange.end.words)." }
        return nil
    }

    /// The host's evaluation of the stay (a rating from 1 to 5 and its words), written or changed
    /// by a member of the host organisation after the stay.
    func writeEvaluation(_ id: UUID, _ input: EvaluationInput) async throws -> ExchangeDTO {
        let caller = try context.signedIn()
        let (exchange, _, roles) = try await visible(id)
        guard roles.contains(.host) else { throw AppError.forbidden("The evaluation of the stay is the host's to write.") }
        if let refusal = Self.evaluationRefusal(exchange, today: context.clock.today) {
            throw AppError.conflict("evaluation", "wrong-phase", refusal)
        }
        var c = InputChecker()
        if !(1...5).contains(input.rating ?? 0) {
            c.fail("rating", "range", "rate the stay from 1 (poor) to 5 (excellent)")
        }
        let text = c.text(input.text, "text", required: true, max: Self.maximumTextBytes)
        if !c.problems.isEmpty { throw AppError.invalid(c.problems) }
        let now = context.clock.now
        let today = context.clock.today
        try await db.transaction { tx in
            try await Exchange.query(on: tx).filter(\.$id == id).set(\.$hostRating, to: input.rating)
                .set(\.$hostEvaluation, to: text).set(\.$hostEvaluatedOn, to: today).update()
            try await ExchangeEvent(
                exchangeID: id, action: "write-evaluation", from: exchange.phase, to: exchange.phase, userID: caller.id,
                by: caller.email, role: ExchangeRole.host.rawValue, detail: "", at: now
            ).create(on: tx)
        }
        return try await view(id)
    }

    // MARK: Evidence

    static let maximumEvidenceBytes = 10 * 1024 * 1024
    static let evidenceUploadLimit: ByteCount = "11mb"
    /// What one exchange's evidence may hold at most, in files and in bytes.
    static let maximumEvidenceFiles = 20
    static let maximumEvidenceTotalBytes = 50 * 1024 * 1024

    /// A file of evidence (PDF, JPEG or PNG, recognised by its first bytes, at most 10 MB; at most
    /// 20 files and 50 MB an exchange), from the visitor while the report is open; the bytes go to
    /// the storage, the row keeps a checksum.
    func uploadEvidence(_ id: UUID, filename: String, data: Data) async throws -> EvidenceDTO {
        let caller = try context.signedIn()
        let (exchange, _, roles) = try await visible(id)
        try Self.mayChangeEvidence(exchange, roles)
        guard !data.isEmpty else { throw AppError.invalid("file", "empty-file", "the file is empty") }
        guard data.count <= Self.maximumEvidenceBytes else {
            throw AppError.payloadTooLarge(FieldProblem("file", "file-too-large", "must be at most 10 MB"))
        }
        guard let type = Self.evidenceType(data) else {
            throw AppError.unsupportedMediaType(FieldProblem("file", "file-type", "must be a PDF, a JPEG or a PNG"))
        }
        let key = try await context.files.put(data)
        let file = EvidenceFile()
        file.$exchange.id = id
        file.filename = Download.cleanName(filename, fallback: "evidence")
        file.contentType = type
        file.size = data.count
        file.sha256 = SecretToken.hex(SHA256.hash(data: data))
        file.storageKey = key
        file.$uploadedBy.id = caller.id
        let now = context.clock.now
        do {
            // Under the exchange's lock: uploads at once cannot together pass the limits.
            try await WriteLock.run(row: Exchange.schema, id, on: db) { tx in
                let kept = try await EvidenceFile.query(on: tx).filter(\.$exchange.$id == id).all(\.$size)
                guard kept.count < Self.maximumEvidenceFiles else {
                    throw AppError.conflict(
                        "file", "too-many-files",
                        "An exchange keeps at most \(Self.maximumEvidenceFiles) files of evidence: remove one first.")
                }
                guard kept.reduce(0, +) + data.count <= Self.maximumEvidenceTotalBytes else {
                    throw AppError.payloadTooLarge(
                        FieldProblem(
                            "file", "evidence-too-large",
                            "An exchange's evidence holds at most 50 MB in all: remove a file or send a smaller one."))
                }
                try await file.create(on: tx)
                try await ExchangeEvent(
                    exchangeID: id, action: "upload-evidence", from: exchange.phase, to: exchange.phase, userID: caller.id,
                    by: caller.email, role: ExchangeRole.visitor.rawValue, detail: file.filename, at: now
                ).create(on: tx)
            }
        } catch {
            try? await context.files.delete(key)
            throw error
        }
        return EvidenceDTO(file)
    }

    /// Removes a file of evidence, by the visitor, before the report is submitted.
    func removeEvidence(_ id: UUID, file fileID: UUID) async throws -> String {
        let caller = try context.signedIn()
        let (exchange, _, roles) = try await visible(id)
        try Self.mayChangeEvidence(exchange, roles)
        guard let file = try await EvidenceFile.query(on: db).filter(\.$id == fileID).filter(\.$exchange.$id == id).first() else {
            throw AppError.notFound("No such file.")
        }
        let now = context.clock.now
        try await db.transaction { tx in
            try await file.delete(on: tx)
            try await ExchangeEvent(
                exchangeID: id, action: "remove-evidence", from: exchange.phase, to: exchange.phase, userID: caller.id,
                by: caller.email, role: ExchangeRole.visitor.rawValue, detail: file.filename, at: now
            ).create(on: tx)
        }
        // The bytes go once the row has; a failure here leaves bytes nothing refers to, not a row without bytes.
        try? await context.files.delete(file.storageKey)
        return file.filename
    }

    /// Evidence is the visitor's, while the report is open (under way, or returned with comments).
    private static func mayChangeEvidence(_ exchange: Exchange, _ roles: Set<ExchangeRole>) throws {
        guard roles.contains(.visitor) else { throw AppError.forbidden("Evidence is the visitor's to add and remove.") }
        guard [.underWay, .reportReturned].contains(exchange.phase) else {
            throw AppError.conflict(
                "file", "wrong-phase",
                "Evidence goes with the report: it is added or removed while the exchange is under way or after the report "
                    + "comes back.")
        }
    }

    /// A file of evidence, for the exchange's parties.
    func evidence(_ id: UUID, file fileID: UUID) async throws -> (EvidenceDTO, Data) {
        _ = try await visible(id)
        guard let file = try await EvidenceFile.query(on: db).filter(\.$id == fileID).filter(\.$exchange.$id == id).first() else {
            throw AppError.notFound("No such file.")
        }
        return (EvidenceDTO(file), try await context.files.get(file.storageKey))
    }

    static func evidenceType(_ data: Data) -> String? {
        if data.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if data.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        return nil
    }

    // MARK: Rate-table changes

    /// After the rate table or a rule changed: every exchange not yet funded is quoted again; a
    /// different amount is kept beside the old one and its partnership's coordinators are told,
    /// so they decide with the figures in front of them. Funded and finished exchanges keep
    /// their frozen amount.
    func requoteOpenExchanges(settings: ProgrammeSettingsDTO) async throws {
        let open = try await Exchange.query(on: db).filter(\.$phase ~~ [.proposed, .accepted, .signing]).with(\.$visitor).with(
            \.$host
        ).all()
        for exchange in open {
            guard
                let quote = try? ExchangeQuote.quote(
                    visitor: exchange.visitor, host: exchange.host, stay: exchange.stay, isVirtual: exchange.isVirtual,
                    settings: settings,
                    rules: context.matching.rules), quote.amountCents != exchange.quoteCents
            else { continue }
            let id = try exchange.requireID()
            let previous = exchange.quoteCents
            let linkBase = context.linkBase
            try await db.transaction { tx in
                try await Exchange.query(on: tx).filter(\.$id == id).set(\.$previousQuoteCents, to: previous)
                    .set(\.$quoteCents, to: quote.amountCents).set(\.$quoteReasons, to: quote.reasons.joined(separator: "\n"))
                    .set(\.$quoteTable, to: quote.table).update()
                let notifier = Notifier(db: tx, linkBase: linkBase)
                try await notifier.tell(
                    try await notifier.coordinators(of: [exchange.$visitorPartnership.id]),
                    subject: "Lump sum changed: \(exchange.requestTitle)",
                    text:
                        "The rate table in force changed: the lump sum of \(exchange.visitor.name) at \(exchange.host.name) is "
                        + "now "
                        + "\(Money.format(cents: quote.amountCents, currency: "EUR")), was "
                        + "\(Money.format(cents: previous, currency: "EUR")). "
                        + "It is fixed when you approve the funding.",
                    link: "/exchanges/\(id)")
            }
        }
    }
}
