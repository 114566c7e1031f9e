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

extension FieldProblem {
    /// The problem as a sentence a person reads where no field stands beside it (a notice at the
    /// top of a page): a message that is only a predicate ("is required", "must be …") gets the
    /// field's name in words ("Objectives is required"); a whole sentence stays as it is.
    var sentence: String {
        guard let first = message.first, first.isLowercase else { return message }
        return "\(Self.label(field)) \(message)"
    }

    /// "hostRating" → "Host rating", "agenda_items[2]" → "Agenda items".
    static func label(_ field: String) -> String {
        var words = ""
        for character in field.prefix(while: { $0 != "[" }) {
            if character == "_" || character == "." || character == "-" {
                words.append(" ")
            } else if character.isUppercase, !words.isEmpty, words.last != " " {
                words.append(" ")
                words.append(contentsOf: character.lowercased())
            } else {
                words.append(character)
            }
        }
        let trimmed = words.trimmingCharacters(in: .whitespaces)
        return trimmed.prefix(1).uppercased() + trimmed.dropFirst()
    }
}
