import Fluent
import Vapor

/// A job that runs at most once per interval across every instance (the sweep, the daily
/// reminders): an instance runs it only after moving `next_run_at` forward with a conditional
/// update that no other instance can also win (docs/decisions/0017-periodic-jobs.md).
final class PeriodicJob: Model, @unchecked Sendable {
    static let schema = "periodic_jobs"

    @ID(custom: "name", generatedBy: .user) var id: String?
    @Field(key: "next_run_at") var nextRunAt: Date
    @OptionalField(key: "last_run_at") var lastRunAt: Date?

    init() {}

    init(name: String, nextRunAt: Date) {
        self.id = name
        self.nextRunAt = nextRunAt
    }
}
