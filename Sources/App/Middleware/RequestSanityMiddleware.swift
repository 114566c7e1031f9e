import Vapor

/// Refuses addresses no page or API call ever needs before anything reads them: longer than
/// 4 KiB (414), or holding control characters, raw or percent-encoded (400). Keys, filters and
/// search words therefore never carry a NUL to the database, which would refuse it.
struct RequestSanityMiddleware: AsyncMiddleware {
    static let maximumURLBytes = 4096

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let raw = request.url.string
        guard raw.utf8.count <= Self.maximumURLBytes else {
            throw AppError.invalid(
                [FieldProblem("url", "url-too-long", "the address is longer than \(Self.maximumURLBytes) bytes")],
                status: .uriTooLong)
        }
        if Self.holdsControlCharacters(raw) {
            throw AppError.badQuery("url", "control-character", "the address holds a control character")
        }
        return try await next.respond(to: request)
    }

    static func holdsControlCharacters(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() {
            if byte < 0x20 || byte == 0x7F { return true }
            guard byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
            else { continue }
            if value < 0x20 || value == 0x7F { return true }
        }
        return false
    }
}
