import ProgrammeRules

/// Checks shared by the import, the API and the forms.
enum Validation {
    static func country(_ text: String) -> CountryCode? {
        guard let code = CountryCode(text), text == code.rawValue,
            !(CountryRegistry.cosme.country(code)?.participation.isEmpty ?? true)
        else { return nil }
        return code
    }

    /// A participating country as every form takes it: its two-letter code in any case, or its
    /// name in English, in its own language or in French ("de", "Germany", "Deutschland", "Allemagne").
    static func country(nameOrCode text: String) -> CountryCode? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let code = country(trimmed.uppercased()) { return code }
        return CountryRegistry.cosme.code(named: trimmed).flatMap { country($0.rawValue) }
    }

    /// Why `text` names no participating country, for a form.
    static func countryNameOrCodeProblem(_ text: String) -> String? {
        country(nameOrCode: text) == nil ? countryProblem(text.trimmingCharacters(in: .whitespaces)) : nil
    }

    static func countryProblem(_ text: String) -> String {
        guard let code = CountryCode(text), text == code.rawValue else {
            return "choose a participating country by its name or two-letter code (e.g. \"Germany\" or \"DE\"); "
                + (text.isEmpty ? "none was given" : "\"\(text.prefix(40))\" is not one")
        }
        return "\(CountryRegistry.cosme.label(of: code)) has never taken part in the programme"
    }

    static func sectorProblem(_ text: String) -> String? {
        NACECode(text).map { $0.description == text ? nil : "must be written \"\($0)\"" }
            ?? "choose a NACE sector: a letter and two digits, such as \"C26\" (computer, electronic and optical "
            + "products); \"\(text.prefix(40))\" is not one"
    }

    /// The ISO 639-1 code for "de", "DE", "German" or "Deutsch"; nil when none fits.
    static func languageCode(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if LanguageCode.isValid(trimmed.lowercased()) { return trimmed.lowercased() }
        return LanguageCode.code(named: trimmed)
    }

    static func kindProblem(_ text: String) -> String {
        "choose one of: " + OrganisationKind.allCases.map(\.displayName).joined(separator: ", ") + " (got \"\(text.prefix(40))\")"
    }

    static func languageProblem(_ text: String) -> String? {
        LanguageCode.isValid(text)
            ? nil
            : "choose a language by its name or two-letter code (e.g. \"German\" or \"de\"); \"\(text.prefix(40))\" is not one"
    }

    static func purposeProblem(_ text: String) -> String? {
        Purpose(rawValue: text) == nil
            ? "choose one of \(Purpose.allCases.map(\.rawValue).joined(separator: ", ")); \"\(text.prefix(40))\" is not one" : nil
    }

    static func countryCodeProblem(_ text: String) -> String? {
        country(text) == nil ? countryProblem(text) : nil
    }

    static func keyProblem(_ text: String) -> String? {
        text.count <= 100 && text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
            ? nil : "must be at most 100 letters, digits, '-', '_' or '.', got \"\(text)\""
    }
}
