import Vapor

/// One field that broke one rule, as a person and a program can read it.
struct FieldProblem: Content, Hashable, Sendable {
    let field: String
    let rule: String
    let message: String

    init(field: String, rule: String, message: String) {
        self.field = field
        self.rule = rule
        self.message = message
    }

    init(_ field: String, _ rule: String, _ message: String) {
        self.init(field: field, rule: rule, message: message)
    }
}
