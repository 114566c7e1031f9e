import Fluent
import SQLKit

extension Database {
    /// SQLKit for what Fluent cannot say (indexes, conditional updates, locks).
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw DatabaseNotSQL() }
        return sql
    }
}
