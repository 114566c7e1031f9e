import Fluent
import ProgrammeRules
import Vapor

/// Counts steps and reports at most a hundred times.
final class ProgressCounter: @unchecked Sendable {
    private let total: Int
    private let report: @Sendable (Int, Int) -> Void
    private var done = 0
    private let lock = NSLock()

    init(total: Int, report: @escaping @Sendable (Int, Int) -> Void) {
        self.total = total
        self.report = report
    }

    func step() {
        let (now, shouldReport) = lock.withLock { () -> (Int, Bool) in
            done += 1
            let every = max(1, total / 100)
            return (done, done % every == 0 || done == total)
        }
        if shouldReport { report(now, total) }
    }
}
