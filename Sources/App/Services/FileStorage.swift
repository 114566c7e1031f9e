import Crypto
import Foundation

/// Where uploaded files' bytes live. The database keeps their metadata and checksum; the bytes go
/// to a storage every instance reaches: a local folder by default (`STORAGE_PATH`), a shared
/// volume or an object store behind the same interface in production.
protocol FileStorage: Sendable {
    func put(_ data: Data) async throws -> String
    func get(_ key: String) async throws -> Data
    func delete(_ key: String) async throws
}

/// Files in a folder, named by random keys (never by what a person typed).
struct LocalFileStorage: FileStorage {
    let folder: URL

    func put(_ data: Data) async throws -> String {
        let key = UUID().uuidString.lowercased()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try data.write(to: try url(key), options: .atomic)
        return key
    }

    func get(_ key: String) async throws -> Data {
        try Data(contentsOf: try url(key))
    }

    func delete(_ key: String) async throws {
        try? FileManager.default.removeItem(at: try url(key))
    }

    /// Only keys this storage made: a UUID, nothing that could climb out of the folder.
    private func url(_ key: String) throws -> URL {
        guard UUID(uuidString: key) != nil else { throw AppError.notFound("No such file.") }
        return folder.appendingPathComponent(key)
    }
}
