import Fluent
import Foundation
import SQLKit

/// Who may try a password now (decision 0031). Only wrong passwords count: an attempt is written
/// as pending before its password is checked, becomes a failure only when the password is wrong,
/// and is deleted when the throttle refuses it, so refused attempts never keep anyone out longer.
///
/// - One client and one account: 5 failures in 15 minutes, then that client waits for that
///   account (a typo or two never does).
/// - One client, any accounts: 30 failures in 15 minutes (one machine trying many addresses).
/// - One account from anywhere, in the spirit of NIST SP 800-63B's "at most 100 consecutive
///   failures": past 100 failures since its last sign-in (within a day), every attempt on it is
///   answered after a delay, and a client that already failed on it waits; a client that has not
///   failed is never refused because of others' failures.
///
/// Parallel guesses cannot slip under a limit: attempts of one client are written one after another
/// (`WriteLock`), each pending attempt counts as a possible failure for the attempts that came after
/// it, and those wait (briefly) for it to settle rather than being refused, so a burst of right
/// passwords all get in while a burst of wrong ones stops at the limit.
struct SignInThrottle: Sendable {
    let db: any Database
    let clock: PlatformClock
    /// This instance's count of settled attempts per client; none for commands.
    var settles: SignInSettles? = nil

    static let window: TimeInterval = 15 * 60
    static let maximumFailuresPerAddressAndClient = 5
    static let maximumFailuresPerClient = 30
    /// Consecutive failures on one account (since its last sign-in, within `accountWindow`) after
    /// which every attempt on it is slowed and a client that failed on it waits.
    static let accountFailuresBeforeDelay = 100
    static let accountWindow: TimeInterval = 24 * 3600
    static let accountDelay: Duration = .seconds(2)
    /// A pending attempt older than this was lost (its instance stopped) and no longer counts.
    static let pendingLifetime: TimeInterval = 60
    /// How long an attempt waits behind earlier ones of the same client while none of them
    /// settles before it is refused: a queue that moves is waited out (a loaded server checks
    /// a burst of right passwords slowly), a stuck one is not.
    static let longestWaitWithoutProgress: Duration = .seconds(10)
    /// How long an attempt waits in all, well inside `pendingLifetime` so it still counts for the
    /// attempts behind it.
    static let longestWait: Duration = .seconds(40)
    /// How many attempts of one client may wait their turn at once; one more is refused at once.
    static let longestQueuePerClient = 2 * maximumFailuresPerClient
    /// While waiting, it looks again after 20 ms, then less and less often, at most every quarter second.
    static let firstPause: Duration = .milliseconds(20)
    static let longestPause: Duration = .milliseconds(250)

    /// Writes the attempt as pending and returns it once the throttle lets it be checked; 429
    /// (with when to try again) when a limit is reached, and the attempt is then forgotten.
    func admit(email: String, client: String) async throws -> LoginAttempt {
        let attempt = try await write(email: email, client: client)
        do {
            try await waitForTurn(attempt)
            return attempt
        } catch {
            try? await attempt.delete(on: db)
            settles?.settle(client)
            throw error
        }
    }

    /// Writes the attempt with its time read while no other attempt of the client is written: one
    /// client's attempts are in the order of their times, and each sees every one before it
    /// (parallel requests would otherwise read the clock in one order and write in another). On
    /// PostgreSQL one statement takes the client's advisory lock, reads the clock and inserts, so
    /// the lock is held for no round trip; on SQLite the instance's one connection is the lock
    /// (decision 0018).
    private func write(email: String, client: String) async throws -> LoginAttempt {
        let sql = try db.sql()
        guard sql.dialect.name == "postgresql" else {
            let clock = clock
            return try await db.withConnection { connection in
                let attempt = LoginAttempt(email: email, clientAddress: client, at: clock.now)
                try await attempt.create(on: connection)
                return attempt
            }
        }
        let id = UUID()
        struct Written: Decodable { let at: Date }
        let written = try await sql.raw(
            """
            WITH turn AS (SELECT pg_advisory_xact_lock(hashtextextended(\(bind: "sign-in \(client)"), 0)))
            INSERT INTO \(unsafeRaw: LoginAttempt.schema) (id, email, client_address, succeeded, pending, at)
            SELECT \(bind: id), \(bind: email), \(bind: client), false, true, clock_timestamp() FROM turn
            RETURNING at
            """
        ).first(decoding: Written.self)
        let attempt = LoginAttempt(email: email, clientAddress: client, at: written?.at ?? clock.now)
        attempt.id = id
        attempt.$id.exists = true
        return attempt
    }

    /// The password was right: the attempt is a sign-in, and the account's failures before it end.
    func succeeded(_ attempt: LoginAttempt) async throws {
        attempt.pending = false
        attempt.succeeded = true
        try await attempt.update(on: db)
        settles?.settle(attempt.clientAddress ?? "")
    }

    /// The password was wrong.
    func failed(_ attempt: LoginAttempt) async throws {
        attempt.pending = false
        try await attempt.update(on: db)
        settles?.settle(attempt.clientAddress ?? "")
    }

    /// The attempt was never checked (the hashing thread was busy, say): it counts for nothing.
    func dropped(_ attempt: LoginAttempt) async {
        try? await attempt.delete(on: db)
        settles?.settle(attempt.clientAddress ?? "")
    }

    /// After a new password (a reset): the account starts afresh from every client.
    static func forget(email: String, on db: any Database) async throws {
        try await LoginAttempt.query(on: db).filter(\.$email == email).delete()
    }

    private func waitForTurn(_ attempt: LoginAttempt) async throws {
        let started = ContinuousClock.now
        let client = attempt.clientAddress ?? ""
        var delayed = false
        var pause = Self.firstPause
        var fewestAhead = Int.max
        var movedAt = started
        while true {
            if settles?.isStopping == true {
                throw AppError.unavailable("The server is restarting: please try again in a few seconds.", retryAfter: 5)
            }
            let settledBefore = settles?.count(of: client) ?? 0
            let counts = try await self.counts(for: attempt)
            if let refusal = try await refusal(counts, attempt) { throw refusal }
            if counts.accountFailures >= Self.accountFailuresBeforeDelay && !delayed {
                delayed = true
                try await Task.sleep(for: Self.accountDelay)
                if settles?.isStopping == true { continue }
                continue
            }
            let pairRoom = Self.maximumFailuresPerAddressAndClient - counts.pairFailures - counts.pairAhead
            let clientRoom = Self.maximumFailuresPerClient - counts.clientFailures - counts.clientAhead
            if pairRoom > 0 && clientRoom > 0 { return }
            let now = ContinuousClock.now
            if counts.clientAhead < fewestAhead {
                fewestAhead = counts.clientAhead
                movedAt = now
            }
            // A queue longer than this for one client is refused at once: each waiting attempt asks
            // the database again and again, and one address should not make the server do that for hundreds.
            guard now - movedAt < Self.longestWaitWithoutProgress, now - started < Self.longestWait,
                counts.clientAhead < Self.longestQueuePerClient
            else {
                throw AppError.tooManyRequests(
                    "Many sign-ins from your network are being checked: please try again in a few seconds.", retryAfter: 5)
            }
            // Room comes only as attempts ahead settle: wait for as many as this one needs, here, or
            // for the pause (those settling on other instances are not counted here).
            let needed = max(1 - pairRoom, 1 - clientRoom, 1)
            if let settles {
                try await settles.wait(for: needed, of: client, since: settledBefore, atMost: pause)
            } else {
                try await Task.sleep(for: pause)
            }
            pause = min(pause * 3 / 2, Self.longestPause)
        }
    }

    struct Counts: Decodable {
        var pairFailures = 0
        var pairAhead = 0
        var clientFailures = 0
        var clientAhead = 0
        var accountFailures = 0
    }

    /// The five counts in one statement: it is asked again while an attempt waits its turn.
    private func counts(for attempt: LoginAttempt) async throws -> Counts {
        let now = clock.now
        let id = try attempt.requireID()
        let email = attempt.email
        let client = attempt.clientAddress ?? ""
        let since = now.addingTimeInterval(-Self.window)
        let accountSince = now.addingTimeInterval(-Self.accountWindow)
        let fresh = now.addingTimeInterval(-Self.pendingLifetime)
        let at = attempt.at
        // Pending attempts that came before this one (by time, then id: one order for everyone), never itself.
        let ahead: SQLQueryString = """
            pending = \(bind: true) AND at >= \(bind: fresh) AND id <> \(bind: id)
            AND (at < \(bind: at) OR (at = \(bind: at) AND id < \(bind: id)))
            """
        let failed: SQLQueryString = "pending = \(bind: false) AND succeeded = \(bind: false)"
        let query: SQLQueryString = """
            SELECT
            COALESCE(SUM(CASE WHEN email = \(bind: email) AND client_address = \(bind: client) AND \(failed)
                AND at >= \(bind: since) THEN 1 ELSE 0 END), 0) AS "pairFailures",
            COALESCE(SUM(CASE WHEN client_address = \(bind: client) AND \(failed) AND at >= \(bind: since) THEN 1 ELSE 0 END), 0)
                AS "clientFailures",
            COALESCE(SUM(CASE WHEN email = \(bind: email) AND client_address = \(bind: client) AND \(ahead) THEN 1 ELSE 0 END),
                0) AS "pairAhead",
            COALESCE(SUM(CASE WHEN client_address = \(bind: client) AND \(ahead) THEN 1 ELSE 0 END), 0) AS "clientAhead",
            COALESCE(SUM(CASE WHEN email = \(bind: email) AND \(failed) AND at > COALESCE(
                (SELECT MAX(at) FROM \(unsafeRaw: LoginAttempt.schema)
                WHERE email = \(bind: email) AND succeeded = \(bind: true)),
                \(bind: accountSince)) THEN 1 ELSE 0 END), 0) AS "accountFailures"
            FROM \(unsafeRaw: LoginAttempt.schema)
            WHERE (email = \(bind: email) OR client_address = \(bind: client)) AND at >= \(bind: accountSince)
            """
        return try await db.sql().raw(query).first(decoding: Counts.self) ?? Counts()
    }

    /// The refusal a limit gives, with the seconds until its oldest failure leaves the window.
    private func refusal(_ counts: Counts, _ attempt: LoginAttempt) async throws -> AppError? {
        let client = attempt.clientAddress ?? ""
        // Under attack from many places, a client that failed on the account once waits.
        let pairLimit = counts.accountFailures >= Self.accountFailuresBeforeDelay ? 1 : Self.maximumFailuresPerAddressAndClient
        let query: QueryBuilder<LoginAttempt>
        let what: String
        if counts.pairFailures >= pairLimit {
            query = LoginAttempt.query(on: db).filter(\.$email == attempt.email).filter(\.$clientAddress == client)
            what = "Too many wrong passwords for this account from your network"
        } else if counts.clientFailures >= Self.maximumFailuresPerClient {
            query = LoginAttempt.query(on: db).filter(\.$clientAddress == client)
            what = "Too many wrong passwords from your network"
        } else {
            return nil
        }
        let now = clock.now
        let oldest = try await query.filter(\.$pending == false).filter(\.$succeeded == false)
            .filter(\.$at >= now.addingTimeInterval(-Self.window)).sort(\.$at).first()?.at
        let seconds = Int((oldest ?? now).addingTimeInterval(Self.window).timeIntervalSince(now).rounded(.up))
        let wait = max(1, seconds)
        let minutes = (wait + 59) / 60
        return AppError.tooManyRequests(
            "\(what): try again in " + (minutes == 1 ? "a minute." : "\(minutes) minutes."),
            retryAfter: wait)
    }
}
