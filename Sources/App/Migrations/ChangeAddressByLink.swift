import Fluent

/// A person changes their e-mail address by a link sent to the new one: the link's row keeps the
/// address it confirms (issue 20).
struct ChangeAddressByLink: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EmailLink.schema).field("new_email", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EmailLink.schema).deleteField("new_email").update()
    }
}
