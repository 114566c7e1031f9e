import Fluent
import Vapor

/// A file the visitor uploaded as evidence of the stay (a boarding pass, an invoice, a signed
/// agenda). The bytes live in the storage (`FileStorage`); the database keeps where, what and a
/// SHA-256 checksum.
final class EvidenceFile: Model, @unchecked Sendable {
    static let schema = "evidence_files"

    @ID(key: .id) var id: UUID?
    @Parent(key: "exchange_id") var exchange: Exchange
    @Field(key: "filename") var filename: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "storage_key") var storageKey: String
    @Parent(key: "uploaded_by") var uploadedBy: User
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
