import Vapor

/// Who signed which document, on which version, when.
struct SignatureDTO: Content {
    let document: String
    let signatory: String
    let version: Int
    let by: String
    let at: Date

    init(_ signature: ExchangeSignature) {
        document = signature.document.rawValue
        signatory = signature.signatory
        version = signature.version
        by = signature.email
        at = signature.signedAt
    }
}
