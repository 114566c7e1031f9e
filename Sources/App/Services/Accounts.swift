import Fluent
import Vapor

/// A new account's fields, checked.
struct AccountInput: Sendable {
    let email: String
    let password: String
    let role: User.Role
    let name: String

    static let minimumPasswordLength = 12

    static func validated(email: String?, password: String?, role: String?, name: String?) throws -> AccountInput {
        var problems: [FieldProblem] = []
        let email = User.normalise(email: email ?? "")
        if !isPlausibleEmail(email) {
            problems.append(FieldProblem(field: "email", rule: "email-format", message: "must be an e-mail address such as name@example.eu"))
        }
        let password = password ?? ""
        if password.count < minimumPasswordLength {
            problems.append(FieldProblem(field: "password", rule: "password-length",
                message: "must be at least \(minimumPasswordLength) characters"))
        }
        let parsedRole = User.Role(rawValue: role ?? "")
        if parsedRole == nil {
            problems.append(FieldProblem(field: "role", rule: "role-unknown",
                message: "must be one of \(User.Role.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        let trimmedName = (name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmedName.count > 200 {
            problems.append(FieldProblem(field: "name", rule: "too-long", message: "must be at most 200 characters"))
        }
        guard problems.isEmpty, let parsedRole else { throw InputProblem(problems) }
        let fallbackName = String(email.split(separator: "@").first ?? "")
        return AccountInput(email: email, password: password, role: parsedRole, name: trimmedName.isEmpty ? fallbackName : trimmedName)
    }

    static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            text.count <= 254, !text.contains(where: { $0.isWhitespace })
        else { return false }
        return true
    }
}

/// Creating accounts and linking them to organisations and partnerships.
enum Accounts {
    static func create(
        _ input: AccountInput, organisationKey: String? = nil, partnershipKey: String? = nil,
        on database: any Database, hasher: any PasswordHasher
    ) async throws -> User {
        if try await User.find(email: input.email, on: database) != nil {
            throw InputProblem(field: "email", rule: "email-taken", "an account with this e-mail already exists", status: .conflict)
        }
        var organisation: Organisation?
        if let organisationKey {
            organisation = try await Organisation.query(on: database).filter(\.$key == organisationKey).first()
            if organisation == nil {
                throw InputProblem(field: "organisation", rule: "unknown-key", "no organisation has the key \"\(organisationKey)\"", status: .notFound)
            }
        }
        var partnership: Partnership?
        if let partnershipKey {
            partnership = try await Partnership.query(on: database).filter(\.$key == partnershipKey).first()
            if partnership == nil {
                throw InputProblem(field: "partnership", rule: "unknown-key", "no partnership has the key \"\(partnershipKey)\"", status: .notFound)
            }
        }
        let hash = try hasher.hash(input.password)
        let organisationID = try organisation?.requireID()
        let partnershipID = try partnership?.requireID()
        return try await database.transaction { db in
            let user = User(email: input.email, passwordHash: hash, name: input.name, role: input.role)
            try await user.save(on: db)
            let userID = try user.requireID()
            if let organisationID {
                try await Membership(organisationID: organisationID, userID: userID, isAdmin: true).save(on: db)
            }
            if let partnershipID {
                try await PartnershipCoordinator(partnershipID: partnershipID, userID: userID).save(on: db)
            }
            return user
        }
    }
}
