import Foundation
import ProgrammeRules

/// Reads a rate table from a JSON file, with errors that name the file and the field.
enum RateTableFile {
    static func load(_ path: String) throws -> RateTable {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CommandFailure("--rates: cannot read \(path)")
        }
        do {
            return try JSONDecoder().decode(RateTable.self, from: data)
        } catch let error as DecodingError {
            throw CommandFailure("--rates: \(path) is not a valid rate table: \(error.summary)")
        }
    }
}
