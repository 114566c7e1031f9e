import Fluent
import SQLKit
import Vapor

/// The support office's list of people and their roles. A coordinator coordinates one or more
/// partnerships; making someone a coordinator names the partnership, and a role changed away
/// from coordinator ends their coordination. Nobody changes their own role, so the support office
/// can never lock itself out.
struct People {
    let context: ServiceContext

    private var db: any Database { context.db }

    struct Person: Encodable {
        let id: UUID
        let name: String
        let email: String
        let role: User.Role
        let roleWords: String
        /// The partnerships a coordinator coordinates, by name.
        let partnerships: [String]
        /// The organisations the person belongs to, by name: namesakes told apart.
        let organisations: [String]
        let isCaller: Bool
    }

    static let listLimit = 50

    /// People whose name or e-mail holds `q` (everyone without it), by name, at most 50.
    func list(_ q: String?) async throws -> (people: [Person], total: Int) {
        let caller = try adminOnly()
        let wanted = q.map { InputChecker.clean($0).trimmingCharacters(in: .whitespaces) } ?? ""
        guard wanted.utf8.count <= 200 else { throw AppError.badQuery("q", "too-long", "search with at most 200 characters") }
        let query = User.query(on: db)
        if !wanted.isEmpty {
            query.group(.or) { $0.filter(\.$name ~~ wanted).filter(\.$email ~~ wanted.lowercased()) }
        }
        let total = try await query.count()
        let users = try await query.sort(\.$name).limit(Self.listLimit).all()
        let ids = users.compactMap(\.id)
        var coordinated: [UUID: [String]] = [:]
        var belongs: [UUID: [String]] = [:]
        if !ids.isEmpty {
            struct Row: Decodable {
                let user_id: UUID
                let name: String
            }
            for row in try await db.sql().raw(
                """
                SELECT m.user_id, o.name FROM \(ident: Membership.schema) m
                JOIN \(ident: Organisation.schema) o ON o.id = m.organisation_id
                WHERE m.user_id IN (\(binds: ids)) AND m.status = \(bind: Membership.Status.active.rawValue) ORDER BY o.name
                """
            ).all(decoding: Row.self) {
                belongs[row.user_id, default: []].append(row.name)
            }
            for row in try await db.sql().raw(
                """
                SELECT c.user_id, p.name FROM \(ident: PartnershipCoordinator.schema) c
                JOIN \(ident: Partnership.schema) p ON p.id = c.partnership_id
                WHERE c.user_id IN (\(binds: ids)) ORDER BY p.name
                """
            ).all(decoding: Row.self) {
                coordinated[row.user_id, default: []].append(row.name)
            }
        }
        let people = users.compactMap { user -> Person? in
            guard let id = user.id else { return nil }
            return Person(
                id: id, name: user.name, email: user.email, role: user.role, roleWords: user.role.words,
                partnerships: coordinated[id] ?? [], organisations: belongs[id] ?? [], isCaller: id == caller.id)
        }
        return (people, total)
    }

    /// Gives the person `role`; a coordinator of the partnership with key `partnership`.
    /// Returns a sentence saying what changed.
    func changeRole(of userID: UUID, to roleText: String?, partnership: String?) async throws -> String {
        let caller = try adminOnly()
        guard let role = roleText.flatMap(User.Role.init(rawValue:)) else {
            throw AppError.invalid("role", "one-of", "choose participant, coordinator or support office")
        }
        guard let user = try await User.find(userID, on: db) else { throw AppError.notFound("There is no such person.") }
        guard userID != caller.id else {
            throw AppError.conflict("role", "own-role", "nobody changes their own role: ask someone else of the support office")
        }
        var partnershipModel: Partnership?
        if role == .coordinator {
            let key = partnership?.trimmingCharacters(in: .whitespaces) ?? ""
            guard !key.isEmpty else {
                throw AppError.invalid("partnership", "required", "choose the partnership a coordinator coordinates")
            }
            guard let found = try await Partnership.query(on: db).filter(\.$key == key).first() else {
                throw AppError.invalid("partnership", "unknown-key", "choose one of the partnerships listed")
            }
            partnershipModel = found
        }
        let partnershipID = partnershipModel?.id
        let before = try await PartnershipCoordinator.query(on: db).filter(\.$user.$id == userID).with(\.$partnership).all()
            .map(\.partnership)
        try await db.transaction { tx in
            user.role = role
            try await user.save(on: tx)
            if role != .coordinator {
                try await PartnershipCoordinator.query(on: tx).filter(\.$user.$id == userID).delete()
            } else if let partnershipID,
                try await PartnershipCoordinator.query(on: tx).filter(\.$user.$id == userID)
                    .filter(\.$partnership.$id == partnershipID).first() == nil
            {
                try await PartnershipCoordinator(partnershipID: partnershipID, userID: userID).create(on: tx)
            }
        }
        // API tokens carry the account briefly; this instance forgets them now, others within seconds.
        context.tokenCache.forgetAll()
        if let partnershipModel {
            // Coordinating is added to, not moved: say what the person coordinates now.
            let others = before.filter { $0.id != partnershipModel.id }.map(\.name).sorted()
            if before.contains(where: { $0.id == partnershipModel.id }) {
                return "\(user.name) already coordinates \(partnershipModel.name)."
            }
            guard !others.isEmpty else { return "\(user.name) now coordinates \(partnershipModel.name)." }
            return "\(user.name) now also coordinates \(partnershipModel.name), besides \(others.joined(separator: " and "))."
        }
        return "\(user.name) is now \(role.words)."
    }

    private func adminOnly() throws(AppError) -> Caller {
        let caller = try context.signedIn()
        guard caller.isAdmin else { throw .forbidden("Only the support office manages people's roles.") }
        return caller
    }
}

extension User.Role {
    /// "support office".
    var words: String {
        switch self {
        case .admin: "support office"
        case .coordinator: "coordinator"
        case .participant: "participant"
        }
    }
}

extension ServiceContext {
    var people: People { People(context: self) }
}
