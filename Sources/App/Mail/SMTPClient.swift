import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A small SMTP client: EHLO, STARTTLS (or TLS from the start), AUTH PLAIN, one message per
/// connection. Mail is rare here (notifications, links), so simplicity beats pipelining.
struct SMTPClient: Sendable {
    let configuration: SMTPConfiguration
    let eventLoopGroup: any EventLoopGroup

    func send(_ message: MailMessage) async throws {
        let implicitTLS = configuration.tls == .implicit
        let configuration = configuration
        let channel = try await ClientBootstrap(group: eventLoopGroup)
            .connectTimeout(.seconds(10))
            .connect(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicitTLS { try channel.pipeline.syncOperations.addHandler(try Self.makeTLSHandler(configuration)) }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        // Closing the channel ends the reply stream, which fails the send with connectionClosed.
        let deadline = channel.channel.eventLoop.scheduleTask(in: configuration.timeout) { channel.channel.close(promise: nil) }
        defer { deadline.cancel() }
        try await channel.executeThenClose { inbound, outbound in
            var lines = inbound.makeAsyncIterator()
            var tlsActive = implicitTLS
            func reply() async throws -> (Int, [String]) {
                var texts: [String] = []
                while true {
                    // Behind the TLS handler the async channel's read demand does not always reach
                    // the socket (seen with swift-nio-ssl 2.37): ask for each read explicitly.
                    if tlsActive { channel.channel.read() }
                    guard let buffer = try await lines.next() else { break }
                    let line = String(buffer: buffer).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
                    texts.append(String(line.dropFirst(4)))
                    let separator = line.dropFirst(3).first
                    if separator != "-", let code = Int(line.prefix(3)) { return (code, texts) }
                }
                throw SMTPError.connectionClosed
            }
            @discardableResult
            func command(_ text: String, expecting codes: Set<Int>, shown: String? = nil) async throws -> [String] {
                try await outbound.write(ByteBuffer(string: text + "\r\n"))
                let (code, texts) = try await reply()
                guard codes.contains(code) else {
                    throw SMTPError.unexpectedReply(
                        command: shown ?? String(text.prefix(40)), code: code, text: texts.joined(separator: " "))
                }
                return texts
            }

            let (greeting, greetingText) = try await reply()
            guard greeting == 220 else {
                throw SMTPError.unexpectedReply(command: "connect", code: greeting, text: greetingText.joined())
            }
            let name = "clusterxchange.localhost"
            var capabilities = try await command("EHLO \(name)", expecting: [250]).map { $0.uppercased() }
            let offersTLS = capabilities.contains { $0.hasPrefix("STARTTLS") }
            if configuration.tls == .required && !offersTLS { throw SMTPError.tlsUnavailable }
            if !tlsActive && [.required, .opportunistic].contains(configuration.tls) && offersTLS {
                try await command("STARTTLS", expecting: [220])
                let pipeline = channel.channel.pipeline
                try await channel.channel.eventLoop.submit {
                    try pipeline.syncOperations.addHandler(try Self.makeTLSHandler(configuration), position: .first)
                }.get()
                tlsActive = true
                capabilities = try await command("EHLO \(name)", expecting: [250]).map { $0.uppercased() }
            }
            if let username = configuration.username {
                guard tlsActive else { throw SMTPError.authenticationWithoutTLS }
                let secret = Data("\0\(username)\0\(configuration.password ?? "")".utf8).base64EncodedString()
                try await command("AUTH PLAIN \(secret)", expecting: [235], shown: "AUTH PLAIN")
            }
            try await command("MAIL FROM:<\(Self.address(configuration.from))>", expecting: [250])
            try await command("RCPT TO:<\(message.to)>", expecting: [250, 251])
            try await command("DATA", expecting: [354])
            try await outbound.write(ByteBuffer(string: Self.render(message, from: configuration.from) + ".\r\n"))
            let (accepted, acceptedText) = try await reply()
            guard accepted == 250 else {
                throw SMTPError.unexpectedReply(command: "DATA", code: accepted, text: acceptedText.joined())
            }
            _ = try? await command("QUIT", expecting: [221])
        }
    }

    private static func makeTLSHandler(_ configuration: SMTPConfiguration) throws -> NIOSSLClientHandler {
        var tls = TLSConfiguration.makeClientConfiguration()
        if !configuration.verifyCertificates { tls.certificateVerification = .none }
        let context = try NIOSSLContext(configuration: tls)
        return try NIOSSLClientHandler(
            context: context, serverHostname: configuration.verifyCertificates ? configuration.host : nil)
    }

    /// "ClusterXchange <no-reply@x.eu>" -> "no-reply@x.eu".
    static func address(_ text: String) -> String {
        guard let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close else { return text }
        return String(text[text.index(after: open)..<close])
    }

    /// The message as RFC 5322 text: headers, then the body in base64 so any text passes any server.
    static func render(_ message: MailMessage, from: String, date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let domain = address(from).split(separator: "@").last.map(String.init) ?? "clusterxchange.localhost"
        let body = Data(
            message.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8
        )
        .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let headers =
            [
                "From: \(from)",
                "To: <\(message.to)>",
                "Subject: \(encodedWord(message.subject))",
                "Date: \(formatter.string(from: date))",
                "Message-ID: <\(UUID().uuidString.lowercased())@\(domain)>",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: base64",
            ] + message.headers.filter { !$0.contains("\r") && !$0.contains("\n") }
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + body + "\r\n"
    }

    /// RFC 2047 for subjects outside ASCII.
    static func encodedWord(_ text: String) -> String {
        let clean = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        guard !clean.allSatisfy(\.isASCII) else { return clean }
        return "=?UTF-8?B?\(Data(clean.utf8).base64EncodedString())?="
    }
}
