import Fluent
import Vapor

/// Tells people what happened and what they must do next: a notification in the platform (the
/// bell) and an e-mail through the outbox, written in the caller's transaction.
struct Notifier {
    let db: any Database
    let linkBase: String

    /// Tells each person once, however many roles they have.
    func tell(_ userIDs: Set<UUID>, subject: String, text: String, link: String) async throws {
        guard !userIDs.isEmpty else { return }
        let users = try await User.query(on: db).filter(\.$id ~~ Array(userIDs)).all()
        for user in users {
            guard let id = user.id else { continue }
            try await Notification(userID: id, text: text, link: link).create(on: db)
            try await Mailer.enqueue(
                to: user.email, subject: subject,
                body: "\(text)\n\n\(linkBase)\(link)\n\nYour notifications: \(linkBase)/notifications\n", on: db)
        }
    }

    /// The approved members of the organisations.
    func members(of organisationIDs: [UUID]) async throws -> Set<UUID> {
        Set(try await Membership.active(on: db).filter(\.$organisation.$id ~~ organisationIDs).all().map(\.$user.id))
    }

    /// The coordinators of the partnerships.
    func coordinators(of partnershipIDs: [UUID]) async throws -> Set<UUID> {
        Set(try await PartnershipCoordinator.query(on: db).filter(\.$partnership.$id ~~ partnershipIDs).all().map(\.$user.id))
    }

    /// The support office.
    func supportOffice() async throws -> Set<UUID> {
        Set(try await User.query(on: db).filter(\.$role == .admin).all().compactMap(\.id))
    }
}
