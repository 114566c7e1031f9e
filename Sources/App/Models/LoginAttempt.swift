import Fluent
import Vapor

/// A sign-in attempt, recorded as pending before the password is checked, so parallel guesses
/// count too (`SignInThrottle`); then a failure, or a sign-in.
final class LoginAttempt: Model, @unchecked Sendable {
    static let schema = "login_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @OptionalField(key: "client_address") var clientAddress: String?
    /// False until the password matched.
    @Field(key: "succeeded") var succeeded: Bool
    /// True while the password is being checked: a possible failure for the attempts after it.
    @Field(key: "pending") var pending: Bool
    @Field(key: "at") var at: Date

    init() {}

    init(email: String, clientAddress: String?, at: Date) {
        self.email = email
        self.clientAddress = clientAddress
        self.succeeded = false
        self.pending = true
        self.at = at
    }
}
