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
