public enum DataFileError: Error, Hashable, Sendable, CustomStringConvertible {
    case missing(String)
    case unreadable(String, String)
    case malformedLine(file: String, line: Int)

    public var description: String {
        switch self {
        case .missing(let file): "the bundled data file \(file) is missing"
        case .unreadable(let file, let why): "the bundled data file \(file) cannot be read: \(why)"
        case .malformedLine(let file, let line): "the bundled data file \(file) is malformed at line \(line)"
        }
    }
}
