import Fluent
import FluentPostgresDriver
import SQLKit
import Vapor

/// Resource-level rules: who may see or act on an organisation or a partnership. Every service
/// asks here; routes only check the role (`Access`).
struct Permissions {
    let context: ServiceContext

    private var db: any Database { context.db }

    /// Whether the caller is an approved member (an admin of it, with `admin: true`) of the organisation.
    func isMember(of organisationID: UUID, admin: Bool = false) async throws -> Bool {
        guard let caller = context.caller else { return false }
        // Prepared on PostgreSQL: most signed-in pages ask it.
        return try await Member(user: caller.id, organisation: organisationID, adminOnly: admin).first(on: db) != nil
    }

    struct Member: PreparedQuery {
        struct Output: Decodable, Sendable {
            let found: Int
        }

        static let sql = """
            SELECT 1 AS found FROM \(Membership.schema)
            WHERE user_id = $1 AND organisation_id = $2 AND status = '\(Membership.Status.active.rawValue)'
            AND (is_admin = $3 OR NOT $3)
            """
        let user: UUID
        let organisation: UUID
        let adminOnly: Bool
        var values: [any PostgresEncodable & Encodable & Sendable] { [user, organisation, adminOnly] }
    }

    /// Whether the caller coordinates the partnership (the support office counts as coordinating every one).
    func coordinates(_ partnershipID: UUID?) async throws -> Bool {
        guard let caller = context.caller else { return false }
        if caller.isAdmin { return true }
        guard caller.isCoordinator, let partnershipID else { return false }
        return try await PartnershipCoordinator.query(on: db)
            .filter(\.$user.$id == caller.id).filter(\.$partnership.$id == partnershipID).first() != nil
    }

    /// The partnerships the caller coordinates, in one query; nil means every one (the support office).
    func coordinatedPartnerships() async throws -> Set<UUID>? {
        guard let caller = context.caller else { return [] }
        if caller.isAdmin { return nil }
        guard caller.isCoordinator else { return [] }
        return Set(try await PartnershipCoordinator.query(on: db).filter(\.$user.$id == caller.id).all().map(\.$partnership.id))
    }

    /// The organisation's approved members, the coordinators of its partnership (or of the one its
    /// registration chose, before validation) and the support office.
    func mayManage(_ organisation: Organisation) async throws -> Bool {
        guard let organisationID = organisation.id else { return false }
        return try await mayManage(organisationID: organisationID, partnershipID: organisation.$partnership.id)
    }

    /// The same, by the organisation's id and its partnership's.
    func mayManage(organisationID: UUID, partnershipID: UUID?) async throws -> Bool {
        guard let caller = context.caller else { return false }
        if caller.isAdmin { return true }
        if try await isMember(of: organisationID) { return true }
        guard caller.isCoordinator else { return false }
        if try await coordinates(partnershipID) { return true }
        let chosen = try await Registration.query(on: db).filter(\.$organisation.$id == organisationID).first()?.$partnership.id
        return try await coordinates(chosen)
    }

    /// Catalogue visibility: validated organisations for everyone, the others for those who manage them.
    func maySee(_ organisation: Organisation) async throws -> Bool {
        if organisation.validationStatus == .validated { return true }
        return try await mayManage(organisation)
    }
}

extension ServiceContext {
    var permissions: Permissions { Permissions(context: self) }
}
