import Fluent
import SQLKit
import Vapor

/// Joining an organisation: a person asks, the organisation's admins (or the support office) approve.
struct Memberships {
    let context: ServiceContext

    private var db: any Database { context.db }

    struct Member: Content {
        let userID: UUID
        let name: String
        let email: String
        let isAdmin: Bool
        let status: Membership.Status
    }

    func requestToJoin(_ organisationKey: String) async throws {
        let caller = try context.signedIn()
        guard let organisation = try await Organisation.query(on: db).filter(\.$key == organisationKey).first(),
            try await context.permissions.maySee(organisation), let organisationID = organisation.id
        else { throw AppError.noSuch("organisation", key: organisationKey) }
        if let existing = try await Membership.query(on: db).filter(\.$user.$id == caller.id).filter(
            \.$organisation.$id == organisationID
        ).first() {
            throw Self.alreadyMember(existing.status, organisation)
        }
        // Each request is mailed to the organisation's administrators.
        try await context.rateLimiter.spend(.joinRequestPerPerson, for: caller.id.uuidString)
        let admins = try await Membership.active(on: db).filter(\.$organisation.$id == organisationID).filter(\.$isAdmin == true)
            .with(\.$user).all()
        let linkBase = context.linkBase
        do {
            try await db.transaction { tx in
                try await Membership(organisationID: organisationID, userID: caller.id, isAdmin: false, status: .requested)
                    .create(on: tx)
                for admin in admins {
                    try await Mailer.enqueue(
                        to: admin.user.email, subject: "\(caller.name) asks to join \(organisation.name)",
                        body:
                            "\(caller.name) asks to join \(organisation.name) on ClusterXchange.\n\n"
                            + "Approve or ignore it: \(linkBase)/my\n",
                        on: tx)
                }
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw Self.alreadyMember(.requested, organisation)
        }
    }

    private static func alreadyMember(_ status: Membership.Status, _ organisation: Organisation) -> AppError {
        .conflict(
            "organisation", "already-member",
            "you are \(status == .active ? "already a member" : "already waiting for approval") of \(organisation.name)")
    }

    /// The members and those asking to join, for the organisation's administrators.
    func members(of key: String) async throws -> [Member] {
        let organisation = try await context.organisations.administered(key)
        return try await Membership.query(on: db).filter(\.$organisation.$id == (try organisation.requireID())).with(\.$user)
            .all().map {
                Member(
                    userID: try $0.user.requireID(), name: $0.user.name, email: $0.user.email, isAdmin: $0.isAdmin,
                    status: $0.status)
            }.sorted { ($0.status.rawValue, $0.name) < ($1.status.rawValue, $1.name) }
    }

    /// Approves a request to join, once: a second approval is a conflict, not a second e-mail.
    func approve(_ organisationKey: String, member memberID: UUID) async throws -> String {
        let organisation = try await context.organisations.administered(organisationKey)
        let organisationID = try organisation.requireID()
        guard
            let membership = try await Membership.query(on: db).filter(\.$organisation.$id == organisationID)
                .filter(\.$user.$id == memberID).with(\.$user).first(), let membershipID = membership.id
        else { throw AppError.notFound("This person did not ask to join.") }
        let linkBase = context.linkBase
        try await db.transaction { tx in
            let changed = try await tx.sql().update(Membership.schema).set("status", to: Membership.Status.active.rawValue)
                .where("id", .equal, membershipID).where("status", .equal, Membership.Status.requested.rawValue)
                .returning("id").all()
            guard !changed.isEmpty else {
                throw AppError.conflict("member", "already-member", "\(membership.user.name) is already a member")
            }
            try await Mailer.enqueue(
                to: membership.user.email, subject: "You are now a member of \(organisation.name)",
                body: "Your request to join \(organisation.name) was approved.\n\nYour organisations: \(linkBase)/my\n", on: tx)
        }
        return membership.user.name
    }
}

extension Membership {
    /// Memberships that count: approved ones.
    static func active(on db: any Database) -> QueryBuilder<Membership> {
        query(on: db).filter(\.$status == .active)
    }
}

extension ServiceContext {
    var memberships: Memberships { Memberships(context: self) }
}
