import ProgrammeRules

/// Collects the problems of people's input field by field, so one answer names them all.
struct InputChecker {
    var problems: [FieldProblem] = []

    mutating func fail(_ field: String, _ rule: String, _ message: String) {
        problems.append(FieldProblem(field: field, rule: rule, message: message))
    }

    mutating func text(_ value: String?, _ field: String, required: Bool, max: Int) -> String {
        let text = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if required && text.isEmpty { fail(field, "required", "is required") }
        if text.count > max { fail(field, "too-long", "must be at most \(max) characters") }
        return text
    }

    mutating func list(_ values: [String]?, _ field: String, required: Bool = false, check: (String) -> String? = { _ in nil }) -> [String] {
        var kept: [String] = []
        for (index, raw) in (values ?? []).enumerated() {
            let value = raw.trimmingCharacters(in: .whitespaces)
            if value.isEmpty { continue }
            if value.contains("|") || value.count > 80 {
                fail("\(field)[\(index)]", "invalid", "must be at most 80 characters, without \"|\"")
            } else if let message = check(value) {
                fail("\(field)[\(index)]", "invalid", message)
            } else if !kept.contains(value) {
                kept.append(value)
            }
        }
        if required && kept.isEmpty && !problems.contains(where: { $0.field.hasPrefix(field) }) {
            fail(field, "required", "list at least one")
        }
        return kept
    }

    mutating func date(_ value: String?, _ field: String) -> CalendarDate? {
        guard let value, let date = CalendarDate(iso: value) else {
            fail(field, "date", "must be a calendar date as YYYY-MM-DD")
            return nil
        }
        return date
    }
}

extension InputChecker {
    /// "C26, C28 ," -> ["C26", "C28"]: how forms take lists in one text field.
    static func commaSeparated(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
