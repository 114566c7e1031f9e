/// Short lists (sectors, topics, languages, countries, purposes) are stored in one text column as
/// `|a|b|c|`: the same on SQLite and PostgreSQL, and a filter on one element is a plain
/// substring match on both (docs/decisions/0006-list-columns.md).
enum StringList {
    static func encode(_ values: [String]) -> String {
        values.isEmpty ? "" : "|" + values.joined(separator: "|") + "|"
    }

    static func decode(_ stored: String) -> [String] {
        stored.split(separator: "|").map(String.init)
    }

    /// The substring that finds rows whose list holds `value` (with Fluent's `~~`).
    static func element(_ value: String) -> String { "|\(value)|" }
}

import ProgrammeRules

/// Text folded the same way as search queries, so `LIKE '%term%'` ignores case and accents on
/// both databases.
enum SearchText {
    static func fold(_ parts: [String]) -> String { " " + parts.map(NameFolding.fold).joined(separator: " ") + " " }

    /// One query term as stored text holds it (with Fluent's `~~`). Folding leaves only letters,
    /// digits and spaces, so no term carries a LIKE wildcard.
    static func term(_ term: String) -> String { NameFolding.fold(term) }
}
