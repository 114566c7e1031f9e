import Vapor

/// Turns every error into the right answer with the real status: problem details (RFC 9457) for
/// the API and for clients that ask for JSON, an HTML page for browsers. Logs every 5xx.
struct ProblemMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let problem = Problem(error, instance: request.url.path)
            if problem.status >= 500 {
                request.logger.error("\(request.method) \(request.url.path): \(String(reflecting: error))")
            }
            var headers = (error as? AppError)?.headers ?? (error as? any AbortError)?.headers ?? [:]
            if problem.status == 503 && headers.first(name: .retryAfter) == nil {
                headers.replaceOrAdd(name: .retryAfter, value: "5")
            }
            headers.remove(name: .contentType)
            if Self.wantsJSON(request) {
                return try problem.jsonResponse(headers: headers)
            }
            return await ErrorPage.response(for: problem, request: request, headers: headers)
        }
    }

    static func wantsJSON(_ request: Request) -> Bool {
        if request.url.path.hasPrefix("/api/") || request.url.path == "/openapi.json" { return true }
        let accept = request.headers.first(name: .accept) ?? ""
        return accept.contains("json") && !accept.contains("text/html")
    }
}
