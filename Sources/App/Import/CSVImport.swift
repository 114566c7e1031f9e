import Foundation

/// A CSV file (RFC 4180, a header row) turned into the import's JSON Lines, so the support office
/// can onboard from a spreadsheet: a `type` column (organisation when absent), list columns
/// separated by ";", numbers and yes/no where the import format has them.
enum CSVImport {
    static let listColumns: Set<String> = ["sectors", "topics", "languages", "purposes", "preferredCountries", "countries"]
    static let numberColumns: Set<String> = ["capacity", "workingDays", "budgetCents", "targetExchanges"]
    static let flagColumns: Set<String> = ["virtual"]

    /// The JSON Lines, a line for each row (so the import's line numbers are the file's rows, the
    /// header being line 1), and the problems of the CSV itself.
    static func jsonLines(_ text: String) -> (text: String, issues: [ImportIssue]) {
        let rows = parse(text)
        guard let header = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces) }), !header.isEmpty else {
            return ("", [ImportIssue(line: 1, key: nil, field: nil, message: "the file needs a header row naming the columns")])
        }
        // Line 1 is the header: an empty line keeps the numbers of the rows.
        var lines = [""]
        var issues: [ImportIssue] = []
        for (index, row) in rows.dropFirst().enumerated() {
            let number = index + 2
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                lines.append("")
                continue
            }
            if row.count > header.count {
                issues.append(
                    ImportIssue(
                        line: number, key: nil, field: nil,
                        message: "has \(row.count) cells where the header names \(header.count) columns"))
            }
            var object: [String: Any] = ["type": "organisation"]
            for (column, cell) in zip(header, row) {
                let value = cell.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !value.isEmpty else { continue }
                if listColumns.contains(column) {
                    object[column] = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                        .filter { !$0.isEmpty }
                } else if numberColumns.contains(column), let number = Int(value) {
                    object[column] = number
                } else if flagColumns.contains(column) {
                    object[column] = ["yes", "true", "1"].contains(value.lowercased())
                } else {
                    object[column] = value
                }
            }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
            lines.append(String(decoding: data, as: UTF8.self))
        }
        return (lines.joined(separator: "\n"), issues)
    }

    /// The cells of each row: quoted cells may hold commas, quotes (doubled) and line breaks.
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var characters = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" { cell.append("\"") } else { quoted = false; pending = next }
                } else {
                    cell.append(character)
                }
                continue
            }
            switch character {
            case "\"" where cell.isEmpty: quoted = true
            case ",":
                row.append(cell)
                cell = ""
            case "\n", "\r\n", "\r":
                row.append(cell)
                rows.append(row)
                row = []
                cell = ""
            default: cell.append(character)
            }
        }
        if !cell.isEmpty || !row.isEmpty {
            row.append(cell)
            rows.append(row)
        }
        return rows
    }
}
