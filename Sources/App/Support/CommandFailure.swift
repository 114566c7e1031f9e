/// A command's failure: one line, printed on stderr by the entry point, exit code 1.
public struct CommandFailure: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
