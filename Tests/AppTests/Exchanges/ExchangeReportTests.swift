import Fluent
import Foundation
import ProgrammeRules
import Testing
import Vapor
import VaporTesting

@testable import App

/// The closing report's evidence (recognised by its bytes, size-limited, stored with a checksum)
/// and the reminders the daily job sends.
@Suite struct ExchangeReportTests {
    static let pdf = "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"

    @Test func evidenceIsCheckedByItsBytesStoredWithAChecksumAndReadByThePartiesOnly() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.underWay()
            // Not the visitor: 403; not a PDF, JPEG or PNG whatever the header says: 415; empty: 422.
            #expect(try await scene.upload(scene.host, id, ByteBuffer(string: Self.pdf)).status == .forbidden)
            #expect(
                try await scene.upload(scene.visitor, id, ByteBuffer(string: "<html>not a pdf</html>")).status
                    == .unsupportedMediaType)
            #expect(try await scene.upload(scene.visitor, id, ByteBuffer()).status == .unprocessableEntity)
            let stored = try await scene.upload(
                scene.visitor, id, ByteBuffer(string: Self.pdf), name: "../../etc/boarding pass.pdf")
            #expect(stored.status == .created, "\(stored.body.string)")
            struct Evidence: Decodable {
                let id: UUID
                let filename: String
                let sha256: String
                let size: Int
            }
            let evidence = try stored.content.decode(Evidence.self)
            #expect(evidence.filename == "boarding pass.pdf")
            #expect(evidence.size == Self.pdf.utf8.count)
            #expect(evidence.sha256.count == 64)
            let path = "/api/v1/exchanges/\(id)/evidence/\(evidence.id)"
            let read = try await scene.visitorPartnership.send(.GET, path)
            #expect(read.status == .ok)
            #expect(read.body.string == Self.pdf)
            #expect(read.headers.contentType == .pdf)
            #expect(try await scene.outsider.send(.GET, path).status == .notFound)
            // The history records it.
            #expect(try await scene.view(id).history.last?.action == "upload-evidence")
            // Too large: 413, naming the limit, nothing stored.
            var large = ByteBuffer(string: "%PDF-")
            large.writeRepeatingByte(0x20, count: Exchanges.maximumEvidenceBytes)
            let tooLarge = try await scene.upload(scene.visitor, id, large)
            #expect(tooLarge.status == .payloadTooLarge)
            #expect(try await EvidenceFile.query(on: app.db).count() == 1)
        }
    }

    @Test func theDailyRemindersTellWhoeverMustActAndOnlyEveryThreeDays() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.propose().id
            func reminders() async throws -> [String] {
                try await OutboxMessage.query(on: app.db).filter(\.$subject ~~ "Reminder").all().map(\.recipient)
            }
            // Proposed on 2027-01-11: nothing before three days, then the host.
            scene.setToday("2027-01-12")
            #expect(try await app.context.reminders.run() == 0)
            scene.setToday("2027-01-14")
            #expect(try await app.context.reminders.run() == 1)
            #expect(try await reminders() == ["host@h1.example"])
            // Not again the next day; again three days later.
            scene.setToday("2027-01-15")
            #expect(try await app.context.reminders.run() == 0)
            scene.setToday("2027-01-17")
            #expect(try await app.context.reminders.run() == 1)
            // A payment past its ten days: the partnership and the support office.
            try await scene.act(scene.host, id, "accept")
            try await Exchange.query(on: app.db).filter(\.$id == id).set(\.$phase, to: .reportValidated)
                .set(\.$reportValidatedOn, to: CalendarDate(iso: "2027-03-10")).update()
            scene.setToday("2027-03-20")
            #expect(try await app.context.reminders.run() == 0)
            scene.setToday("2027-03-21")
            #expect(try await app.context.reminders.run() == 1)
            let late = try await OutboxMessage.query(on: app.db).filter(\.$subject ~~ "Reminder").all().map(\.recipient)
            #expect(late.contains("coordinator@pv.example"))
            #expect(late.contains("admin@example.eu"))
            #expect(try await scene.view(id).phase == "report-validated")
        }
    }
}
