import Fluent
import Vapor

/// A person changes their own name, password or e-mail address. A new address takes effect only
/// through a link sent to it (so nobody moves an account to an address they do not read), and the
/// old address is told. The password and address changes ask for the current password.
struct AccountChanges {
    let context: ServiceContext

    private var db: any Database { context.db }

    /// Returns the sentence the page says.
    func rename(to name: String?) async throws -> String {
        let caller = try context.signedIn()
        var c = InputChecker()
        let text = c.text(name, "name", required: true, max: 200)
        if !c.problems.isEmpty { throw AppError.invalid(c.problems) }
        try await User.query(on: db).filter(\.$id == caller.id).set(\.$name, to: text).update()
        context.tokenCache.forgetAll()
        return "Your name is now \(text)."
    }

    /// A new password: this browser stays signed in; every other session, API token and the
    /// calendar link end, and the account's failed sign-ins no longer count.
    func changePassword(current: String?, new: String?) async throws -> String {
        let caller = try context.signedIn()
        let user = try await requireCurrentPassword(current)
        if let problem = AccountInput.passwordProblem(new ?? "") {
            throw AppError.invalid("newPassword", "password-length", problem)
        }
        let hash = try await context.passwords.hash(new ?? "")
        let keep: UUID? = if case .session(let id) = context.credential { id } else { nil }
        try await db.transaction { tx in
            try await User.query(on: tx).filter(\.$id == caller.id).set(\.$passwordHash, to: hash).update()
            let sessions = BrowserSession.query(on: tx).filter(\.$user.$id == caller.id)
            if let keep { sessions.filter(\.$id != keep) }
            try await sessions.delete()
            try await UserToken.query(on: tx).filter(\.$user.$id == caller.id).delete()
            try await CalendarToken.query(on: tx).filter(\.$user.$id == caller.id).delete()
            try await SignInThrottle.forget(email: user.email, on: tx)
            try await Mailer.enqueue(
                to: user.email, subject: "Your ClusterXchange password was changed",
                body: """
                    The password of your ClusterXchange account was changed. Other browsers, API tokens and \
                    your calendar link were signed out.

                    If it was not you, choose a new password at once: \(context.linkBase)/password/forgot

                    """,
                on: tx)
        }
        context.tokenCache.forgetAll()
        return "Your password is changed. Other browsers, API tokens and your calendar link are signed out."
    }

    /// Sends a link to the new address; nothing changes until it is followed.
    func requestEmailChange(to newEmail: String?, password: String?) async throws -> String {
        let address = User.normalise(email: InputChecker.clean(newEmail ?? ""))
        guard AccountInput.isPlausibleEmail(address) else {
            throw AppError.invalid("email", "email-format", "must be an e-mail address such as name@example.eu")
        }
        let user = try await requireCurrentPassword(password)
        guard address != user.email else { throw AppError.invalid("email", "same-address", "this is your address already") }
        try await context.rateLimiter.spend(.signUpPerAddress, for: address)
        let taken = try await User.find(email: address, on: db) != nil
        let now = context.clock.now
        let linkBase = context.linkBase
        try await db.transaction { tx in
            if taken {
                // Said to the new address only: the page does not tell who has an account.
                try await Mailer.enqueue(
                    to: address, subject: "Your ClusterXchange account",
                    body: """
                        Someone asked to move a ClusterXchange account to this address, which has an account already. \
                        Nothing was changed.

                        Sign in: \(linkBase)/login

                        """,
                    on: tx)
                return
            }
            try await EmailLinks.send(
                .changeEmail, to: user, newEmail: address, subject: "Confirm your new address for ClusterXchange",
                body: """
                    \(user.name) asked to use this address for their ClusterXchange account.

                    Confirm it within two days: \(OutboxMessage.linkPlaceholder)

                    If you did not ask, ignore this message; nothing changes.

                    """,
                now: now, on: tx)
        }
        return "We sent a link to \(address). Your address changes when you follow it; until then, sign in with \(user.email)."
    }

    /// Follows a change-of-address link, once: the account takes the new address, and the old
    /// address is told.
    func confirmEmailChange(token: String) async throws -> String {
        let now = context.clock.now
        return try await db.transaction { tx in
            let (userID, newEmail) = try await EmailLinks.useWithAddress(token, .changeEmail, now: now, on: tx)
            guard let newEmail, let user = try await User.find(userID, on: tx) else { throw EmailLinks.invalid }
            guard try await User.find(email: newEmail, on: tx) == nil else {
                throw AppError.conflict("email", "email-taken", "\(newEmail) has an account now: choose another address")
            }
            let old = user.email
            user.email = newEmail
            user.emailConfirmedAt = now
            try await user.save(on: tx)
            try await Mailer.enqueue(
                to: old, subject: "Your ClusterXchange address was changed",
                body: """
                    Your ClusterXchange account now uses \(newEmail); this address no longer signs in.

                    If it was not you, write to the support office at once.

                    """,
                on: tx)
            context.tokenCache.forgetAll()
            return "Your address is now \(newEmail): sign in with it from now on."
        }
    }

    func requireCurrentPassword(_ password: String?) async throws -> User {
        let caller = try context.signedIn()
        guard let user = try await User.find(caller.id, on: db) else { throw AppError.unauthenticated }
        guard let password, !password.isEmpty, password.utf8.count <= AccountInput.maximumPasswordBytes,
            try await context.passwords.verify(password, created: user.passwordHash)
        else {
            throw AppError.invalid("password", "wrong-password", "your current password is not this one")
        }
        return user
    }
}

extension ServiceContext {
    var accountChanges: AccountChanges { AccountChanges(context: self) }
}
