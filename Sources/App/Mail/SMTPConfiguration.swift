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
        host: String, port: Int, username: String? = nil, password: String? = nil, tls: TLSMode? = nil,
        verifyCertificates: Bool = true,
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
            host: host, port: components.port ?? (implicit ? 465 : 587),
            username: components.percentEncodedUser?.removingPercentEncoding,
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
