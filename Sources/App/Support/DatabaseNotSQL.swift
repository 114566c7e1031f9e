import Fluent
import SQLKit

struct DatabaseNotSQL: Error, CustomStringConvertible {
    var description: String { "the database driver does not speak SQL" }
}
