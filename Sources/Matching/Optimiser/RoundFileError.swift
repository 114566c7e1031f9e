/// Why a round file was refused. `description` is one line that names the place in the file
/// (a field path such as `candidates[12].host`) and the rule broken, so the `optimise` command
/// can print it as its reason.
public struct RoundFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where: a field path like `hosts[3].capacity`, or `line 2, column 7` for broken JSON.
    public var path: String
    /// What rule the value breaks.
    public var rule: String

    public init(path: String, rule: String) {
        self.path = path
        self.rule = rule
    }

    public var description: String { path.isEmpty ? rule : "\(path): \(rule)" }
}
