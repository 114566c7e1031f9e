import Fluent
import SQLKit
import Vapor

/// Conversations between the members of two organisations: a thread starts from an organisation,
/// an offer, a request, a suggestion or an exchange; each new message is e-mailed to the other
/// side's members. People see names, never e-mail addresses.
struct Messages {
    let context: ServiceContext

    private var db: any Database { context.db }

    static let maximumBodyBytes = 10_000

    /// The caller's threads, newest first, with what is unread.
    func threads() async throws -> [ThreadSummaryDTO] {
        let caller = try context.signedIn()
        let mine = Array(try await context.exchangeScope().organisations)
        guard !mine.isEmpty else { return [] }
        let threads = try await MessageThread.query(on: db)
            .group(.or) { $0.filter(\.$from.$id ~~ mine).filter(\.$to.$id ~~ mine) }
            .with(\.$from).with(\.$to).sort(\.$lastMessageAt, .descending).limit(200).all()
        let ids = threads.compactMap(\.id)
        let reads = Dictionary(
            try await ThreadRead.query(on: db).filter(\.$user.$id == caller.id).filter(\.$thread.$id ~~ ids).all().map {
                ($0.$thread.id, $0.readAt)
            },
            uniquingKeysWith: { first, _ in first })
        return threads.compactMap { thread in
            guard let id = thread.id else { return nil }
            let ours = mine.contains(thread.$from.id)
            return ThreadSummaryDTO(
                id: id, subject: thread.subject, with: ours ? thread.to.name : thread.from.name,
                as: ours ? thread.from.name : thread.to.name, lastMessageAt: thread.lastMessageAt,
                unread: reads[id].map { $0 < thread.lastMessageAt } ?? true, about: thread.about)
        }
    }

    /// Starts a thread from one of the caller's organisations to another organisation.
    func start(_ input: ThreadInput) async throws -> ThreadDTO {
        let caller = try context.signedIn()
        var c = InputChecker()
        let fromKey = c.text(input.from, "from", required: true, max: 100)
        let toKey = c.text(input.to, "to", required: true, max: 100)
        let subject = c.text(input.subject, "subject", required: true, max: 200)
        let body = c.text(input.body, "body", required: true, max: Self.maximumBodyBytes)
        let about = c.text(input.about, "about", required: false, max: 200)
        if !about.isEmpty && LocalPath.checked(about) == nil {
            c.fail("about", "local-path", "must be a path on this site")
        }
        if !c.problems.isEmpty { throw AppError.invalid(c.problems) }
        let from = try await context.organisations.own(fromKey)
        try await mayWrite(from: from, by: caller)
        guard let to = try await Organisation.query(on: db).filter(\.$key == toKey).first(),
            try await context.permissions.maySee(to)
        else {
            throw AppError.invalid("to", "unknown-key", "no organisation has the key \"\(toKey)\"")
        }
        guard from.id != to.id else { throw AppError.invalid("to", "same-organisation", "write to another organisation") }
        let thread = MessageThread()
        thread.$from.id = try from.requireID()
        thread.$to.id = try to.requireID()
        thread.subject = subject
        thread.about = about.isEmpty ? nil : about
        thread.lastMessageAt = context.clock.now
        try await db.transaction { tx in
            try await thread.create(on: tx)
            try await post(body, in: thread, from: from, to: to, by: caller, on: tx)
        }
        return try await self.thread(try thread.requireID())
    }

    /// Answers in a thread, for one of the two organisations the caller belongs to.
    func reply(_ id: UUID, _ input: MessageInput) async throws -> ThreadDTO {
        let caller = try context.signedIn()
        var c = InputChecker()
        let body = c.text(input.body, "body", required: true, max: Self.maximumBodyBytes)
        if !c.problems.isEmpty { throw AppError.invalid(c.problems) }
        let (thread, mine) = try await visible(id)
        let from = mine.contains(thread.$from.id) ? thread.from : thread.to
        let to = from.id == thread.$from.id ? thread.to : thread.from
        try await mayWrite(from: from, by: caller)
        try await db.transaction { tx in
            try await MessageThread.query(on: tx).filter(\.$id == id).set(\.$lastMessageAt, to: context.clock.now).update()
            try await post(body, in: thread, from: from, to: to, by: caller, on: tx)
        }
        return try await self.thread(id)
    }

    /// A thread with its messages; reading it marks it read.
    func thread(_ id: UUID) async throws -> ThreadDTO {
        let caller = try context.signedIn()
        let (thread, mine) = try await visible(id)
        let messages = try await Message.query(on: db).filter(\.$thread.$id == id).with(\.$sender).with(\.$organisation)
            .sort(\.$createdAt).sort(\.$id).all()
        let now = context.clock.now
        if let read = try await ThreadRead.query(on: db).filter(\.$thread.$id == id).filter(\.$user.$id == caller.id).first() {
            read.readAt = now
            try await read.update(on: db)
        } else {
            let read = ThreadRead()
            read.$thread.id = id
            read.$user.id = caller.id
            read.readAt = now
            try? await read.create(on: db)
        }
        context.memo?.forgetBell()
        let ours = mine.contains(thread.$from.id)
        return ThreadDTO(
            id: id, subject: thread.subject, with: ours ? thread.to.name : thread.from.name,
            withKey: ours ? thread.to.key : thread.from.key,
            as: ours ? thread.from.name : thread.to.name, about: thread.about,
            messages: messages.map {
                MessageDTO(
                    from: $0.sender.name, organisation: $0.organisation.name, body: $0.body, at: $0.createdAt,
                    mine: $0.$sender.id == caller.id)
            })
    }

    /// The thread, if the caller belongs to one of its two organisations; 404 otherwise.
    private func visible(_ id: UUID) async throws -> (MessageThread, Set<UUID>) {
        let caller = try context.signedIn()
        let mine = try await context.exchangeScope().organisations
        guard let thread = try await MessageThread.query(on: db).filter(\.$id == id).with(\.$from).with(\.$to).first(),
            mine.contains(thread.$from.id) || mine.contains(thread.$to.id)
        else { throw AppError.notFound("There is no such conversation.") }
        return (thread, mine)
    }

    /// Only a validated organisation's members write, and only so often: every message is
    /// e-mailed to the other side's members.
    private func mayWrite(from organisation: Organisation, by caller: Caller) async throws {
        guard organisation.validationStatus == .validated else {
            throw AppError.conflict(
                "from", "organisation-not-validated",
                "\(organisation.name) can write to others once its partnership has validated it")
        }
        try await context.rateLimiter.spend(.messagePerPerson, for: caller.id.uuidString)
        try await context.rateLimiter.spend(.messagePerOrganisation, for: try organisation.requireID().uuidString)
    }

    private func post(
        _ body: String, in thread: MessageThread, from: Organisation, to: Organisation, by caller: Caller, on tx: any Database
    ) async throws {
        let message = Message()
        message.$thread.id = try thread.requireID()
        message.$sender.id = caller.id
        message.$organisation.id = try from.requireID()
        message.body = body
        try await message.create(on: tx)
        let notifier = Notifier(db: tx, linkBase: context.linkBase)
        try await notifier.tell(
            try await notifier.members(of: [try to.requireID()]), subject: "Message from \(from.name): \(thread.subject)",
            text:
                "\(caller.name) of \(from.name) wrote to \(to.name): “\(body.prefix(300))\(body.count > 300 ? "…" : "")” "
                + "Answer in the platform.",
            link: "/messages/\(try thread.requireID())")
    }
}

extension ServiceContext {
    var messages: Messages { Messages(context: self) }
}
