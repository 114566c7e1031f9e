import Vapor

/// What `serve` does in the background, in every instance: deliver the outbox, follow the
/// matching change log, and (one instance at a time) sweep what has expired and send the day's
/// reminders.
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
            PeriodicWorker("reminders", every: .seconds(300)) { app in
                guard try await PeriodicJobs.claim("reminders", nextRunAt: PeriodicJobs.nextMidnight(), on: app.database) else {
                    return
                }
                let sent = try await app.context.reminders.run()
                app.logger.info("reminders: \(sent) sent")
            },
            PeriodicWorker("digests", every: .seconds(300)) { app in
                guard try await PeriodicJobs.claim("digests", nextRunAt: PeriodicJobs.nextMidnight(), on: app.database) else {
                    return
                }
                let sent = try await Following.sendDigests(app.context)
                let asked = try await app.context.outcomes.askDue()
                app.logger.info("digests: \(sent) sent; outcomes: \(asked) asked")
            },
            PeriodicWorker("sweep", every: .seconds(60)) { app in
                guard try await PeriodicJobs.claim("sweep", interval: Sweep.interval, on: app.database) else { return }
                let counts = try await Sweep.run(on: app.database)
                app.logger.debug("sweep: \(counts)")
            },
        ]
    }
}
