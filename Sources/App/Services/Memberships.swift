import Fluent
import Vapor

/// Joining an organisation: a person asks, the organisation's admins (or the support office) approve.
enum Memberships {
    static func requestToJoin(_ organisationKey: String, by user: User, on db: any Database, linkBase: String) async throws {
        guard let organisation = try await Organisation.query(on: db).filter(\.$key == organisationKey).first(),
            try await Permissions.maySee(organisation, user, on: db), let organisationID = organisation.id
        else { throw Abort(.notFound, reason: "No organisation has the key \"\(organisationKey)\".", identifier: "not-found") }
        let userID = try user.requireID()
        if let existing = try await Membership.query(on: db).filter(\.$user.$id == userID).filter(\.$organisation.$id == organisationID).first() {
            let state = existing.status == .active ? "already a member" : "already waiting for approval"
            throw InputProblem(field: "organisation", rule: "already-member", "you are \(state) of \(organisation.name)", status: .conflict)
        }
        let admins = try await Membership.active(on: db).filter(\.$organisation.$id == organisationID).filter(\.$isAdmin == true).with(\.$user).all()
        try await db.transaction { tx in
            try await Membership(organisationID: organisationID, userID: userID, isAdmin: false, status: .requested).save(on: tx)
            for admin in admins {
                try await Mailer.enqueue(to: admin.user.email, subject: "\(user.name) asks to join \(organisation.name)",
                    body: "\(user.name) (\(user.email)) asks to join \(organisation.name) on ClusterXchange.\n\nApprove or ignore it: \(linkBase)/my\n", on: tx)
            }
        }
    }

    struct Member: Content {
        let userID: UUID
        let name: String
        let email: String
        let isAdmin: Bool
        let status: String
    }

    static func members(of organisation: Organisation, on db: any Database) async throws -> [Member] {
        try await Membership.query(on: db).filter(\.$organisation.$id == (try organisation.requireID())).with(\.$user).all().map {
            Member(userID: try $0.user.requireID(), name: $0.user.name, email: $0.user.email, isAdmin: $0.isAdmin, status: $0.status.rawValue)
        }.sorted { ($0.status, $0.name) < ($1.status, $1.name) }
    }

    /// The organisation, if `user` administers it (the support office administers all); 404 otherwise.
    static func administered(_ key: String, by user: User, on db: any Database) async throws -> Organisation {
        guard let organisation = try await Organisation.query(on: db).filter(\.$key == key).first(), let organisationID = organisation.id else {
            throw Abort(.notFound, reason: "No organisation has the key \"\(key)\".", identifier: "not-found")
        }
        if user.role == .admin { return organisation }
        guard try await Membership.isMember(try user.requireID(), of: organisationID, admin: true, on: db) else {
            throw Abort(.notFound, reason: "No organisation you administer has the key \"\(key)\".", identifier: "not-found")
        }
        return organisation
    }

    static func approve(_ organisationKey: String, member memberID: UUID, by user: User, on db: any Database, linkBase: String) async throws {
        let organisation = try await administered(organisationKey, by: user, on: db)
        guard let membership = try await Membership.query(on: db).filter(\.$organisation.$id == (try organisation.requireID()))
            .filter(\.$user.$id == memberID).with(\.$user).first()
        else { throw Abort(.notFound, reason: "This person did not ask to join.", identifier: "not-found") }
        guard membership.status == .requested else {
            throw InputProblem(field: "member", rule: "already-member", "\(membership.user.name) is already a member", status: .conflict)
        }
        try await db.transaction { tx in
            membership.status = .active
            try await membership.save(on: tx)
            try await Mailer.enqueue(to: membership.user.email, subject: "You are now a member of \(organisation.name)",
                body: "Your request to join \(organisation.name) was approved.\n\nYour organisations: \(linkBase)/my\n", on: tx)
        }
    }
}
