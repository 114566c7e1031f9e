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
