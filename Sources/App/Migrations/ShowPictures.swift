import Fluent

/// A logo for organisations and a photo for people (issue 20), each a `StoredFile` row, so every
/// instance serves them from the database.
struct ShowPictures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Organisation.schema).field("logo_id", .uuid).update()
        try await database.schema(User.schema).field("photo_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).deleteField("photo_id").update()
        try await database.schema(Organisation.schema).deleteField("logo_id").update()
    }
}
