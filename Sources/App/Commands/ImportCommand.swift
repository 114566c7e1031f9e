import Fluent
import Foundation
import ProgrammeRules
import Vapor

/// `clusterxchange import FILE.jsonl [--dry-run]` (docs/interfaces.md, "Import: JSON Lines").
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The JSON Lines file to import")
        var file: String
        @Flag(name: "dry-run", help: "Check everything and report what would change, without writing")
        var dryRun: Bool

        init() {}
    }

    var help: String { "Imports partnerships, organisations, offers and requests from JSON Lines: all or nothing." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let text: String
        do {
            text = try String(contentsOfFile: signature.file, encoding: .utf8)
        } catch {
            throw CommandFailure("cannot read \(signature.file) as UTF-8 text")
        }
        try await app.autoMigrate()
        let summary = try await Self.importText(
            text, into: app.database, dryRun: signature.dryRun, progress: ProgressLine("importing"))
        app.instanceCaches.forgetAll()
        context.console.output("\(signature.dryRun ? "dry run, nothing written: " : "imported: ")\(summary)".consoleText())
    }

    /// Parses, checks and writes; throws `CommandFailure` naming the lines at fault.
    static func importText(_ text: String, into database: any Database, dryRun: Bool = false, progress: ProgressLine? = nil)
        async throws -> ImportSummary
    {
        let parser = ImportParser(gazetteer: try Gazetteer.bundled())
        let (records, issues) = parser.parse(text)
        guard issues.isEmpty else { throw CommandFailure(ImportFailure(issues: issues).description) }
        do {
            return try await Importer(database: database).run(records, dryRun: dryRun) { done, total in
                progress?.update(done, of: total)
            }
        } catch let failure as ImportFailure {
            throw CommandFailure(failure.description)
        }
    }
}
