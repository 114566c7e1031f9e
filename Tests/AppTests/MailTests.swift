import Fluent
import Foundation
import NIOPosix
import Testing
import Vapor

@testable import App

@Suite struct MailTests {
    @Test func theOutboxSendsEachMessageOnceEvenWithTwoWorkers() async throws {
        try await withApp { app in
            for n in 0..<20 {
                try await Mailer.enqueue(to: "p\(n)@example.eu", subject: "Hello \(n)", body: "Body", on: app.db)
            }
            let transport = RecordingTransport()
            let delivery = OutboxDelivery(transport: transport, logger: app.logger)
            async let first = delivery.deliverPending(on: app.db)
            async let second = delivery.deliverPending(on: app.db)
            let total = try await first + second
            #expect(total == 20)
            #expect(Set(transport.messages.map(\.to)).count == 20)
            #expect(transport.messages.count == 20)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$sentAt == nil).count() == 0)
        }
    }

    @Test func failuresAreRetriedLaterAndKept() async throws {
        try await withApp { app in
            try await Mailer.enqueue(to: "x@example.eu", subject: "Retry", body: "Body", on: app.db)
            let transport = RecordingTransport()
            transport.failing = true
            var quiet = app.logger
            quiet.logLevel = .critical
            let delivery = OutboxDelivery(transport: transport, logger: quiet)
            let now = Date()
            #expect(try await delivery.deliverPending(on: app.db, now: now) == 0)
            let failed = try #require(try await OutboxMessage.query(on: app.db).first())
            #expect(failed.attempts == 1)
            #expect(failed.lastError?.contains("closed") == true)
            // Not due again straight away...
            transport.failing = false
            #expect(try await delivery.deliverPending(on: app.db, now: now.addingTimeInterval(10)) == 0)
            // ...but after the back-off.
            #expect(try await delivery.deliverPending(on: app.db, now: now.addingTimeInterval(61)) == 1)
            #expect(transport.messages.map(\.subject) == ["Retry"])
        }
    }

    @Test func smtpURLsAreCheckedAtStart() throws {
        let config = try SMTPConfiguration(
            url: "smtp://anna%40x.eu:s3cret@mail.example.eu:587?tls=required", from: "CX <no-reply@x.eu>")
        #expect(
            config.host == "mail.example.eu" && config.port == 587 && config.username == "anna@x.eu"
                && config.password == "s3cret")
        #expect(config.tls == .required)
        #expect(throws: ConfigurationError.self) { try SMTPConfiguration(url: "http://mail.example.eu", from: "x@x.eu") }
        #expect(throws: ConfigurationError.self) {
            try SMTPConfiguration(url: "smtp://mail.example.eu?tls=maybe", from: "x@x.eu")
        }
    }

    @Test func plainSMTPToARealServer() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let client = SMTPClient(
            configuration: SMTPConfiguration(
                host: "127.0.0.1", port: sink.port, tls: .none, from: "ClusterXchange <no-reply@clusterxchange.example>"),
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
        try await client.send(
            MailMessage(
                to: "anna@example.eu", subject: "Grüße aus Lyon", body: "Line one\n.\nLine three, with a lone dot above"))
        let received = try #require(sink.messages.first)
        #expect(received.envelope["to"] as? [String] == ["anna@example.eu"])
        #expect(received.envelope["from"] as? String == "no-reply@clusterxchange.example")
        #expect(received.raw.contains("Subject: =?UTF-8?B?"))
        let body = try #require(
            received.raw.components(separatedBy: "\r\n\r\n").dropFirst().first.flatMap {
                Data(base64Encoded: $0.replacingOccurrences(of: "\r\n", with: ""))
            })
        #expect(String(decoding: body, as: UTF8.self) == "Line one\r\n.\r\nLine three, with a lone dot above")
    }

    @Test func startTLSAndAuthentication() async throws {
        let sink = try SMTPSink(tls: true, requireTLS: true, auth: "cx:mail-secret")
        defer { sink.stop() }
        let config = try SMTPConfiguration(
            url: "smtp://cx:mail-secret@127.0.0.1:\(sink.port)?tls=required&verify=none", from: "no-reply@clusterxchange.example")
        try await SMTPClient(configuration: config, eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
            .send(MailMessage(to: "bob@example.eu", subject: "Over TLS", body: "Secret"))
        let received = try #require(sink.messages.first)
        #expect(received.envelope["tls"] as? Bool == true)
        #expect(received.envelope["auth"] as? Bool == true)

        // A wrong password is an error (a refusal, or the deadline when the server stalls), and nothing is delivered.
        var wrong = try SMTPConfiguration(
            url: "smtp://cx:nope@127.0.0.1:\(sink.port)?tls=required&verify=none", from: "no-reply@clusterxchange.example")
        wrong.timeout = .seconds(2)
        await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: wrong, eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
                .send(MailMessage(to: "bob@example.eu", subject: "x", body: "x"))
        }
        #expect(sink.messages.count == 1)
    }

    @Test func tlsIsRequiredAwayFromThisMachineAndThePasswordNeverGoesInClear() async throws {
        #expect(try SMTPConfiguration(url: "smtp://mail.example.eu:587", from: "x@x.eu").tls == .required)
        #expect(try SMTPConfiguration(url: "smtp://127.0.0.1:25", from: "x@x.eu").tls == .opportunistic)
        #expect(try SMTPConfiguration(url: "smtps://mail.example.eu", from: "x@x.eu").tls == .implicit)
        #expect(try SMTPConfiguration(url: "smtps://mail.example.eu", from: "x@x.eu").port == 465)
        #expect(throws: ConfigurationError.self) {
            try SMTPConfiguration(url: "smtp://u:p@mail.example.eu?tls=none", from: "x@x.eu")
        }
        // A server on loopback that offers no STARTTLS gets no password.
        let sink = try SMTPSink(auth: "cx:mail-secret")
        defer { sink.stop() }
        let config = try SMTPConfiguration(url: "smtp://cx:mail-secret@127.0.0.1:\(sink.port)", from: "x@clusterxchange.example")
        await #expect(throws: SMTPError.authenticationWithoutTLS) {
            try await SMTPClient(configuration: config, eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
                .send(MailMessage(to: "bob@example.eu", subject: "x", body: "x"))
        }
        #expect(sink.messages.isEmpty)
    }

    @Test func withoutSMTPTheLogNeverHoldsABody() async throws {
        let recorder = LogRecorder()
        try await LogTransport(logger: Logger(label: "test") { _ in recorder }).send(
            MailMessage(to: "x@example.eu", subject: "Reset your password", body: "https://x/password/reset?token=SECRET"))
        #expect(recorder.lines.joined().contains("Reset your password"))
        #expect(!recorder.lines.joined().contains("SECRET"))
    }

    @Test func tlsRequiredRefusesAPlainServer() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let config = SMTPConfiguration(host: "127.0.0.1", port: sink.port, tls: .required, from: "x@clusterxchange.example")
        await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: config, eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
                .send(MailMessage(to: "bob@example.eu", subject: "x", body: "x"))
        }
        #expect(sink.messages.isEmpty)
    }
}
