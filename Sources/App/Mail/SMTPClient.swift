import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Where and how to send mail: `SMTP_URL`, e.g. `smtp://user:password@mail.example.eu:587`.
/// TLS is required (STARTTLS, or `smtps://` for TLS from the first byte), so a network attacker
/// can neither read the mail nor strip the upgrade to read the password; only a relay on this
/// machine (loopback) may go without, or an explicit `tls=none`. The password is never sent in
/// clear, whatever the option. Options: `tls=required|opportunistic|none`, `verify=none` (accept
/// any certificate; for tests only).
struct SMTPConfiguration: Sendable, Equatable {
    enum TLSMode: String, Sendable {
        /// STARTTLS must be offered and is used.
        case required
        /// STARTTLS is used when offered (the default on loopback only).
        case opportunistic
        /// Never upgrade: a relay on loopback, explicitly.
        case none
        /// TLS from the first byte (`smtps://`, port 465).
        case implicit
    }

    var host: String
    var port: Int
    var username: String?
    var password: String?
    var tls: TLSMode
    var verifyCertificates = true
    var from: String
    /// The longest a whole conversation may take: a silent server must not hold the outbox.
    var timeout: TimeAmount = .seconds(30)

    init(
        host: String, port: Int, username: String? = nil, password: String? = nil, tls: TLSMode? = nil, verifyCertificates: Bool = true,
        from: String
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.tls = tls ?? (Self.isLoopback(host) ? .opportunistic : .required)
        self.verifyCertificates = verifyCertificates
        self.from = from
    }

    init(url text: String, from: String) throws {
        guard let components = URLComponents(string: text), ["smtp", "smtps"].contains(components.scheme ?? ""),
            let host = components.host, !host.isEmpty
        else {
            throw ConfigurationError("SMTP_URL must look like smtp://user:password@host:587 (or smtps://... for TLS on port 465)")
        }
        let implicit = components.scheme == "smtps"
        self.init(
            host: host, port: components.port ?? (implicit ? 465 : 587), username: components.percentEncodedUser?.removingPercentEncoding,
            password: components.percentEncodedPassword?.removingPercentEncoding, tls: implicit ? .implicit : nil, from: from)
        for item in components.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("tls", let value?) where !implicit:
                guard let mode = TLSMode(rawValue: value), mode != .implicit else {
                    throw ConfigurationError("SMTP_URL: tls must be required, opportunistic or none")
                }
                tls = mode
            case ("verify", "none"): verifyCertificates = false
            default: throw ConfigurationError("SMTP_URL: unknown option \(item.name)")
            }
        }
        if tls == .none && username != nil {
            throw ConfigurationError("SMTP_URL: tls=none with a user name would send the password in clear; use TLS")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}

/// One e-mail, plain text.
struct MailMessage: Sendable, Equatable {
    let to: String
    let subject: String
    let body: String
    /// Extra header lines ("List-Unsubscribe: <...>"), already checked for line breaks.
    var headers: [String] = []
}

enum SMTPError: Error, Equatable, CustomStringConvertible {
    case unexpectedReply(command: String, code: Int, text: String)
    case connectionClosed
    case tlsUnavailable
    case authenticationWithoutTLS

    var description: String {
        switch self {
        case .unexpectedReply(let command, let code, let text): "SMTP \(command): \(code) \(text)"
        case .connectionClosed: "SMTP: the server closed the connection"
        case .tlsUnavailable: "SMTP: the server does not offer STARTTLS, and TLS is required (a network attacker may have removed it)"
        case .authenticationWithoutTLS: "SMTP: refusing to send the password without TLS"
        }
    }
}

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
                    throw SMTPError.unexpectedReply(command: shown ?? String(text.prefix(40)), code: code, text: texts.joined(separator: " "))
                }
                return texts
            }

            let (greeting, greetingText) = try await reply()
            guard greeting == 220 else { throw SMTPError.unexpectedReply(command: "connect", code: greeting, text: greetingText.joined()) }
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
            guard accepted == 250 else { throw SMTPError.unexpectedReply(command: "DATA", code: accepted, text: acceptedText.joined()) }
            _ = try? await command("QUIT", expecting: [221])
        }
    }

    private static func makeTLSHandler(_ configuration: SMTPConfiguration) throws -> NIOSSLClientHandler {
        var tls = TLSConfiguration.makeClientConfiguration()
        if !configuration.verifyCertificates { tls.certificateVerification = .none }
        let context = try NIOSSLContext(configuration: tls)
        return try NIOSSLClientHandler(context: context, serverHostname: configuration.verifyCertificates ? configuration.host : nil)
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
        let body = Data(message.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let headers = [
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

/// Splits the server's replies into lines at "\n" (the "\r" is trimmed by the reader).
struct SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return .needMoreData }
        let length = newline - buffer.readerIndex
        guard let line = buffer.readSlice(length: length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 1)
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }
}
