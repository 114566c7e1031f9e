public enum GazetteerError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformedPlace(String)
    case countryNotCovered(String, CountryCode)
    case unknownCity(String, CountryCode, suggestions: [String])

    public var description: String {
        switch self {
        case .malformedPlace(let text):
            "expected a place as \"City, CC\" (a city and an ISO country code), got \"\(text)\""
        case .countryNotCovered(let name, let code):
            "\(name) is not a participating country of the programme, so it has no cities in the gazetteer"
                + (name == code.rawValue ? "" : " (\(code))")
        case .unknownCity(let city, let code, let suggestions):
            // "unknown city" stays the opening words: forms and scripts match on them.
            "unknown city \"\(city)\" in \(code): no place of 1,000 inhabitants or more has that name"
                + (suggestions.isEmpty
                    ? "" : "; did you mean " + suggestions.map { "\"\($0)\"" }.joined(separator: " or ") + "?")
        }
    }
}
