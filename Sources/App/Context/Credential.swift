import Foundation
import Vapor

/// How the caller proved who they are on this request: a browser session or an API token.
enum Credential: Sendable, Equatable {
    case session(UUID)
    case token(UUID)
}
