import Fluent
import Vapor

/// A signature on one version of a document of an exchange: the Commitment to Quality (four
/// parties) or the financial-support agreement (the visitor and its partnership).
final class ExchangeSignature: Model, @unchecked Sendable {
    static let schema = "exchange_signatures"

    enum Document: String, Codable, Sendable {
        case commitment
        case financialAgreement = "financial-agreement"
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "exchange_id") var exchange: Exchange
    @Field(key: "document") var document: Document
    /// The party: "host", "host-partnership", "visitor", "visitor-partnership".
    @Field(key: "signatory") var signatory: String
    @Field(key: "version") var version: Int
    @Parent(key: "user_id") var user: User
    @Field(key: "email") var email: String
    @Field(key: "signed_at") var signedAt: Date

    init() {}

    init(exchangeID: UUID, document: Document, signatory: String, version: Int, userID: UUID, email: String, at: Date) {
        self.$exchange.id = exchangeID
        self.document = document
        self.signatory = signatory
        self.version = version
        self.$user.id = userID
        self.email = email
        self.signedAt = at
    }
}
