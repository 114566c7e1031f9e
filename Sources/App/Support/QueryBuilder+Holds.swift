import FluentKit
import SQLKit

extension QueryBuilder {
    /// Rows whose folded text column holds `fragment` (folded too): `instr` on SQLite, `strpos` on
    /// PostgreSQL. Both are a plain byte search; SQLite's LIKE folds the case of every character
    /// of every row it scans, and the catalogue's search scanned a megabyte of text per query with
    /// it while holding the instance's one connection (decision 0024). The column and the
    /// fragment are folded already (`SearchText`), so the answer is the same as LIKE's.
    @discardableResult
    func filter(_ field: KeyPath<Model, FieldProperty<Model, String>>, holds fragment: String) -> Self {
        let column = SQLColumn(SQLIdentifier(Model()[keyPath: field].key.description), table: SQLIdentifier(Model.schemaOrAlias))
        let search = (database as? any SQLDatabase)?.dialect.name == "postgresql" ? "strpos" : "instr"
        return filter(
            .custom(
                SQLBinaryExpression(SQLFunction(search, args: column, SQLBind(fragment)), .greaterThan, SQLLiteral.numeric("0")))
        )
    }

    /// Rows whose folded text column holds at least one of `fragments` (one of a concept's phrases).
    @discardableResult
    func filter(_ field: KeyPath<Model, FieldProperty<Model, String>>, holdsAny fragments: [String]) -> Self {
        guard fragments.count > 1 else { return filter(field, holds: fragments.first ?? "") }
        return group(.or) { group in
            for fragment in fragments { group.filter(field, holds: fragment) }
        }
    }
}
