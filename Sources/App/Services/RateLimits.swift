import Fluent
import Foundation
import SQLKit

/// How often one person, organisation, client or address may do one thing: `limit` times in any
/// `window`, counted in the database so every instance counts together. What people read when
/// they reach it says what was refused and when to try again.
struct RateLimit: Sendable {
    /// Stable, part of every counter's name ("message-person").
    let name: String
    let limit: Int
    let window: TimeInterval
    /// "Too many messages from you", completed with when to try again.
    let refusal: String

    // Sign-up and password resets: per client, and per address the mail goes to.
    static let signUpPerClient = RateLimit(
        name: "sign-up-client", limit: 10, window: 3600, refusal: "Too many accounts were asked for from your network")
    static let signUpPerAddress = RateLimit(
        name: "sign-up-address", limit: 3, window: 3600, refusal: "Too many sign-ups were asked for with this address")
    static let resetPerClient = RateLimit(
        name: "reset-client", limit: 10, window: 3600, refusal: "Too many password resets were asked for from your network")
    static let resetPerAddress = RateLimit(
        name: "reset-address", limit: 3, window: 3600, refusal: "Too many password resets were asked for this address")

    // What reaches other people's mailboxes: per person and per organisation.
    static let messagePerPerson = RateLimit(
        name: "message-person", limit: 30, window: 3600, refusal: "You have sent many messages in the last hour")
    static let messagePerOrganisation = RateLimit(
        name: "message-organisation", limit: 60, window: 3600,
        refusal: "Your organisation has sent many messages in the last hour")
    static let proposalPerPerson = RateLimit(
        name: "proposal-person", limit: 50, window: 24 * 3600, refusal: "You have proposed many exchanges today")
    static let proposalPerOrganisation = RateLimit(
        name: "proposal-organisation", limit: 100, window: 24 * 3600,
        refusal: "Your organisation has proposed many exchanges today")
    static let contentReportPerPerson = RateLimit(
        name: "content-report-person", limit: 20, window: 3600, refusal: "You have reported many items in the last hour")
    static let interestPerPerson = RateLimit(
        name: "interest-person", limit: 30, window: 3600,
        refusal: "You have shown interest in many things in the last hour")
    static let joinRequestPerPerson = RateLimit(
        name: "join-request-person", limit: 20, window: 3600,
        refusal: "You have asked to join many organisations in the last hour")
    static let submissionPerPerson = RateLimit(
        name: "submission-person", limit: 20, window: 3600, refusal: "You have sent many items for review in the last hour")
    /// Registering and cancelling: a freed place tells the next on the waiting list.
    static let registrationPerPerson = RateLimit(
        name: "registration-person", limit: 30, window: 3600,
        refusal: "You have registered for events many times in the last hour")
    /// Asking for meetings reaches the other person's mailbox.
    static let meetingRequestPerPerson = RateLimit(
        name: "meeting-person", limit: 30, window: 3600, refusal: "You have asked for many meetings in the last hour")
    /// An event's organisers hear of one person's interest once, however often it is taken back and given again.
    static let interestToldOnce = RateLimit(name: "interest-told", limit: 1, window: 365 * 24 * 3600, refusal: "")
}

/// Counters in the table `rate_counters`, one row per counter and fixed window. A hit is counted
/// first and taken back when it is over the limit, so parallel requests cannot all slip under it
/// and refused ones do not keep anyone out longer. The previous window counts in proportion to
/// what of it still lies within `window` of now (a sliding window, without a row per hit).
struct RateLimiter: Sendable {
    static let table = "rate_counters"

    let db: any Database
    let now: Date
    /// The support office acts for the programme (entering matches, publishing, importing): its
    /// own doings are not limited.
    var exempt = false

    /// Counts one hit of `limit` for `subject`; 429, with when to try again, when there were
    /// already `limit` in the last `window`.
    func spend(_ limit: RateLimit, for subject: String) async throws {
        guard !exempt else { return }
        if let retryAfter = try await hit(limit, for: subject) {
            let minutes = max(1, (retryAfter + 59) / 60)
            let when = minutes == 1 ? "in a minute" : minutes < 90 ? "in \(minutes) minutes" : "in \((minutes + 59) / 60) hours"
            throw AppError.tooManyRequests("\(limit.refusal): please try again \(when).", retryAfter: retryAfter)
        }
    }

    /// Counts one hit; false (and nothing counted) when over the limit. Asked whoever calls: it
    /// decides whether something happens once, not how often someone may act.
    func allows(_ limit: RateLimit, for subject: String) async throws -> Bool {
        try await hit(limit, for: subject) == nil
    }

    /// nil when the hit is within the limit, else the seconds until the oldest counted hit leaves the window.
    private func hit(_ limit: RateLimit, for subject: String) async throws -> Int? {
        let sql = try db.sql()
        let counter = Self.counter(limit.name, subject)
        let seconds = max(1, Int(limit.window))
        let moment = Int(now.timeIntervalSince1970)
        let start = moment - moment % seconds
        struct Hits: Decodable { let hits: Int }
        let current =
            try await sql.raw(
                """
                INSERT INTO \(unsafeRaw: Self.table) (counter, window_start, hits, expires_at)
                VALUES (\(bind: counter), \(bind: start), 1, \(bind: start + 2 * seconds))
                ON CONFLICT (counter, window_start) DO UPDATE SET hits = \(unsafeRaw: Self.table).hits + 1
                RETURNING hits
                """
            ).first(decoding: Hits.self)?.hits ?? 1
        let previous =
            try await sql.raw(
                """
                SELECT hits FROM \(unsafeRaw: Self.table)
                WHERE counter = \(bind: counter) AND window_start = \(bind: start - seconds)
                """
            ).first(decoding: Hits.self)?.hits ?? 0
        // The part of the previous window still within `window` of now, in whole hits counted generously.
        let elapsed = moment - start
        let carried = (previous * (seconds - elapsed) + seconds - 1) / seconds
        guard current + carried > limit.limit else { return nil }
        try await sql.raw(
            """
            UPDATE \(unsafeRaw: Self.table) SET hits = hits - 1
            WHERE counter = \(bind: counter) AND window_start = \(bind: start) AND hits > 0
            """
        ).run()
        return max(1, seconds - elapsed)
    }

    /// The counter's name: the limit's and the subject's, the subject as a digest so an address
    /// is not kept in the clear and no subject is too long.
    static func counter(_ name: String, _ subject: String) -> String {
        "\(name):\(SecretToken.digest(subject.lowercased()).prefix(32))"
    }

    /// Windows that no longer count for anything.
    static func sweep(on db: any Database, now: Date) async throws -> Int {
        try await db.sql().delete(from: table).where("expires_at", .lessThan, Int(now.timeIntervalSince1970))
            .returning(SQLLiteral.all).all().count
    }
}

extension ServiceContext {
    var rateLimiter: RateLimiter { RateLimiter(db: db, now: clock.now, exempt: caller?.isAdmin == true) }
}
