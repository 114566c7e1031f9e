import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One e-mail, plain text.
struct MailMessage: Sendable, Equatable {
    let to: String
    let subject: String
    let body: String
    /// Extra header lines ("List-Unsubscribe: <...>"), already checked for line breaks.
    var headers: [String] = []
}
