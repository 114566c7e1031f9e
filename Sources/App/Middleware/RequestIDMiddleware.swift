import Vapor

/// Every answer carries `X-Request-Id` (docs/interfaces.md, "Operations"): the one the request
/// brought when it is 1 to 128 letters, digits, `-`, `_` or `.`, otherwise a new one. The request's
/// log lines carry the same id (`request-id`, `request_id` in JSON logs), so a proxy's log, the
/// client's report and ours meet on it. Vapor takes any header as the id; a malformed one (a line
/// break, say, that would forge log lines) is replaced here before anything is logged.
struct RequestIDMiddleware: AsyncMiddleware {
    static func isWellFormed(_ id: String) -> Bool {
        (1...128).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            }
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var id = request.id
        if request.headers.first(name: .xRequestId) != nil, !Self.isWellFormed(id) {
            id = UUID().uuidString
            request.logger[metadataKey: "request-id"] = .string(id)
        }
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: .xRequestId, value: id)
        return response
    }
}
