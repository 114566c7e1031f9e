import Fluent
import Vapor

/// An uploaded file (a CV), kept in the database so every app instance can serve it.
final class StoredFile: Model, @unchecked Sendable {
    static let schema = "stored_files"

    @ID(key: .id) var id: UUID?
    @Parent(key: "owner_id") var owner: User
    @Field(key: "filename") var filename: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "data") var data: Data
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(ownerID: UUID, filename: String, contentType: String, data: Data) {
        self.$owner.id = ownerID
        self.filename = filename
        self.contentType = contentType
        self.size = data.count
        self.data = data
    }
}
