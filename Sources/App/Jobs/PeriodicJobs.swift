import Fluent
import SQLKit
import Vapor

/// Jobs that must run once per interval across every instance, whichever instances are up.
enum PeriodicJobs {
    /// Whether this instance won the job's turn now: the row's next run moves forward by
    /// `interval` with one conditional update, which exactly one instance can make.
    static func claim(_ name: String, interval: TimeInterval, now: Date = Date(), on db: any Database) async throws -> Bool {
        try await claim(name, nextRunAt: now.addingTimeInterval(interval), now: now, on: db)
    }

    /// Whether this instance won the job's turn now, the next turn being due at `nextRunAt`.
    static func claim(_ name: String, nextRunAt: Date, now: Date = Date(), on db: any Database) async throws -> Bool {
        if try await PeriodicJob.find(name, on: db) == nil {
            do {
                try await PeriodicJob(name: name, nextRunAt: now).create(on: db)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                // Another instance created it first.
            }
        }
        let won = try await db.sql().update(PeriodicJob.schema)
            .set("next_run_at", to: nextRunAt).set("last_run_at", to: now)
            .where("name", .equal, name).where("next_run_at", .lessThanOrEqual, now)
            .returning("name").all()
        return !won.isEmpty
    }

    /// The next midnight in Brussels, for jobs run once a day.
    static func nextMidnight(after now: Date = Date()) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = PlatformClock.programmeTimeZone
        let start = calendar.startOfDay(for: now)
        return calendar.date(byAdding: .day, value: 1, to: start) ?? now.addingTimeInterval(24 * 3600)
    }
}
