import Vapor

/// What `serve` does in the background, in every instance: deliver the outbox, follow the
/// matching change log, and (one instance at a time) sweep what has expired.
enum BackgroundWork {
    static var workers: [PeriodicWorker] {
        [
            PeriodicWorker("outbox", every: .seconds(5)) { app in
                try await OutboxDelivery(transport: app.mailTransport, logger: app.logger, linkBase: app.linkBase).deliverPending(
                    on: app.database)
            },
            PeriodicWorker("matching", every: .seconds(1), start: { app in _ = try await app.matching.rebuild(on: app.database) })
            { app in
                _ = try await app.matching.catchUp(on: app.database)
            },
            PeriodicWorker("sweep", every: .seconds(60)) { app in
                guard try await PeriodicJobs.claim("sweep", interval: Sweep.interval, on: app.database) else { return }
                let counts = try await Sweep.run(on: app.database)
                app.logger.debug("sweep: \(counts)")
            },
        ]
    }
}
