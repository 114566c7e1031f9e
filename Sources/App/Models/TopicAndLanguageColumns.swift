import ProgrammeRules

/// Records whose short lists live in one `|a|b|` text column each (docs/decisions/0006-list-columns.md).
/// The column is the Fluent field; these accessors read and write it as a list.
protocol TopicAndLanguageColumns: AnyObject {
    var topicList: String { get set }
    var languageList: String { get set }
}

extension TopicAndLanguageColumns {
    var topics: [String] {
        get { StringList.decode(topicList) }
        set { topicList = StringList.encode(newValue) }
    }

    /// ISO 639-1 codes, lower case.
    var languages: [String] {
        get { StringList.decode(languageList) }
        set { languageList = StringList.encode(newValue) }
    }
}
