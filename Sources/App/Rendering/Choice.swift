/// One option of a select, a radio group or a set of checkboxes, as every form renders it.
struct Choice: Encodable, Sendable {
    let value: String
    let label: String
    let selected: Bool
}
