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
