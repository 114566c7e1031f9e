import Fluent
import ProgrammeRules
import Vapor

/// What an import did (or, in a dry run, would do).
struct ImportSummary: Sendable, Equatable, CustomStringConvertible {
    var created: [String: Int] = [:]
    var updated: [String: Int] = [:]

    var description: String {
        ["partnership", "organisation", "offer", "request"].compactMap { type in
            let c = created[type, default: 0]
            let u = updated[type, default: 0]
            return c + u == 0 ? nil : "\(type)s: \(c) created, \(u) updated"
        }.joined(separator: "; ").nonEmpty ?? "nothing to import"
    }
}

extension ImportSummary {
    mutating func count(_ type: String, existed: Bool) {
        if existed { updated[type, default: 0] += 1 } else { created[type, default: 0] += 1 }
    }
}
