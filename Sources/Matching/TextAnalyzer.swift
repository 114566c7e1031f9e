import ProgrammeRules

/// Turns text into index terms: case and accents folded (the same folding as place names),
/// split on anything that is not a letter or a digit, stop words of English, French, German,
/// Italian and Spanish dropped, single letters dropped.
public struct TextAnalyzer: Sendable {
    public let stopWords: Set<String>

    /// No stop word is longer than this, so longer tokens skip the look-up.
    private let longestStopWord: Int

    public init(stopWords: Set<String> = StopWords.all) {
        self.stopWords = stopWords
        self.longestStopWord = stopWords.map(\.utf8.count).max() ?? 0
    }

    public func terms(_ text: String) -> [String] {
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

/// Common function words, folded (no accents), of the platform's five main languages.
public enum StopWords {
    public static let english: Set<String> = [
        "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can",
        "for", "from", "has", "have", "how", "in", "into", "is", "it", "its", "more", "new", "of", "on", "or", "our",
        "so", "such", "than", "that", "the", "their", "them", "there", "these", "they", "this", "to", "up", "us", "was",
        "we", "were", "what", "which", "while", "who", "will", "with", "would", "you", "your",
    ]
    public static let french: Set<String> = [
        "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "est", "et", "il", "ils", "la", "le",
        "les", "leur", "mais", "nous", "ou", "par", "pas", "pour", "qui", "que", "sa", "se", "ses", "son", "sur", "un",
        "une", "vos", "votre", "vous", "nos", "notre", "sont", "cette",
    ]
    public static let german: Set<String> = [
        "aber", "als", "am", "an", "auch", "auf", "aus", "bei", "das", "dass", "dem", "den", "der", "des", "die", "ein",
        "eine", "einer", "eines", "es", "fur", "hat", "im", "in", "ist", "mit", "nach", "nicht", "oder", "sich", "sie",
        "sind", "und", "uber", "um", "unser", "unsere", "von", "vor", "wir", "wird", "zu", "zum", "zur",
    ]
    public static let italian: Set<String> = [
        "al", "alla", "alle", "che", "con", "da", "dei", "del", "della", "delle", "di", "e", "gli", "il", "in", "la",
        "le", "lo", "nel", "nella", "non", "per", "piu", "si", "sono", "su", "sul", "tra", "un", "una", "uno", "nostro", "nostra",
    ]
    public static let spanish: Set<String> = [
        "al", "como", "con", "de", "del", "el", "en", "es", "esta", "este", "la", "las", "lo", "los", "mas", "nuestro",
        "nuestra", "para", "pero", "por", "que", "se", "sin", "sobre", "su", "sus", "un", "una", "y",
    ]
    public static let all: Set<String> = english.union(french).union(german).union(italian).union(spanish)
}
