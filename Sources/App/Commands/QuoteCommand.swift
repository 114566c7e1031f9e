import Foundation
import ProgrammeRules
import Vapor

/// `clusterxchange quote`: the lump sum a visitor would receive (docs/interfaces.md, "Quote").
struct QuoteCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "from", help: "The visitor's place, as \"City, CC\"")
        var from: String?
        @Option(name: "to", help: "The host's place, as \"City, CC\"")
        var to: String?
        @Option(name: "start", help: "First day of the stay, YYYY-MM-DD")
        var start: String?
        @Option(name: "end", help: "Last day of the stay, YYYY-MM-DD")
        var end: String?
        @Option(name: "rates", help: "A rate table as JSON (default: the built-in cxc-default)")
        var rates: String?
        @Flag(name: "green", help: "The visitor travels by a low-emission means (distance-band tables)")
        var green: Bool
        @Flag(name: "json", help: "Print the quote as JSON")
        var json: Bool

        init() {}
    }

    var help: String { "Computes the lump sum a visitor would receive for a stay with a host." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let request = try QuoteRequest(
            from: signature.from, to: signature.to, start: signature.start, end: signature.end,
            ratesPath: signature.rates, greenTravel: signature.green)
        let quote = try request.quote()
        if signature.json {
            context.console.output(try quote.jsonLine().consoleText())
        } else {
            context.console.output(quote.humanReadable.consoleText())
        }
    }
}

extension LumpSumQuote {
    /// One line of JSON, keys sorted, so that scripts can read it.
    func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    var humanReadable: String {
        let amount = Money.format(cents: amountCents, currency: currency)
        return (["\(from) -> \(to), \(start) to \(end): \(amount)"] + reasons.map { "  - \($0)" })
            .joined(separator: "\n")
    }
}
