import ProgrammeRules

/// A request line of an import: its key, its visitor's key and its checked fields.
struct RequestRecord: Sendable {
    let line: Int
    let key: String
    let visitor: String
    let fields: RequestFields
}
