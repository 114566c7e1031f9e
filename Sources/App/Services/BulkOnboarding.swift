import Fluent
import Foundation
import ProgrammeRules
import Vapor

/// Bulk onboarding from the support office's pages: a JSON Lines or CSV file is checked line by
/// line and the report shown; applying it writes everything or nothing (`Importer`).
struct BulkOnboarding {
    let context: ServiceContext

    /// At most this much text per file.
    static let maximumBytes = 2 * 1024 * 1024

    struct Report: Encodable {
        /// What applying would do ("organisations: 3 created, 1 updated"), when nothing is wrong.
        let summary: String?
        let issues: [String]
        let records: Int
        /// The lines that hold something, and how many of them have a problem.
        let lines: Int
        let linesWithIssues: Int
        /// The fields of each type a problem was found in ("An organisation's fields: …").
        let guides: [String]
        /// The file as JSON Lines, kept in the form until it is applied.
        let content: String
    }

    /// Reads the file: CSV when its name ends in .csv or its first line holds commas but no brace.
    func check(_ text: String, filename: String) async throws -> Report {
        try requireSupportOffice()
        let (lines, csvIssues) = Self.jsonLines(text, filename: filename)
        let parser = ImportParser(gazetteer: try Gazetteer.bundled())
        let (records, issues) = parser.parse(lines)
        let all = (csvIssues + issues).sorted { $0.line < $1.line }
        let count = lines.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.count
        func report(_ summary: String?, _ found: [ImportIssue]) -> Report {
            Report(
                summary: summary, issues: found.map(\.description), records: records.count, lines: count,
                linesWithIssues: Set(found.map(\.line)).count,
                guides: Set(found.compactMap(\.type)).sorted().compactMap(parser.guide(for:)), content: lines)
        }
        guard all.isEmpty else { return report(nil, all) }
        do {
            let summary = try await Importer(database: context.db).run(records, dryRun: true)
            return report(summary.description, [])
        } catch let failure as ImportFailure {
            return report(nil, failure.issues)
        }
    }

    /// Writes the checked file, all or nothing; a problem found now is a 422 naming the lines.
    func apply(_ lines: String) async throws -> ImportSummary {
        try requireSupportOffice()
        guard lines.utf8.count <= Self.maximumBytes else {
            throw AppError.payloadTooLarge(FieldProblem("content", "too-large", "send at most 2 MB at once"))
        }
        let parser = ImportParser(gazetteer: try Gazetteer.bundled())
        let (records, issues) = parser.parse(lines)
        guard issues.isEmpty, !records.isEmpty else {
            throw AppError.invalid(
                "file", "import-issues",
                issues.isEmpty ? "the file holds no record" : issues.map(\.description).joined(separator: "; "))
        }
        do {
            let summary = try await Importer(database: context.db).run(records)
            context.caches?.forgetAll()
            return summary
        } catch let failure as ImportFailure {
            throw AppError.invalid("file", "import-issues", failure.issues.map(\.description).joined(separator: "; "))
        }
    }

    static func jsonLines(_ text: String, filename: String) -> (String, [ImportIssue]) {
        let first = text.prefix(while: { $0 != "\n" && $0 != "\r" })
        let isCSV = filename.lowercased().hasSuffix(".csv") || (!first.contains("{") && first.contains(","))
        return isCSV ? CSVImport.jsonLines(text) : (text, [])
    }

    private func requireSupportOffice() throws {
        guard try context.signedIn().isAdmin else { throw AppError.forbidden("Only the support office onboards in bulk.") }
    }
}

extension ServiceContext {
    var bulkOnboarding: BulkOnboarding { BulkOnboarding(context: self) }
}
