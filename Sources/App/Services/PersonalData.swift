import Fluent
import Foundation
import SQLKit
import Vapor

/// A person's data, as GDPR articles 15, 17 and 20 give them the right to it (docs/interfaces.md,
/// "Operations"): everything the platform holds about them as one JSON document, and erasure.
/// Erasure pseudonymises rather than deletes what others rely on: the exchanges, signatures, ledger
/// lines and history the person took part in stay, attributed to "a former member of" their
/// organisation; their name, address, photo, sessions, tokens, follows, notifications, event
/// places and meetings, memberships and sign-in attempts go.
struct PersonalData {
    let context: ServiceContext

    private var db: any Database { context.db }

    struct Export: Content {
        struct Account: Content {
            let name: String
            let email: String
            let role: String
            let createdAt: Date?
            let emailConfirmedAt: Date?
            let photo: String?
        }

        struct Membership: Content {
            let organisation: String
            let organisationName: String
            let status: String
            let isAdmin: Bool
        }

        struct Message: Content {
            let subject: String
            let body: String
            let sentAt: Date?
        }

        struct Item: Content {
            let kind: String
            let title: String
            let status: String
            let createdAt: Date?
        }

        struct Signature: Content {
            let exchange: UUID
            let document: String
            let signatory: String
            let signedAt: Date
        }

        struct Attempt: Content {
            let at: Date
            let succeeded: Bool
            let clientAddress: String?
        }

        let generatedAt: Date
        let account: Account
        let memberships: [Membership]
        let coordinatorOf: [String]
        let sessions: [SessionSummaryDTO]
        let tokens: [TokenSummaryDTO]
        let follows: [String]
        let notifications: [String]
        let messagesWritten: [Message]
        let publications: [Item]
        let eventRegistrations: [Item]
        let meetings: [MeetingDTO]
        let signatures: [Signature]
        let signInAttempts: [Attempt]
        let files: [String]
    }

    /// Everything held about the caller.
    func export() async throws -> Export {
        let caller = try context.signedIn()
        guard let user = try await User.find(caller.id, on: db) else { throw AppError.unauthenticated }
        let memberships = try await Membership.query(on: db).filter(\.$user.$id == caller.id).with(\.$organisation).all()
        let coordinates = try await PartnershipCoordinator.query(on: db).filter(\.$user.$id == caller.id).with(\.$partnership)
            .all()
        let messages = try await Message.query(on: db).filter(\.$sender.$id == caller.id).with(\.$thread).sort(\.$createdAt)
            .all()
        let publications = try await Publication.query(on: db).filter(\.$author.$id == caller.id).all()
        let registrations = try await EventRegistration.query(on: db).filter(\.$user.$id == caller.id).with(\.$event).all()
        // Their meetings, at events in whatever state (one hidden since still holds them).
        let meetingEvents = Set(
            try await EventMeeting.query(on: db)
                .group(.or) { $0.filter(\.$requester.$id == caller.id).filter(\.$invitee.$id == caller.id) }.all()
                .map(\.$event.id))
        var meetings: [MeetingDTO] = []
        for event in try await Publication.query(on: db).filter(\.$id ~~ Array(meetingEvents)).all() {
            meetings += try await context.meetings.mine(at: event)
        }
        return Export(
            generatedAt: context.clock.now,
            account: .init(
                name: user.name, email: user.email, role: user.role.rawValue, createdAt: user.createdAt,
                emailConfirmedAt: user.emailConfirmedAt, photo: user.photoID.map(Pictures.photoPath(file:))),
            memberships: memberships.map {
                .init(
                    organisation: $0.organisation.key, organisationName: $0.organisation.name, status: $0.status.rawValue,
                    isAdmin: $0.isAdmin)
            },
            coordinatorOf: coordinates.map(\.partnership.key),
            sessions: try await context.credentials.sessions(), tokens: try await context.credentials.tokens(),
            follows: try await Follow.query(on: db).filter(\.$user.$id == caller.id).all().map {
                "\($0.kind.rawValue): \($0.label)"
            },
            notifications: try await Notification.query(on: db).filter(\.$user.$id == caller.id).sort(\.$createdAt).all()
                .map(\.text),
            messagesWritten: messages.map { .init(subject: $0.thread.subject, body: $0.body, sentAt: $0.createdAt) },
            publications: publications.map {
                .init(kind: $0.kind.rawValue, title: $0.title, status: $0.status.rawValue, createdAt: $0.createdAt)
            },
            eventRegistrations: registrations.map {
                .init(kind: "event", title: $0.event.title, status: $0.status.rawValue, createdAt: $0.createdAt)
            },
            meetings: meetings,
            signatures: try await ExchangeSignature.query(on: db).filter(\.$user.$id == caller.id).all().map {
                .init(exchange: $0.$exchange.id, document: $0.document.rawValue, signatory: $0.signatory, signedAt: $0.signedAt)
            },
            signInAttempts: try await LoginAttempt.query(on: db).filter(\.$email == user.email).sort(\.$at).all().map {
                .init(at: $0.at, succeeded: $0.succeeded, clientAddress: $0.clientAddress)
            },
            files: try await StoredFile.query(on: db).filter(\.$owner.$id == caller.id).all().map {
                "\($0.filename) (\($0.contentType), \($0.size) bytes)"
            })
    }

    /// What erasure does to the organisations the caller alone administers that have exchanges
    /// under way: said before the person confirms.
    func consequences() async throws -> [String] {
        let caller = try context.signedIn()
        var said: [String] = []
        for membership in try await Membership.active(on: db).filter(\.$user.$id == caller.id).filter(\.$isAdmin == true)
            .with(\.$organisation).all()
        {
            let organisationID = membership.$organisation.id
            let otherAdmins = try await Membership.active(on: db).filter(\.$organisation.$id == organisationID)
                .filter(\.$isAdmin == true).filter(\.$user.$id != caller.id).count()
            guard otherAdmins == 0 else { continue }
            let open = try await Exchange.query(on: db)
                .group(.or) { $0.filter(\.$visitor.$id == organisationID).filter(\.$host.$id == organisationID) }
                .filter(\.$phase !~ [.declined, .withdrawn, .cancelled, .paid]).count()
            guard open > 0 else { continue }
            said.append(
                "You are the only administrator of \(membership.organisation.name), which has \(counted(open, "exchange")) "
                    + "under way: they go on, signed as they are; its partnership and the support office take care of them, "
                    + "and a colleague can ask the support office to become its administrator.")
        }
        return said
    }

    /// Erases the caller after checking their password; afterwards nothing shows their name or
    /// address, their tokens and sessions no longer work, and signing in with the address fails.
    func erase(password: String?) async throws {
        try await erase(try await context.accountChanges.requireCurrentPassword(password))
    }

    /// The support office erases a person who asked it to (by letter, say), typing their address
    /// to confirm; never itself this way (its own account page asks for the password).
    func eraseOnRequest(_ userID: UUID, confirmedBy typedEmail: String?) async throws {
        let caller = try context.signedIn()
        guard caller.isAdmin else { throw AppError.forbidden("Only the support office erases people on request.") }
        guard let user = try await User.find(userID, on: db) else { throw AppError.notFound("There is no such person.") }
        guard userID != caller.id else {
            throw AppError.conflict("person", "yourself", "erase your own account from your account page, with your password")
        }
        guard typedEmail?.trimmingCharacters(in: .whitespaces).lowercased() == user.email.lowercased() else {
            throw AppError.invalid("email", "confirm-address", "type the person's address, \(user.email), to confirm")
        }
        try await erase(user)
    }

    private func erase(_ user: User) async throws {
        let id = try user.requireID()
        let oldEmail = user.email
        let organisations = try await Membership.active(on: db).filter(\.$user.$id == id).with(\.$organisation).all()
            .map(\.organisation.name).sorted()
        let pseudonym = organisations.first.map { "A former member of \($0)" } ?? "A former member of the platform"
        // A password nobody knows, hashed as any other, so sign-in treats the account as any other.
        let lockedHash = try await context.passwords.hash(SecretToken.generate())
        let photo = user.photoID
        let erasedEmail = "erased-\(id.uuidString.lowercased())@erased.invalid"
        try await db.transaction { tx in
            user.name = pseudonym
            user.email = erasedEmail
            user.passwordHash = lockedHash
            user.emailConfirmedAt = nil
            user.photoID = nil
            user.role = .participant
            try await user.update(on: tx)
            let sql = try tx.sql()
            for table in [
                BrowserSession.schema, UserToken.schema, CalendarToken.schema, EmailLink.schema, Follow.schema,
                DigestPreference.schema, UnsubscribeLink.schema, Notification.schema, ThreadRead.schema,
                EventRegistration.schema, PublicationReport.schema, Membership.schema, PartnershipCoordinator.schema,
            ] {
                try await sql.delete(from: table).where("user_id", .equal, id).run()
            }
            try await sql.delete(from: EventMeeting.schema).where("requester_id", .equal, id).orWhere("invitee_id", .equal, id)
                .run()
            try await sql.delete(from: FormSubmission.schema).where("user_id", .equal, id).run()
            try await sql.delete(from: LoginAttempt.schema).where("email", .equal, oldEmail).run()
            try await sql.delete(from: OutboxMessage.schema).where("recipient", .equal, oldEmail).run()
            // What others keep names the person by the pseudonym, never by their name or address.
            try await sql.update(ExchangeEvent.schema).set("by", to: pseudonym).where("user_id", .equal, id).run()
            try await sql.update(ExchangeSignature.schema).set("email", to: erasedEmail).where("user_id", .equal, id).run()
            // Their photo and CVs are theirs: they go too.
            let cvs = try await Registration.query(on: tx).filter(\.$user.$id == id).all().compactMap { $0.$cv.id }
            try await sql.update(Registration.schema).set("cv_file_id", to: SQLLiteral.null).where("user_id", .equal, id).run()
            let files = cvs + [photo].compactMap { $0 }
            if !files.isEmpty { try await StoredFile.query(on: tx).filter(\.$id ~~ files).delete() }
        }
        context.tokenCache.forgetAll()
        context.logger.notice("an account was erased at its holder's request")
    }
}

extension ServiceContext {
    var personalData: PersonalData { PersonalData(context: self) }
}
