import ConsoleKit
import Foundation

/// A console that keeps what a command prints, for assertions.
final class CapturingConsole: Console, @unchecked Sendable {
    private let lock = NSLock()
    private var out = ""
    private var err = ""
    private var info: [AnySendableHashable: any Sendable] = [:]

    var size: (width: Int, height: Int) { (120, 40) }
    var supportsANSICommands: Bool { false }
    var userInfo: [AnySendableHashable: any Sendable] {
        get { lock.withLock { info } }
        set { lock.withLock { info = newValue } }
    }

    var standardOutput: String { lock.withLock { out } }
    var standardError: String { lock.withLock { err } }

    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) {
        lock.withLock { out += text.description + (newLine ? "\n" : "") }
    }
    func report(error: String, newLine: Bool) {
        lock.withLock { err += error + (newLine ? "\n" : "") }
    }
    func clear(_ type: ConsoleClear) {}
}
