/// An import that changed nothing, with every problem found.
struct ImportFailure: Error, CustomStringConvertible {
    let issues: [ImportIssue]

    /// One line: the count and the first problems.
    var description: String {
        let shown = issues.prefix(5).map(\.description).joined(separator: "; ")
        let more = issues.count > 5 ? "; and \(issues.count - 5) more" : ""
        return "\(counted(issues.count, "problem")), nothing imported: \(shown)\(more)"
    }
}
