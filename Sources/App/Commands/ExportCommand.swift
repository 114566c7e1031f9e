import Fluent
import Foundation
import Vapor

/// `clusterxchange export FILE.jsonl` (docs/interfaces.md, "Community: publishing, feeds,
/// statistics, export"): everything `import` reads, in the import format (`Exporter`). The file is
/// written beside its name and moved into place at the end, so a failed export leaves no half file.
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The JSON Lines file to write")
        var file: String

        init() {}
    }

    var help: String { "Writes partnerships, validated organisations, offers and requests as JSON Lines that import reads." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let summary = try await Self.export(to: signature.file, from: app.database, progress: ProgressLine("exporting"))
        context.console.output("exported to \(signature.file): \(summary)".consoleText())
    }

    static func export(to path: String, from database: any Database, progress: ProgressLine? = nil) async throws
        -> Exporter.Summary
    {
        let target = URL(fileURLWithPath: path)
        let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial")
        guard FileManager.default.createFile(atPath: partial.path, contents: nil) else {
            throw CommandFailure("cannot write \(path): check that its folder exists and may be written")
        }
        let handle = try FileHandle(forWritingTo: partial)
        do {
            let summary = try await Exporter(database: database).run(
                write: { handle.write(Data(($0 + "\n").utf8)) }, progress: { progress?.update($0, of: $1) })
            try handle.close()
            if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
            try FileManager.default.moveItem(at: partial, to: target)
            return summary
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }
}
