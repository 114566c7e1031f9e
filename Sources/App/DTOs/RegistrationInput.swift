import Vapor

/// A registration as visitor and/or host.
struct RegistrationInput: Content {
    var asVisitor: Bool?
    var asHost: Bool?
    var motivation: String?
    var preferences: String?
    var partnership: String?
}
