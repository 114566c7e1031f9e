import Foundation
import NIOCore
import NIOPosix
import NIOSSL

enum SMTPError: Error, Equatable, CustomStringConvertible {
    case unexpectedReply(command: String, code: Int, text: String)
    case connectionClosed
    case tlsUnavailable
    case authenticationWithoutTLS

    var description: String {
        switch self {
        case .unexpectedReply(let command, let code, let text): "SMTP \(command): \(code) \(text)"
        case .connectionClosed: "SMTP: the server closed the connection"
        case .tlsUnavailable:
            "SMTP: the server does not offer STARTTLS, and TLS is required (a network attacker may have removed it)"
        case .authenticationWithoutTLS: "SMTP: refusing to send the password without TLS"
        }
    }
}
