import Matching
import ProgrammeRules

/// The search box as the catalogue understands it: each word folded and stemmed ("lasers" finds
/// "laser"), stop words of the five languages dropped. The database keeps the records holding
/// every stem; the index ranks them. When that finds nothing, `corrected` is the same search with
/// each word no listing holds replaced by the nearest word the listings do hold, one typo away
/// ("lazer" finds "laser"); a word the database holds but the index does not (a city) is never
/// replaced while it finds something.
struct CatalogueSearch: Sendable {
    struct Word: Sendable {
        /// As typed, folded.
        let typed: String
        /// The index term searched (a stem).
        let term: String
    }

    let index: InvertedIndex
    /// At most five words, as the box says.
    let words: [Word]

    init(_ q: String, index: InvertedIndex) {
        self.index = index
        words = index.analyzer.folded(q).prefix(5).map { Word(typed: $0, term: index.term(for: $0)?.term ?? $0) }
    }

    private init(index: InvertedIndex, words: [Word]) {
        self.index = index
        self.words = words
    }

    /// Nothing to search for (only stop words or punctuation): the list keeps its usual order.
    var isEmpty: Bool { words.isEmpty }

    /// What the database matches: each stem must appear in the record's folded text.
    var patterns: [String] { words.map(\.term) }

    /// The words, for ranking and for saying what was searched.
    var text: String { words.map(\.typed).joined(separator: " ") }

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
        return changed ? CatalogueSearch(index: index, words: fixed) : nil
    }
}
