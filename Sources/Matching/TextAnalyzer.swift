import ProgrammeRules

/// Turns text into index terms: case and accents folded (the same folding as place names),
/// split on anything that is not a letter or a digit, stop words of English, French, German,
/// Italian and Spanish dropped, single letters dropped.
public struct TextAnalyzer: Sendable {
    public let stopWords: Set<String>
    /// Terms are reduced to their stems (`Stemmer`), so "lasers" finds "laser".
    public let stemming: Bool

    /// No stop word is longer than this, so longer tokens skip the look-up.
    private let longestStopWord: Int

    public init(stopWords: Set<String> = StopWords.all, stemming: Bool = false) {
        self.stopWords = stopWords
        self.stemming = stemming
        self.longestStopWord = stopWords.map(\.utf8.count).max() ?? 0
    }

    public func terms(_ text: String) -> [String] {
        let words = folded(text)
        return stemming ? words.map(Stemmer.stem) : words
    }

    /// The words of the text, folded, without stop words, not stemmed.
    public func folded(_ text: String) -> [String] {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return NameFolding.fold(text).split(separator: " ").compactMap { token in
                let term = String(token)
                return term.count < 2 || stopWords.contains(term) ? nil : term
            }
        }
        // ASCII text, the common case, is folded and split in one pass over its bytes (the same
        // result as above: letters lowered, digits kept, anything else separates).
        var terms: [String] = []
        var token: [UInt8] = []
        token.reserveCapacity(32)
        func flush() {
            if token.count >= 2 {
                let term = String(decoding: token, as: UTF8.self)
                if token.count > longestStopWord || !stopWords.contains(term) { terms.append(term) }
            }
            token.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): token.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): token.append(byte + 32)
            default: flush()
            }
        }
        flush()
        return terms
    }
}
