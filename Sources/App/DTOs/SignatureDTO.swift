import Vapor

/// Who signed which document, on which version, when.
struct SignatureDTO: Content {
    let document: String
    let signatory: String
    let version: Int
    let by: String
    /// The signer's name, for pages (`by` is their e-mail).
    let name: String
    let at: Date

    init(_ signature: ExchangeSignature, name: String?) {
        document = signature.document.rawValue
        signatory = signature.signatory
        version = signature.version
        by = signature.email
        self.name = name ?? signature.email
        at = signature.signedAt
    }
}
