/// RFC 4180 text: a header row, fields quoted when they hold a comma, a quote or a line break,
/// lines ending in CRLF. A field that a spreadsheet would take for a formula (it begins with `=`,
/// `+`, `-`, `@`, a tab or a carriage return, OWASP's list) is written with a leading `'`, so
/// an offer titled `=HYPERLINK(…)` stays text; plain numbers ("-12", "3.5") stay numbers.
enum CSV {
    static func text(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { row in
            row.map { field in
                let safe = neutralised(field)
                return safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
            }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }

    static func neutralised(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first), !isNumber(field)
        else { return field }
        return "'" + field
    }

    /// "-12", "+3.5": a number, which no spreadsheet runs.
    private static func isNumber(_ field: String) -> Bool {
        var digits = 0
        var points = 0
        for (offset, scalar) in field.unicodeScalars.enumerated() {
            switch scalar {
            case "-", "+": if offset > 0 { return false }
            case ".": points += 1
            case "0"..."9": digits += 1
            default: return false
            }
        }
        return digits > 0 && points <= 1
    }
}
