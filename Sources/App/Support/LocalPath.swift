/// A path on this site taken from input (the sign-in's `next`, a form's `back`, a message's
/// `about`): never another site's address. A path with a scheme, a host, a backslash, or any
/// control or space character (which browsers strip or reinterpret, as in "/\t/evil.example",
/// read as "//evil.example") is refused, encoded or not.
enum LocalPath {
    static let maximumBytes = 1_000

    /// The path when it is one of this site's; nil otherwise.
    static func checked(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), text.utf8.count <= maximumBytes else { return nil }
        let forbidden = text.unicodeScalars.contains { scalar in
            scalar.value < 0x21 || scalar.value == 0x7F || scalar == "\\" || (0x80...0x9F).contains(scalar.value)
                || scalar.properties.isWhitespace
        }
        let lowered = text.lowercased()
        guard !forbidden, !text.contains("://"), !lowered.contains("%2f%2f"), !lowered.hasPrefix("/%2f"),
            !lowered.contains("%5c"), !text.contains("%0"), !text.contains("%1"), !lowered.contains("%7f")
        else { return nil }
        return text
    }
}
