import Foundation

/// Reading the data files bundled with the library.
enum DataFile {
    static func text(named name: String) throws(DataFileError) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "tsv") else {
            throw .missing("\(name).tsv")
        }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .unreadable("\(name).tsv", String(describing: error))
        }
    }
}

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
