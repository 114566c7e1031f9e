/// A document to index: its key and its fields. Field weights follow BM25F's idea: a word in the
/// topics or the title says more about a document than one in its description.
public struct IndexedDocument: Sendable, Equatable {
    public let key: String
    public let title: String
    public let description: String
    public let topics: [String]

    public init(key: String, title: String, description: String, topics: [String]) {
        self.key = key
        self.title = title
        self.description = description
        self.topics = topics
    }
}
