import Foundation

@testable import App

/// Records what it sends; fails while `failing` is set.
final class RecordingTransport: MailTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [MailMessage] = []
    var failing = false

    var messages: [MailMessage] { lock.withLock { sent } }

    func send(_ message: MailMessage) async throws {
        if lock.withLock({ failing }) { throw SMTPError.connectionClosed }
        try await Task.sleep(for: .milliseconds(5))
        lock.withLock { sent.append(message) }
    }
}
