import Foundation

/// A progress bar on stderr for long commands: redrawn in place on a terminal, a line every tenth
/// otherwise (logs, CI), so stdout stays for the command's result.
final class ProgressLine: @unchecked Sendable {
    private let title: String
    private let isTerminal = isatty(FileHandle.standardError.fileDescriptor) == 1
    private var lastTenth = -1
    private let lock = NSLock()

    init(_ title: String) { self.title = title }

    func update(_ done: Int, of total: Int) {
        guard total > 0 else { return }
        let fraction = Double(done) / Double(total)
        lock.withLock {
            if isTerminal {
                let width = 30
                let filled = Int(fraction * Double(width))
                let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                write("\r\(title) [\(bar)] \(done)/\(total)" + (done == total ? "\n" : ""))
            } else {
                let tenth = Int(fraction * 10)
                if tenth != lastTenth {
                    lastTenth = tenth
                    write("\(title): \(done)/\(total) (\(tenth * 10)%)\n")
                }
            }
        }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
