import Vapor

/// A file of evidence.
struct EvidenceDTO: Content {
    let id: UUID
    let filename: String
    let contentType: String
    let size: Int
    let sha256: String
    let uploadedAt: Date?

    init(_ file: EvidenceFile) {
        id = file.id ?? UUID()
        filename = file.filename
        contentType = file.contentType
        size = file.size
        sha256 = file.sha256
        uploadedAt = file.createdAt
    }
}
