import Fluent
import Vapor

/// Checking passwords, under `SignInThrottle`: only wrong passwords count against anyone, and a
/// client that has not failed is never locked out by another's failures (decision 0031).
struct Authentication {
    let context: ServiceContext

    private var db: any Database { context.db }

    /// The account, if the e-mail and password match and the account is confirmed.
    func verify(email rawEmail: String, password: String) async throws -> User {
        let email = User.normalise(email: InputChecker.clean(rawEmail))
        guard email.utf8.count <= 254, password.utf8.count <= AccountInput.maximumPasswordBytes else { throw Self.wrong }
        let throttle = SignInThrottle(db: db, clock: context.clock, settles: context.caches?.signIns)
        let attempt = try await throttle.admit(email: email, client: context.clientAddress ?? "")
        let user: User?
        let matches: Bool
        do {
            user = try await User.find(email: email, on: db)
            // Hash even when the account does not exist, so timing does not tell which e-mails have accounts.
            matches = try await context.passwords.verify(password, created: user?.passwordHash ?? Self.dummyHash)
        } catch {
            // Not checked (the hashing thread is busy, say): not a failure either.
            await throttle.dropped(attempt)
            throw error
        }
        guard let user, matches else {
            try await throttle.failed(attempt)
            throw Self.wrong
        }
        try await throttle.succeeded(attempt)
        guard user.emailConfirmedAt != nil else {
            throw AppError.conflict(
                "email", "email-unconfirmed", "confirm your address first: follow the link in the e-mail we sent you")
        }
        return user
    }

    static let wrong = AppError.invalid(
        [FieldProblem("password", "invalid-credentials", "the e-mail or the password is wrong")], status: .unauthorized)

    /// A bcrypt hash of a random string, compared against when the e-mail is unknown.
    private static let dummyHash = (try? Bcrypt.hash(UUID().uuidString)) ?? ""
}

extension ServiceContext {
    var authentication: Authentication { Authentication(context: self) }
}
