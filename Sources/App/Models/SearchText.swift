import ProgrammeRules

/// Text folded the same way as search queries, so `LIKE '%term%'` ignores case and accents on
/// both databases.
enum SearchText {
    static func fold(_ parts: [String]) -> String { " " + parts.map(NameFolding.fold).joined(separator: " ") + " " }

    /// One query term as stored text holds it (with Fluent's `~~`). Folding leaves only letters,
    /// digits and spaces, so no term carries a LIKE wildcard.
    static func term(_ term: String) -> String { NameFolding.fold(term) }
}
