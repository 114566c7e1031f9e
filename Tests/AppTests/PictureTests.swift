import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Logos for organisations and photos for people (issue 20): checked, resized, served with their
/// type, shown where people meet, and refused with the field and the rule.
@Suite struct PictureTests {
    static func upload(_ client: APIClient, _ path: String, _ data: Data, type: String = "image/jpeg") async throws
        -> TestingHTTPResponse
    {
        var headers: HTTPHeaders = [:]
        if let token = client.token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        headers.replaceOrAdd(name: .contentType, value: type)
        return try await client.app.testing().sendRequest(.PUT, path, headers: headers, body: ByteBuffer(data: data))
    }

    @Test func aMemberGivesItsOrganisationALogoThatAnyoneReads() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let saved = try await Self.upload(scene.host, "/api/v1/organisations/H1/logo", TestPictures.jpeg(1600, 800))
            #expect(saved.status == .ok, "\(saved.body.string)")
            let path = try #require(try saved.content.decode(PictureController.Saved.self).logo)
            #expect(path.hasPrefix("/organisations/H1/logo?v="))
            // Anyone reads it, as a PNG fitted within 400 pixels.
            let logo = try await app.testing().sendRequest(.GET, path)
            #expect(logo.status == .ok && logo.headers.contentType?.description == "image/png")
            let header = try #require(ImageHeaderProbe.size(of: Data(buffer: logo.body)))
            #expect(header.width == 400 && header.height == 200)
            // The profile says where it is, and the page shows it.
            let profile = try await app.testing().sendRequest(.GET, "/api/v1/organisations/H1").content.decode(
                OrganisationDetail.self)
            #expect(profile.organisation.logo == path)
            #expect(try await app.testing().sendRequest(.GET, "/organisations/H1").body.string.contains(#"alt="Logo of "#))
            // The daily sweep keeps a logo in use, while a file nothing points at goes.
            let owner = try #require(try await User.find(email: "host@h1.example", on: app.db))
            try await StoredFile(ownerID: owner.requireID(), filename: "stray.png", contentType: "image/png", data: Data([1]))
                .create(on: app.db)
            let swept = try await Sweep.run(on: app.db, now: Date().addingTimeInterval(3 * 24 * 3600))
            #expect(swept.files == 1)
            #expect(try await app.testing().sendRequest(.GET, path).status == .ok)
            // Not a member: not theirs to change.
            #expect(
                try await Self.upload(scene.visitor, "/api/v1/organisations/H1/logo", TestPictures.png(10, 10)).status
                    == .notFound)
            // Replaced, the old file goes; removed, nothing is read.
            _ = try await Self.upload(scene.host, "/api/v1/organisations/H1/logo", TestPictures.png(50, 50))
            #expect(try await StoredFile.query(on: app.db).count() == 1)
            #expect(try await scene.host.send(.DELETE, "/api/v1/organisations/H1/logo").status == .noContent)
            #expect(try await app.testing().sendRequest(.GET, "/organisations/H1/logo").status == .notFound)
            #expect(try await StoredFile.query(on: app.db).count() == 0)
        }
    }

    @Test func wrongPicturesAreRefusedNamingTheRule() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let path = "/api/v1/me/photo"
            let pdf = try await Self.upload(scene.visitor, path, Data("%PDF-1.4\n%%EOF\n".utf8), type: "image/png")
            #expect(pdf.status == .unsupportedMediaType && pdf.body.string.contains("must be a PNG, JPEG, WebP or GIF picture"))
            #expect(try await Self.upload(scene.visitor, path, Data()).status == .unprocessableEntity)
            let cut = TestPictures.png(64, 64).prefix(60)
            let broken = try await Self.upload(scene.visitor, path, Data(cut))
            #expect(broken.status == .unprocessableEntity && broken.body.string.contains("picture-unreadable"))
            var huge = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) + Data("IHDR".utf8)
            huge += Data([0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30, 8, 6, 0, 0, 0])
            let tooLarge = try await Self.upload(scene.visitor, path, huge)
            #expect(tooLarge.status == .unprocessableEntity && tooLarge.body.string.contains("30,000 × 30,000"))
        }
    }

    @Test func aPhotoIsShownToThoseSignedInOnly() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let saved = try await Self.upload(scene.hostPartnership, "/api/v1/me/photo", TestPictures.jpeg(900, 1200))
            let path = try #require(try saved.content.decode(PictureController.Saved.self).photo)
            let read = try await TestBrowser.signedIn(app, "visitor@v1.example").get(path, accept: "image/*")
            #expect(read.status == .ok && read.headers.contentType?.description == "image/jpeg")
            let size = try #require(ImageHeaderProbe.size(of: Data(buffer: read.body)))
            #expect(size.width == 240 && size.height == 320)
            #expect(try await app.testing().sendRequest(.GET, path).status != .ok)
            // The partnership's page shows its contact's photo to those signed in.
            let visitor = try await TestBrowser.signedIn(app, "visitor@v1.example")
            #expect(try await visitor.get("/partnerships/PH").body.string.contains(path))
            #expect(!(try await app.testing().sendRequest(.GET, "/partnerships/PH").body.string.contains(path)))
            // The account page uploads through a form.
            let browser = try await TestBrowser.signedIn(app, "member@v2.example")
            let posted = try await browser.post(
                "/account/photo", form: [:], files: ["picture": ("me.png", TestPictures.png(100, 100))])
            #expect(posted.status == .seeOther)
            #expect(try await browser.get("/account").body.string.contains(#"alt="Your photo""#))
        }
    }
}

/// A picture's size as its PNG or JPEG header says, read here without the Images library.
enum ImageHeaderProbe {
    static func size(of data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), bytes.count > 24 {
            let number = { (at: Int) in bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
            return (number(16), number(20))
        }
        var at = 2
        while at + 9 < bytes.count, bytes[at] == 0xFF {
            let marker = bytes[at + 1]
            let length = Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            if (0xC0...0xC3).contains(marker) {
                return (Int(bytes[at + 7]) << 8 | Int(bytes[at + 8]), Int(bytes[at + 5]) << 8 | Int(bytes[at + 6]))
            }
            at += 2 + length
        }
        return nil
    }
}
