/// Offers and requests: the text both carry, written the same way.
protocol ListingTextColumns: TopicAndLanguageColumns, PurposeColumn {
    var title: String { get set }
    var description: String { get set }
}

extension ListingTextColumns {
    func apply(_ text: ListingText) {
        title = text.title
        description = text.description
        purposes = text.purposes
        topics = text.topics
        languages = text.languages
    }
}
