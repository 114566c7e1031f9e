import Fluent
import SQLKit
import Vapor

/// Deletes what has expired, so no table grows without end: sign-in attempts after a day (the
/// account-wide throttle's window), rate counters past their window, used or expired e-mail links,
/// expired API tokens and browser sessions, sent mail after a month, matching change-log lines
/// every instance has read, files nothing refers to (a CV, a logo or a photo in use is kept), and
/// news and events refused or hidden three months ago. One instance at a time runs it (`PeriodicJobs`).
enum Sweep {
    static let interval: TimeInterval = 10 * 60
    static let keepSentMail: TimeInterval = 30 * 24 * 3600
    static let keepChangeLog: TimeInterval = 24 * 3600
    static let keepUnsubscribeLinks: TimeInterval = 90 * 24 * 3600
    /// News and events refused, or hidden after reports and not published again, are kept this
    /// long after their last change (for the author to read why), then deleted.
    static let keepRefusedPublications: TimeInterval = 90 * 24 * 3600

    struct Counts: Equatable, Sendable {
        var loginAttempts = 0
        var rateCounters = 0
        var emailLinks = 0
        var tokens = 0
        var sessions = 0
        var mail = 0
        var changes = 0
        var files = 0
        var formSubmissions = 0
        var unsubscribeLinks = 0
        var refusedPublications = 0
    }

    @discardableResult
    static func run(on db: any Database, now: Date = Date()) async throws -> Counts {
        let sql = try db.sql()
        func delete(_ table: String, _ build: (SQLDeleteBuilder) -> SQLDeleteBuilder) async throws -> Int {
            try await build(sql.delete(from: table)).returning(SQLLiteral.all).all().count
        }
        var counts = Counts()
        counts.loginAttempts = try await delete(LoginAttempt.schema) {
            $0.where("at", .lessThan, now.addingTimeInterval(-SignInThrottle.accountWindow))
        }
        counts.rateCounters = try await RateLimiter.sweep(on: db, now: now)
        counts.emailLinks = try await delete(EmailLink.schema) {
            $0.where("expires_at", .lessThan, now).orWhere("used_at", .lessThan, now.addingTimeInterval(-24 * 3600))
        }
        counts.tokens = try await delete(UserToken.schema) { $0.where("expires_at", .lessThan, now) }
        counts.sessions = try await delete(BrowserSession.schema) {
            $0.where("expires_at", .lessThan, now)
                .orWhere("last_seen_at", .lessThan, now.addingTimeInterval(-SessionMiddleware.idleTimeout))
                .orWhere {
                    $0.where("user_id", .is, SQLLiteral.null).where(
                        "last_seen_at", .lessThan, now.addingTimeInterval(-SessionMiddleware.anonymousIdleTimeout))
                }
        }
        counts.mail = try await delete(OutboxMessage.schema) {
            $0.where("sent_at", .lessThan, now.addingTimeInterval(-keepSentMail))
        }
        counts.formSubmissions = try await delete(FormSubmission.schema) {
            $0.where("created_at", .lessThan, now.addingTimeInterval(-SubmitOnceGuard.keep))
        }
        counts.unsubscribeLinks = try await delete(UnsubscribeLink.schema) {
            $0.where("created_at", .lessThan, now.addingTimeInterval(-keepUnsubscribeLinks))
        }
        counts.refusedPublications = try await delete(Publication.schema) {
            $0.where("status", .in, [Publication.Status.rejected.rawValue, Publication.Status.hidden.rawValue])
                .where("updated_at", .lessThan, now.addingTimeInterval(-keepRefusedPublications))
        }
        counts.changes = try await delete(MatchingChange.schema) {
            $0.where("changed_at", .lessThan, now.addingTimeInterval(-keepChangeLog))
        }
        counts.files = try await delete(StoredFile.schema) {
            $0.where("created_at", .lessThan, now.addingTimeInterval(-24 * 3600))
                .where(
                    SQLIdentifier("id"), .notIn,
                    SQLGroupExpression(
                        sql.select().column("cv_file_id").from(Registration.schema).where("cv_file_id", .isNot, SQLLiteral.null)
                            .select)
                )
                // Logos and photos are kept while their organisation or person points at them.
                .where(
                    SQLIdentifier("id"), .notIn,
                    SQLGroupExpression(
                        sql.select().column("logo_id").from(Organisation.schema).where("logo_id", .isNot, SQLLiteral.null).select)
                )
                .where(
                    SQLIdentifier("id"), .notIn,
                    SQLGroupExpression(
                        sql.select().column("photo_id").from(User.schema).where("photo_id", .isNot, SQLLiteral.null).select))
        }
        return counts
    }
}
