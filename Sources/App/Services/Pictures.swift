import Fluent
import Images
import Vapor

/// Organisations' logos and people's photos (issue 20). An upload is checked by its first bytes
/// (PNG, JPEG, WebP or GIF, at most 5 MB and 8,000 pixels a side), read and fitted within a
/// square off the event loop, and kept written anew (`ImageResizer`): logos as PNG, which keeps
/// transparency, photos as JPEG. Nothing of the original reaches readers, a photo's location and
/// camera data among it. Kept in the database (`StoredFile`), so every instance serves them.
struct Pictures {
    let context: ServiceContext

    private var db: any Database { context.db }

    static let maximumBytes = 5 * 1024 * 1024
    /// The upload routes take the picture and a form around it.
    static let uploadLimit: ByteCount = "6mb"
    static let logoSide = 400
    static let photoSide = 320

    /// Where a logo or a photo is read; the file's id in the address changes with the picture, so
    /// browsers may keep it.
    static func logoPath(key: String, file: UUID) -> String { "/organisations/\(key)/logo?v=\(file.uuidString.prefix(8))" }
    static func photoPath(file: UUID) -> String { "/photos/\(file.uuidString.lowercased())" }

    /// The organisation's new logo (its members and the support office); returns where it is read.
    func setLogo(_ key: String, _ data: Data) async throws -> String {
        let caller = try context.signedIn()
        let organisation = try await context.organisations.own(key)
        let picture = try await resized(data, field: "logo", side: Self.logoSide, as: .png)
        let file = try await store(picture, as: "logo", by: caller, replacing: organisation.logoID) { id, tx in
            organisation.logoID = id
            try await organisation.update(on: tx)
        }
        return Self.logoPath(key: key, file: file)
    }

    func removeLogo(_ key: String) async throws {
        let organisation = try await context.organisations.own(key)
        guard let old = organisation.logoID else { return }
        try await db.transaction { tx in
            organisation.logoID = nil
            try await organisation.update(on: tx)
            try await StoredFile.query(on: tx).filter(\.$id == old).delete()
        }
    }

    /// A validated organisation's logo for anyone; one waiting for validation only for its members.
    func logo(_ key: String) async throws -> StoredFile {
        guard let organisation = try await Organisation.query(on: db).filter(\.$key == key).first(), let id = organisation.logoID
        else { throw AppError.notFound("This organisation has no logo.") }
        if organisation.validationStatus != .validated, context.caller?.isAdmin != true {
            guard try await context.permissions.isMember(of: try organisation.requireID()) else {
                throw AppError.notFound("This organisation has no logo.")
            }
        }
        guard let file = try await StoredFile.find(id, on: db) else { throw AppError.notFound("This organisation has no logo.") }
        return file
    }

    /// The caller's new photo; returns where it is read.
    func setPhoto(_ data: Data) async throws -> String {
        let caller = try context.signedIn()
        let picture = try await resized(data, field: "photo", side: Self.photoSide, as: .jpeg)
        guard let user = try await User.find(caller.id, on: db) else { throw AppError.unauthenticated }
        let file = try await store(picture, as: "photo", by: caller, replacing: user.photoID) { id, tx in
            user.photoID = id
            try await user.update(on: tx)
        }
        return Self.photoPath(file: file)
    }

    func removePhoto() async throws {
        let caller = try context.signedIn()
        guard let user = try await User.find(caller.id, on: db), let old = user.photoID else { return }
        try await db.transaction { tx in
            user.photoID = nil
            try await user.update(on: tx)
            try await StoredFile.query(on: tx).filter(\.$id == old).delete()
        }
    }

    /// The caller's photo address, if they have one.
    func myPhoto() async throws -> String? {
        let caller = try context.signedIn()
        return try await User.find(caller.id, on: db)?.photoID.map(Self.photoPath(file:))
    }

    /// A person's photo, for those signed in: photos are shown where people meet on the platform
    /// (contacts, who comes to an event), never to the public.
    func photo(_ fileID: UUID) async throws -> StoredFile {
        _ = try context.signedIn()
        guard try await User.query(on: db).filter(\.$photoID == fileID).first() != nil,
            let file = try await StoredFile.find(fileID, on: db)
        else { throw AppError.notFound("There is no such photo.") }
        return file
    }

    /// Keeps the picture, points its owner at it (`assign`) and deletes the one it replaces, in
    /// one transaction; returns the new file's id.
    private func store(
        _ picture: ResizedImage, as name: String, by caller: Caller, replacing old: UUID?,
        assign: @escaping @Sendable (UUID, any Database) async throws -> Void
    ) async throws -> UUID {
        let file = StoredFile(
            ownerID: caller.id, filename: "\(name).\(picture.format.fileExtension)", contentType: picture.format.mediaType,
            data: Data(picture.bytes))
        try await db.transaction { tx in
            try await file.create(on: tx)
            try await assign(try file.requireID(), tx)
            if let old { try await StoredFile.query(on: tx).filter(\.$id == old).delete() }
        }
        return try file.requireID()
    }

    /// The upload checked and made anew, or a refusal naming the field and the rule.
    private func resized(_ data: Data, field: String, side: Int, as format: ImageFormat) async throws -> ResizedImage {
        guard !data.isEmpty else { throw AppError.invalid(field, "empty-file", "choose a picture: the file is empty") }
        guard data.count <= Self.maximumBytes else {
            throw AppError.payloadTooLarge(
                FieldProblem(
                    field, "file-too-large", "must be at most 5 MB (this file has \((data.count / 1024).formatted()) KB)"))
        }
        let bytes = [UInt8](data)
        let outcome: Result<ResizedImage, ImageProblem> = try await context.offload {
            Result { () throws(ImageProblem) in try ImageResizer.fit(bytes, within: side, as: format) }
        }
        switch outcome {
        case .success(let picture): return picture
        case .failure(.notAnImage):
            throw AppError.unsupportedMediaType(FieldProblem(field, "file-type", "must be a PNG, JPEG, WebP or GIF picture"))
        case .failure(.tooLarge(let width, let height)):
            throw AppError.invalid(
                field, "picture-too-large",
                "is too large: at most \(ImageResizer.maximumSide.formatted()) pixels a side and 25 million in all "
                    + "(this one is \(width.formatted()) × \(height.formatted()))")
        case .failure(.unreadable):
            throw AppError.invalid(field, "picture-unreadable", "cannot be read: the file is damaged or cut short")
        }
    }
}

extension ServiceContext {
    var pictures: Pictures { Pictures(context: self) }
}
