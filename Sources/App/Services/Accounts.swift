import Fluent
import Vapor

/// Accounts: creating them (from the sign-up page, with a confirmation e-mail, or by an
/// administrator's command), confirming the address, and what a person sees of their own account.
/// The sign-up page answers the same whether or not the address already has an account; the rest
/// is said by e-mail to the address itself, so the page tells no one who is registered.
struct Accounts {
    let context: ServiceContext

    private var db: any Database { context.db }

    /// Creates a confirmed account directly (commands, the demo, tests), linked to an
    /// organisation as its admin and to a partnership as its coordinator when named.
    func create(_ input: AccountInput, organisationKey: String? = nil, partnershipKey: String? = nil) async throws -> User {
        if try await User.find(email: input.email, on: db) != nil {
            throw AppError.conflict("email", "email-taken", "an account with this e-mail already exists")
        }
        let organisationID = try await organisationKey.asyncMap { key in
            guard let organisation = try await Organisation.query(on: db).filter(\.$key == key).first() else {
                throw AppError.noSuch("organisation", key: key)
            }
            return try organisation.requireID()
        }
        let partnershipID = try await partnershipKey.asyncMap { key in
            guard let partnership = try await Partnership.query(on: db).filter(\.$key == key).first() else {
                throw AppError.noSuch("partnership", key: key)
            }
            return try partnership.requireID()
        }
        let hash = try await context.passwords.hash(input.password)
        let now = context.clock.now
        return try await db.transaction { tx in
            let user = User(email: input.email, passwordHash: hash, name: input.name, role: input.role)
            user.emailConfirmedAt = now
            try await user.create(on: tx)
            let userID = try user.requireID()
            if let organisationID {
                try await Membership(organisationID: organisationID, userID: userID, isAdmin: true).create(on: tx)
            }
            if let partnershipID { try await PartnershipCoordinator(partnershipID: partnershipID, userID: userID).create(on: tx) }
            return user
        }
    }

    /// The sign-up page: a new address gets an account waiting for confirmation and a link; an
    /// unconfirmed one gets its details replaced and a new link; a confirmed one gets a note that
    /// someone tried, with the way to sign in. The page says the same in each case. Whoever signs
    /// up chooses the address, so the mail carries no text of theirs (not even the name), and
    /// sign-ups are limited per client and per address.
    func signUp(name: String?, email: String?, password: String?) async throws {
        let input = try AccountInput.validated(email: email, password: password, role: User.Role.participant.rawValue, name: name)
        try await context.rateLimiter.spend(.signUpPerClient, for: context.clientAddress ?? "")
        try await context.rateLimiter.spend(.signUpPerAddress, for: input.email)
        let hash = try await context.passwords.hash(input.password)
        let linkBase = context.linkBase
        let now = context.clock.now
        let existing = try await User.find(email: input.email, on: db)
        try await db.transaction { tx in
            if let existing, existing.emailConfirmedAt != nil {
                try await Mailer.enqueue(
                    to: existing.email, subject: "Your ClusterXchange account",
                    body: """
                        Someone, hopefully you, tried to create a ClusterXchange account with this address, which has one already.

                        Sign in: \(linkBase)/login
                        Forgot your password? Choose a new one: \(linkBase)/password/forgot

                        If it was not you, you need do nothing.

                        """,
                    on: tx)
                return
            }
            let user = existing ?? User(email: input.email, passwordHash: hash, name: input.name, role: .participant)
            user.passwordHash = hash
            user.name = input.name
            try await user.save(on: tx)
            try await EmailLinks.send(
                .confirmAccount, to: user, subject: "Confirm your ClusterXchange account",
                body: """
                    Welcome to ClusterXchange.

                    Confirm your address to finish creating your account (the link works for two days):
                    \(OutboxMessage.linkPlaceholder)

                    If you did not ask for an account, ignore this message.

                    """,
                now: now, on: tx)
        }
    }

    /// Follows a confirmation link, once; returns the account to sign in.
    func confirm(token: String) async throws -> User {
        let userID = try await EmailLinks.use(token, .confirmAccount, now: context.clock.now, on: db)
        guard let user = try await User.find(userID, on: db) else { throw EmailLinks.invalid }
        if user.emailConfirmedAt == nil {
            user.emailConfirmedAt = context.clock.now
            try await user.save(on: db)
        }
        return user
    }

    /// Who the caller is, with their organisations and partnerships.
    func me() async throws -> MeDTO {
        let caller = try context.signedIn()
        let organisations = try await Membership.active(on: db).filter(\.$user.$id == caller.id).with(\.$organisation).all()
            .map(\.organisation.key)
        let partnerships = try await PartnershipCoordinator.query(on: db).filter(\.$user.$id == caller.id).with(\.$partnership)
            .all()
            .map(\.partnership.key)
        return MeDTO(
            id: caller.id, email: caller.email, name: caller.name, role: caller.role.rawValue,
            organisations: organisations.sorted(),
            partnerships: partnerships.sorted())
    }
}

extension User {
    static func find(email: String, on database: any Database) async throws -> User? {
        let normalised = normalise(email: email)
        guard normalised.utf8.count <= 254 else { return nil }
        return try await User.query(on: database).filter(\.$email == normalised).first()
    }
}

extension ServiceContext {
    var accounts: Accounts { Accounts(context: self) }
}
