import Fluent
import Vapor

/// `clusterxchange user create --email E --password P --role R [--organisation KEY] [--partnership KEY]`.
struct UserCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["create": UserCreateCommand()] }
    var help: String { "Manages accounts." }
}
