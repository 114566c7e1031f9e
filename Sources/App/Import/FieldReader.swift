import Foundation
import ProgrammeRules

/// Reads the fields of one JSON object and collects, instead of throwing, every problem with the
/// field's name, so a person fixes a whole line at once.
struct FieldReader {
    let object: [String: JSONValue]
    let line: Int
    let key: String?
    private(set) var issues: [ImportIssue] = []
    /// Every field asked for, in order: what a record of this type reads.
    private(set) var asked: [String] = []

    init(object: [String: JSONValue], line: Int, key: String?) {
        self.object = object
        self.line = line
        self.key = key
    }

    mutating func fail(_ field: String?, _ message: String) {
        var type: String?
        if case .string(let named) = object["type"], ImportParser.types.contains(named) { type = named }
        issues.append(ImportIssue(line: line, key: key, field: field, message: message, type: type))
    }

    /// The field's value; nil (after noting it when required) when absent or null.
    private mutating func value(_ field: String, required: Bool) -> JSONValue? {
        if !asked.contains(field) { asked.append(field) }
        guard let raw = object[field], raw != .null else {
            if required { fail(field, "is required") }
            return nil
        }
        return raw
    }

    mutating func string(_ field: String, required: Bool = true, maxLength: Int = 10_000) -> String? {
        guard let raw = value(field, required: required) else { return nil }
        guard case .string(let text) = raw else {
            fail(field, "must be a string, not \(raw.typeName)")
            return nil
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if required && trimmed.isEmpty {
            fail(field, "must not be empty")
            return nil
        }
        if trimmed.count > maxLength {
            fail(field, "must be at most \(maxLength) characters")
            return nil
        }
        return trimmed.isEmpty ? nil : trimmed
    }

    mutating func integer(_ field: String, in range: ClosedRange<Int>, required: Bool = true) -> Int? {
        guard let raw = value(field, required: required) else { return nil }
        guard case .number(let number) = raw, let integer = Int(exactly: number) else {
            fail(field, "must be a whole number, not \(raw.typeName)")
            return nil
        }
        guard range.contains(integer) else {
            fail(field, "must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return integer
    }

    mutating func bool(_ field: String, default defaultValue: Bool) -> Bool {
        guard let raw = value(field, required: false) else { return defaultValue }
        guard case .bool(let flag) = raw else {
            fail(field, "must be true or false, not \(raw.typeName)")
            return defaultValue
        }
        return flag
    }

    mutating func strings(_ field: String, required: Bool = false, validate: (String) -> String? = { _ in nil }) -> [String] {
        guard let raw = value(field, required: required) else { return [] }
        guard case .array(let list) = raw else {
            fail(field, "must be a list of strings, not \(raw.typeName)")
            return []
        }
        var values: [String] = []
        var elementProblems = false
        for (index, element) in list.enumerated() {
            guard case .string(let text) = element else {
                fail("\(field)[\(index)]", "must be a string, not \(element.typeName)")
                elementProblems = true
                continue
            }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.contains("|") {
                fail("\(field)[\(index)]", "must be a non-empty string without \"|\"")
                elementProblems = true
            } else if let problem = validate(trimmed) {
                fail("\(field)[\(index)]", problem)
                elementProblems = true
            } else if !values.contains(trimmed) {
                values.append(trimmed)
            }
        }
        if required && values.isEmpty && !elementProblems {
            fail(field, "must list at least one value")
        }
        return values
    }

    // MARK: Raw values for the shared checks

    /// A string as given (type-checked only); the shared checks do the rest.
    mutating func text(_ field: String) -> String? {
        guard let raw = value(field, required: false) else { return nil }
        guard case .string(let text) = raw else {
            fail(field, "must be a string, not \(raw.typeName)")
            return nil
        }
        return text
    }

    /// A list of strings as given (type-checked only).
    mutating func texts(_ field: String) -> [String]? {
        guard let raw = value(field, required: false) else { return nil }
        guard case .array(let list) = raw else {
            fail(field, "must be a list of strings, not \(raw.typeName)")
            return nil
        }
        var values: [String] = []
        for (index, element) in list.enumerated() {
            guard case .string(let text) = element else {
                fail("\(field)[\(index)]", "must be a string, not \(element.typeName)")
                continue
            }
            values.append(text)
        }
        return values
    }

    /// A whole number as given (type-checked only; ranges are the shared checks').
    mutating func number(_ field: String) -> Int? {
        guard let raw = value(field, required: false) else { return nil }
        guard case .number(let number) = raw, let integer = Int(exactly: number) else {
            fail(field, "must be a whole number, not \(raw.typeName)")
            return nil
        }
        return integer
    }

    /// Takes the shared checks' problems as this line's.
    mutating func report(_ error: AppError) {
        for problem in error.problems { fail(problem.field, problem.message) }
    }
}
