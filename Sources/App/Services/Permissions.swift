import Fluent
import Vapor

/// Resource-level rules: who may see or act on this organisation.
enum Permissions {
    /// The organisation's own members, the coordinators of its partnership and the support office.
    static func mayManage(_ organisation: Organisation, _ user: User?, on db: any Database) async throws -> Bool {
        guard let user, let userID = user.id, let organisationID = organisation.id else { return false }
        if user.role == .admin { return true }
        if try await Membership.isMember(userID, of: organisationID, on: db) {
            return true
        }
        if try await coordinates(organisation.$partnership.id, user, on: db) { return true }
        // The coordinators of the partnership a registration chose, before it is validated.
        guard user.role == .coordinator else { return false }
        let chosen = try await Registration.query(on: db).filter(\.$organisation.$id == organisationID).all().map(\.$partnership.id)
        for partnershipID in chosen where try await coordinates(partnershipID, user, on: db) { return true }
        return false
    }

    /// Whether `user` coordinates the partnership (the admin counts as coordinating every one).
    static func coordinates(_ partnershipID: UUID?, _ user: User?, on db: any Database) async throws -> Bool {
        guard let user, let userID = user.id else { return false }
        if user.role == .admin { return true }
        guard user.role == .coordinator, let partnershipID else { return false }
        return try await PartnershipCoordinator.query(on: db)
            .filter(\.$user.$id == userID).filter(\.$partnership.$id == partnershipID).first() != nil
    }

    /// The partnerships `user` coordinates, in one query; nil means every one (the admin).
    static func coordinatedPartnerships(_ user: User, on db: any Database) async throws -> Set<UUID>? {
        if user.role == .admin { return nil }
        guard user.role == .coordinator, let userID = user.id else { return [] }
        return Set(try await PartnershipCoordinator.query(on: db).filter(\.$user.$id == userID).all().map(\.$partnership.id))
    }

    /// Catalogue visibility: validated organisations for everyone, the others for those who manage them.
    static func maySee(_ organisation: Organisation, _ user: User?, on db: any Database) async throws -> Bool {
        if organisation.validationStatus == .validated { return true }
        return try await mayManage(organisation, user, on: db)
    }
}
