import Fluent
import Foundation
import Matching
import Vapor

/// `clusterxchange suggest (--request KEY | --offer KEY) [--limit N] --json`
/// (docs/interfaces.md, "Suggestions"): ranked, explained suggestions, best first.
struct SuggestCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "request", help: "Suggest hosts' offers for this request")
        var request: String?
        @Option(name: "offer", help: "Suggest visitors' requests for this offer")
        var offer: String?
        @Option(name: "limit", help: "How many suggestions, 1 to 1000 (default 10)")
        var limit: String?
        @Flag(name: "json", help: "Print the suggestions as a JSON array")
        var json: Bool

        init() {}
    }

    var help: String { "Prints the best hosts for a request or the best visitors for an offer, with their reasons." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let limit = try Self.limit(signature.limit)
        let subject: (request: String?, offer: String?)
        switch (signature.request, signature.offer) {
        case (let request?, nil): subject = (request, nil)
        case (nil, let offer?): subject = (nil, offer)
        case (nil, nil): throw CommandFailure("name what to suggest for: --request KEY or --offer KEY")
        default: throw CommandFailure("give --request or --offer, not both")
        }
        let app = context.application
        try await app.autoMigrate()
        let matcher = try await app.matching.rebuild(on: app.database)
        let suggestions: [Suggestion]
        if let key = subject.request {
            guard let found = matcher.hosts(forRequest: key, limit: limit) else {
                throw CommandFailure(
                    try await Self.whyUnknown(
                        "request", key, exists: VisitRequest.query(on: app.database).filter(\.$key == key).count() > 0))
            }
            suggestions = found
        } else {
            let key = subject.offer ?? ""
            guard let found = matcher.visitors(forOffer: key, limit: limit) else {
                throw CommandFailure(
                    try await Self.whyUnknown(
                        "offer", key, exists: Offer.query(on: app.database).filter(\.$key == key).count() > 0))
            }
            suggestions = found
        }
        // The interface's fields, and more (titles, names, the stay, distance, lump sum, score parts):
        // interfaces may be extended.
        let lines = suggestions.map { Suggestions.dto($0, matcher) }
        if signature.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
            context.console.output(String(decoding: try encoder.encode(lines), as: UTF8.self).consoleText())
        } else if lines.isEmpty {
            context.console.output("No suggestion passes the programme's rules.".consoleText())
        } else {
            for (rank, line) in lines.enumerated() {
                let other = subject.request == nil ? "\(line.request) (\(line.visitor))" : "\(line.offer) (\(line.host))"
                context.console.output("\(rank + 1). \(other)  score \(String(format: "%.4f", line.score))".consoleText())
                for reason in line.reasons { context.console.output("     - \(reason)".consoleText()) }
            }
        }
    }

    static func limit(_ text: String?) throws -> Int {
        guard let text else { return 10 }
        guard let limit = Int(text), (1...1000).contains(limit) else {
            throw CommandFailure("--limit must be a whole number from 1 to 1000, not \(text)")
        }
        return limit
    }

    /// A key the matcher does not hold: unknown, or held back because its organisation is not validated.
    static func whyUnknown(_ kind: String, _ key: String, exists: Bool) -> String {
        exists
            ? "the \(kind) \(key) belongs to an organisation that is not validated, so it is not matched"
            : "there is no \(kind) with key \(key)"
    }
}
