import Fluent
import Vapor

/// A new account's fields, checked.
struct AccountInput: Sendable {
    let email: String
    let password: String
    let role: User.Role
    let name: String

    static let minimumPasswordLength = 12
    /// bcrypt reads 72 bytes; more is refused rather than hashed for nothing.
    static let maximumPasswordBytes = 1_000

    static func validated(email: String?, password: String?, role: String?, name: String?) throws(AppError) -> AccountInput {
        var c = InputChecker()
        let email = User.normalise(email: InputChecker.clean(email ?? ""))
        if !isPlausibleEmail(email) { c.fail("email", "email-format", "must be an e-mail address such as name@example.eu") }
        let password = password ?? ""
        if let problem = passwordProblem(password) { c.fail("password", "password-length", problem) }
        let parsedRole = User.Role(rawValue: role ?? "")
        if parsedRole == nil { c.fail("role", "role-unknown", "must be one of admin, coordinator, participant") }
        let trimmedName = c.text(name, "name", required: false, max: 200)
        guard c.problems.isEmpty, let parsedRole else { throw .invalid(c.problems) }
        let fallbackName = String(email.split(separator: "@").first ?? "")
        return AccountInput(
            email: email, password: password, role: parsedRole, name: trimmedName.isEmpty ? fallbackName : trimmedName)
    }

    static func passwordProblem(_ password: String) -> String? {
        if password.unicodeScalars.count < minimumPasswordLength { return "must be at least \(minimumPasswordLength) characters" }
        if password.utf8.count > maximumPasswordBytes { return "must be at most \(maximumPasswordBytes.formatted()) bytes" }
        return nil
    }

    static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            text.utf8.count <= 254, !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" })
        else { return false }
        return true
    }
}
