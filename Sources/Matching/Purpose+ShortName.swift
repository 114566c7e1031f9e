import ProgrammeRules

extension Purpose {
    /// The purpose in a few words, for reasons.
    public var shortName: String {
        switch self {
        case .learn: "learning from another cluster"
        case .markets: "new markets"
        case .technology: "new technologies"
        case .collaboration: "interregional collaboration"
        }
    }
}
