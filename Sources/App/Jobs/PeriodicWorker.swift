import NIOConcurrencyHelpers
import Vapor

/// A background loop of `serve`: runs its step every `interval` until the server stops. The outbox,
/// the matching change log and the sweep each run in one. A failing step is logged and tried
/// again next time; it never stops the loop or the server.
final class PeriodicWorker: LifecycleHandler, Sendable {
    let name: String
    let interval: Duration
    private let start: @Sendable (Application) async throws -> Void
    private let step: @Sendable (Application) async throws -> Void
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(
        _ name: String, every interval: Duration, start: @escaping @Sendable (Application) async throws -> Void = { _ in },
        step: @escaping @Sendable (Application) async throws -> Void
    ) {
        self.name = name
        self.interval = interval
        self.start = start
        self.step = step
    }

    func didBootAsync(_ application: Application) async throws {
        try await start(application)
        let logger = Logger(label: "clusterxchange.\(name)")
        let running = Task { [interval, step] in
            while !Task.isCancelled {
                do {
                    try await step(application)
                } catch {
                    logger.error("\(String(reflecting: error))")
                }
                try? await Task.sleep(for: interval)
            }
        }
        task.withLockedValue { $0 = running }
    }

    func shutdownAsync(_ application: Application) async {
        let running = task.withLockedValue { task in
            defer { task = nil }
            return task
        }
        running?.cancel()
        await running?.value
    }
}
