import Matching
import ProgrammeRules

/// The search box as the catalogue understands it. A word or phrase the programme's thesaurus
/// knows stands for its whole concept ("3D printing" finds additive manufacturing, "Wasserstoff"
/// finds hydrogen); every other word is folded and stemmed ("lasers" finds "laser"), stop words
/// of the five languages dropped. Each word matches from the start of a word of the text, and a
/// word of one or two letters ("AI", "EV") only as a whole word, so "AI" never finds "chain".
///
/// The database keeps the records holding every word (or one phrase of every concept); the
/// index ranks them. When that finds nothing, `corrected` is the same search with each word no
/// listing holds replaced by the nearest word the listings do hold, one typo away ("lazer" finds
/// "laser"); a word the database holds but the index does not (a city) is never replaced while
/// it finds something.
struct CatalogueSearch: Sendable {
    struct Word: Sendable {
        /// As typed, folded.
        let typed: String
        /// The index term searched (a stem).
        let term: String
    }

    struct Concept: Sendable {
        /// The phrase as typed, folded.
        let typed: String
        /// Every phrase of the concept, folded.
        let phrases: [String]
    }

    let index: InvertedIndex
    /// The words outside any concept.
    let words: [Word]
    /// The concepts named.
    let concepts: [Concept]

    /// At most five words or concepts, as the box says.
    static let limit = 5

    init(_ q: String, index: InvertedIndex, thesaurus: Thesaurus = .programme) {
        self.index = index
        let all = NameFolding.fold(q).split(separator: " ").map(String.init)
        let matches = thesaurus.matches(in: all)
        var covered = Set<Int>()
        for match in matches { covered.formUnion(match.start..<(match.start + match.count)) }
        let rest = all.indices.filter { !covered.contains($0) }.map { all[$0] }.joined(separator: " ")
        concepts = matches.prefix(Self.limit).map {
            Concept(typed: all[$0.start..<($0.start + $0.count)].joined(separator: " "), phrases: $0.phrases)
        }
        words = index.analyzer.folded(rest).prefix(Self.limit - concepts.count).map {
            Word(typed: $0, term: index.term(for: $0)?.term ?? $0)
        }
    }

    private init(index: InvertedIndex, words: [Word], concepts: [Concept]) {
        self.index = index
        self.words = words
        self.concepts = concepts
    }

    /// Nothing to search for (only stop words or punctuation): the list keeps its usual order.
    var isEmpty: Bool { words.isEmpty && concepts.isEmpty }

    /// What the database matches: every group must be held by the record's folded text, a group
    /// by any one of its patterns.
    var patterns: [[String]] {
        concepts.map { $0.phrases.map(Self.pattern) } + words.map { [Self.pattern($0.term)] }
    }

    /// The words of each group as a person would read them: for finding a city among them.
    var groups: [[String]] { concepts.map(\.phrases) + words.map { [$0.typed] } }

    /// Stored text is folded with a space before and after every word (`SearchText`): a pattern
    /// starts at a word, and a short one ends with it too.
    static func pattern(_ words: String) -> String { words.utf8.count <= 2 ? " \(words) " : " \(words)" }

    /// The words, for saying what was searched.
    var text: String { (concepts.map(\.typed) + words.map(\.typed)).joined(separator: " ") }

    /// What the index ranks by: every phrase of every concept, and the words.
    var rankingText: String { (concepts.flatMap(\.phrases) + words.map(\.typed)).joined(separator: " ") }

    /// The search with every word no listing holds replaced by the nearest known one (one edit);
    /// nil when there is nothing to correct.
    var corrected: CatalogueSearch? { replacing(within: 1) }

    /// On zero results: the nearest spelling within two edits, as a query to offer.
    func didYouMean() -> String? { replacing(within: 2)?.text }

    private func replacing(within bound: Int) -> CatalogueSearch? {
        var changed = false
        let fixed = words.map { word -> Word in
            guard let fix = index.correction(for: word.typed, within: bound) else { return word }
            changed = true
            return Word(typed: fix.surface, term: fix.term)
        }
        return changed ? CatalogueSearch(index: index, words: fixed, concepts: concepts) : nil
    }
}
