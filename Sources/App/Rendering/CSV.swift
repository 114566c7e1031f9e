/// RFC 4180 text: a header row, fields quoted when they hold a comma, a quote or a line break,
/// lines ending in CRLF.
enum CSV {
    static func text(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { row in
            row.map { field in
                field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }
}
