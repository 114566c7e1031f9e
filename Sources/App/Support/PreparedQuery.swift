import FluentKit
import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// A query of plain SQL asked on (nearly) every request, written once for both databases with
/// `$1`, `$2`… in the order of their first use. PostgreSQL prepares it once per connection and
/// plans it from then on without parsing (PostgresNIO's prepared statements): every other query
/// is sent unnamed, so parsed and planned again each time, which was most of the database's work
/// on a signed-in page (decision 0024). SQLite reads `$1` as the first parameter, `$2` as the
/// second, so the same text runs there through SQLKit.
protocol PreparedQuery: PostgresPreparedStatement where Row == Output {
    associatedtype Output: Decodable & Sendable
    /// The values of `$1`, `$2`…, in order.
    var values: [any PostgresEncodable & Encodable & Sendable] { get }
}

extension PreparedQuery {
    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { try bindings.append(value) }
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Output { try row.sql().decode(model: Output.self) }

    /// The rows, on whichever database `db` is.
    func all(on db: any Database) async throws -> [Output] {
        // SQLite first, asked of the dialect: a failed cast to PostgresDatabase cost more.
        if let sql = db as? any SQLDatabase, sql.dialect.name != "postgresql" {
            return try await sql.raw(Self.bound(values)).all(decoding: Output.self)
        }
        guard let postgres = db as? any PostgresDatabase else { return [] }
        return try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                var rows: [Output] = []
                for try await row in try await connection.execute(self, logger: connection.logger) { rows.append(row) }
                return rows
            }
        }.get()
    }

    /// The text with each `$n` bound to `values[n - 1]`, for SQLKit (SQLite). A list compared
    /// with `= ANY($n)`, which SQLite does not know, becomes `IN (?, ?, …)` there. The text is cut
    /// at its `$n`s once per type (`SQLPieces`), not on every run.
    static func bound(_ values: [any PostgresEncodable & Encodable & Sendable]) -> SQLQueryString {
        var query = SQLQueryString("")
        for piece in SQLPieces.of(Self.self) {
            guard let number = piece.parameter else {
                query.appendLiteral(piece.text)
                continue
            }
            if values.indices.contains(number - 1) {
                if let list = values[number - 1] as? any SQLList, let opening = piece.textBeforeList {
                    query.appendLiteral(opening)
                    query.appendInterpolation(binds: list.elements)
                } else {
                    query.appendLiteral(piece.text)
                    query.appendInterpolation(bind: values[number - 1])
                }
            } else {
                query.appendLiteral(piece.text + "$\(number)")
            }
        }
        return query
    }

    func first(on db: any Database) async throws -> Output? { try await all(on: db).first }
}

/// A prepared query's text cut at each `$n`: the text before it, and `n` (nil for the end).
private struct SQLPiece: Sendable {
    let text: String
    /// The text before a list, `= ANY(` replaced with `IN (`; nil when it does not end so.
    let textBeforeList: String?
    let parameter: Int?
}

/// Each prepared query type's pieces, cut on its first run.
private enum SQLPieces {
    static let known = NIOLockedValueBox<[ObjectIdentifier: [SQLPiece]]>([:])

    static func of<Query: PreparedQuery>(_ type: Query.Type) -> [SQLPiece] {
        let id = ObjectIdentifier(type)
        if let pieces = known.withLockedValue({ $0[id] }) { return pieces }
        let pieces = cut(Query.sql)
        known.withLockedValue { $0[id] = pieces }
        return pieces
    }

    /// How a prepared text compares a column with a list: `column = ANY($n)`.
    static let anyOpening = "= ANY("

    static func cut(_ sql: String) -> [SQLPiece] {
        var pieces: [SQLPiece] = []
        var text = Substring(sql)
        while let dollar = text.firstIndex(of: "$") {
            let before = String(text[..<dollar])
            let digits = text[text.index(after: dollar)...].prefix(while: { $0.isASCII && $0.isNumber })
            if let number = Int(digits) {
                let list = before.hasSuffix(anyOpening) ? String(before.dropLast(anyOpening.count)) + "IN (" : nil
                pieces.append(SQLPiece(text: before, textBeforeList: list, parameter: number))
            } else {
                pieces.append(SQLPiece(text: before + "$" + digits, textBeforeList: nil, parameter: nil))
            }
            text = text[text.index(dollar, offsetBy: 1 + digits.count)...]
        }
        pieces.append(SQLPiece(text: String(text), textBeforeList: nil, parameter: nil))
        return pieces
    }
}

/// A list bound as one value: an array on PostgreSQL, an `IN` list on SQLite.
private protocol SQLList {
    var elements: [any Encodable & Sendable] { get }
}

/// What such a list may hold.
private protocol SQLListElement: Encodable, Sendable {}
extension UUID: SQLListElement {}
extension Int: SQLListElement {}
extension String: SQLListElement {}

extension Array: SQLList where Element: SQLListElement {
    fileprivate var elements: [any Encodable & Sendable] { map { $0 } }
}
