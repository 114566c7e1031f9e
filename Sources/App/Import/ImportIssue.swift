/// One problem in an import file: where it is, which field, and what is wrong.
struct ImportIssue: Error, Hashable, Sendable, CustomStringConvertible {
    let line: Int
    let key: String?
    let field: String?
    let message: String
    /// The record's type when the line named a known one: the page lists that type's fields.
    var type: String? = nil

    var description: String {
        var location = "line \(line)"
        if let key { location += " (\(key))" }
        if let field { location += " \(field)" }
        return "\(location): \(message)"
    }
}
