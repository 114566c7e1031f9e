import Fluent
import Vapor

/// A setting of the programme the support office may change (virtual exchanges, the most open
/// proposals per visitor, the rate table in force), kept in the database so every instance reads
/// the same.
final class ProgrammeSetting: Model, @unchecked Sendable {
    static let schema = "programme_settings"

    @ID(custom: "name", generatedBy: .user) var id: String?
    @Field(key: "value") var value: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(name: String, value: String) {
        self.id = name
        self.value = value
    }
}
