import Vapor

/// One field that broke one rule, as a person and a program can read it.
struct FieldProblem: Content, Hashable, Sendable {
    let field: String
    let rule: String
    let message: String
}

/// Input that breaks rules: a 422 naming every field, rendered as problem details (RFC 9457) or
/// beside the fields of a form.
struct InputProblem: AbortError, CustomStringConvertible {
    let problems: [FieldProblem]
    var status: HTTPResponseStatus = .unprocessableEntity

    init(_ problems: [FieldProblem], status: HTTPResponseStatus = .unprocessableEntity) {
        self.problems = problems
        self.status = status
    }

    init(field: String, rule: String, _ message: String, status: HTTPResponseStatus = .unprocessableEntity) {
        self.init([FieldProblem(field: field, rule: rule, message: message)], status: status)
    }

    var reason: String { description }
    var identifier: String { problems.first?.rule ?? "invalid-input" }
    var description: String { problems.map { "\($0.field): \($0.message)" }.joined(separator: "; ") }
}
