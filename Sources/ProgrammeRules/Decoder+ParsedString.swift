extension Decoder {
    /// A value written as one string (a country code, a date) and read by the type's own parser,
    /// so JSON refuses the same text as every other input does; the error says what was expected
    /// and quotes what came.
    func decodeParsedString<Value>(expected: String, _ parse: (String) -> Value?) throws -> Value {
        let container = try singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected \(expected), got \"\(text)\"")
        }
        return value
    }
}
