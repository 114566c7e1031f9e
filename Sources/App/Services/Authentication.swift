import Fluent
import Vapor

/// Checking passwords, with throttling that holds under parallel guesses: each attempt is written
/// first, then the failures in the window are counted, so a burst of simultaneous guesses cannot
/// all slip under the limit. The limits are per address from one client (small, so a guesser is
/// stopped quickly), per client (one machine trying many addresses) and per address from anywhere
/// (many machines on one account). A guesser elsewhere cannot lock a person out of their own
/// machine by the first limit. Attempts live in the database, so every instance sees the same count.
struct Authentication {
    let context: ServiceContext

    private var db: any Database { context.db }

    static let window: TimeInterval = 15 * 60
    static let maximumFailuresPerAddressAndClient = 5
    static let maximumFailuresPerClient = 30
    static let maximumFailuresPerAddress = 50

    /// The account, if the e-mail and password match and the account is confirmed.
    func verify(email rawEmail: String, password: String) async throws -> User {
        let email = User.normalise(email: InputChecker.clean(rawEmail))
        guard email.utf8.count <= 254, password.utf8.count <= AccountInput.maximumPasswordBytes else { throw Self.wrong }
        let now = context.clock.now
        let attempt = LoginAttempt(email: email, clientAddress: context.clientAddress, at: now)
        try await attempt.create(on: db)
        let since = now.addingTimeInterval(-Self.window)
        let failures = LoginAttempt.query(on: db).filter(\.$succeeded == false).filter(\.$at >= since)
        let client = context.clientAddress
        let pair = try await failures.copy().filter(\.$email == email).filter(\.$clientAddress == client).count()
        let fromClient = try await failures.copy().filter(\.$clientAddress == client).count()
        let forAddress = try await failures.copy().filter(\.$email == email).count()
        if pair > Self.maximumFailuresPerAddressAndClient || fromClient > Self.maximumFailuresPerClient
            || forAddress > Self.maximumFailuresPerAddress
        {
            throw AppError.tooManyRequests("Too many failed sign-ins: try again in 15 minutes.", retryAfter: Int(Self.window))
        }
        let user = try await User.find(email: email, on: db)
        // Hash even when the account does not exist, so timing does not tell which e-mails have accounts.
        let matches = try await context.passwords.verify(password, created: user?.passwordHash ?? Self.dummyHash)
        guard let user, matches else { throw Self.wrong }
        guard user.emailConfirmedAt != nil else {
            throw AppError.conflict(
                "email", "email-unconfirmed", "confirm your address first: follow the link in the e-mail we sent you")
        }
        try await LoginAttempt.query(on: db).filter(\.$id == (try attempt.requireID())).set(\.$succeeded, to: true).update()
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
