import ProgrammeRules

/// An offer line of an import: its key, its host's key and its checked fields.
struct OfferRecord: Sendable {
    let line: Int
    let key: String
    let host: String
    let fields: OfferFields
}
