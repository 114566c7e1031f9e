import App
import Foundation
import Logging
import Vapor

@main
enum Entrypoint {
    static func main() async {
        do {
            var env = try Environment.detect()
            try LoggingSystem.bootstrap(from: &env) { level in
                { label in
                    // Logs go to stderr so that commands printing JSON keep stdout clean; with
                    // LOG_FORMAT=json one JSON object a line, for a log shipper.
                    if ProcessInfo.processInfo.environment["LOG_FORMAT"] == "json" {
                        return JSONLogHandler(label: label, level: level)
                    }
                    var handler = StreamLogHandler.standardError(label: label)
                    handler.logLevel = level
                    return handler
                }
            }
            let app = try await Application.make(env)
            do {
                try await configure(app)
                // Not app.execute(): it logs the error as well, and a failing command says
                // what went wrong in exactly one line (below).
                try await app.startup()
                try await app.running?.onStop.get()
                // SIGTERM or SIGINT: the requests under way finish first (10 s at most); any still
                // running then would find the database closed under them, so the process ends here.
                let unfinished = await app.drain()
                if unfinished > 0 {
                    app.logger.warning("stopping with \(unfinished) requests still under way after the shutdown timeout")
                    exit(0)
                }
            } catch {
                try? await app.asyncShutdown()
                fail(error)
            }
            try await app.asyncShutdown()
        } catch {
            fail(error)
        }
    }

    /// Every command ends with one line on stderr and a non-zero status when it fails.
    static func fail(_ error: any Error) -> Never {
        let message: String
        if let abort = error as? any AbortError {
            message = abort.reason
        } else {
            message = String(describing: error)
        }
        FileHandle.standardError.write(Data("clusterxchange: \(message.split(separator: "\n").joined(separator: " "))\n".utf8))
        exit(1)
    }
}
