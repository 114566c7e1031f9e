import Fluent
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
            if Self.wantsJSON(request) {
                return try problem.jsonResponse(headers: (error as? any AbortError)?.headers ?? [:])
            }
            return await problem.htmlResponse(for: request, headers: (error as? any AbortError)?.headers ?? [:])
        }
    }

    static func wantsJSON(_ request: Request) -> Bool {
        if request.url.path.hasPrefix("/api/") || request.url.path == "/openapi.json" { return true }
        let accept = request.headers.first(name: .accept) ?? ""
        return accept.contains("json") && !accept.contains("text/html")
    }
}

/// RFC 9457 problem details, with the fields at fault.
struct Problem: Content {
    let type: String
    let title: String
    let status: Int
    let detail: String
    let instance: String
    let errors: [FieldProblem]?

    init(_ error: any Error, instance: String) {
        var identifier = "internal-error"
        var status = HTTPResponseStatus.internalServerError
        var detail = "Something went wrong on our side; it has been logged."
        var errors: [FieldProblem]?
        switch error {
        case let input as InputProblem:
            status = input.status
            identifier = input.identifier
            detail = input.description
            errors = input.problems
        case let decoding as DecodingError:
            status = .badRequest
            identifier = "malformed-body"
            detail = decoding.summary
            if case .keyNotFound(let key, let context) = decoding {
                errors = [FieldProblem(field: DecodingError.path(context.codingPath + [key]), rule: "required", message: "is required")]
            } else if case .typeMismatch(_, let context) = decoding {
                errors = [FieldProblem(field: DecodingError.path(context.codingPath), rule: "type", message: decoding.summary)]
            }
        case let abort as any AbortError:
            status = abort.status
            identifier = (abort as? any DebuggableError)?.identifier ?? String(abort.status.code)
            detail = abort.reason
        case FluentError.noResults:
            status = .notFound
            identifier = "not-found"
            detail = "There is nothing here."
        default:
            break
        }
        if status == .notFound && identifier == "404" { identifier = "not-found" }
        self.type = "/problems/\(identifier)"
        self.title = status.reasonPhrase
        self.status = Int(status.code)
        self.detail = detail
        self.instance = instance
        self.errors = errors
    }

    func jsonResponse(headers: HTTPHeaders) throws -> Response {
        var headers = headers
        headers.replaceOrAdd(name: .contentType, value: "application/problem+json; charset=utf-8")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let body = try encoder.encode(self)
        return Response(status: HTTPResponseStatus(statusCode: status), headers: headers, body: .init(data: body))
    }

    func htmlResponse(for request: Request, headers: HTTPHeaders) async -> Response {
        let page = ErrorPage(layout: request.layout(title), title: title, status: status, detail: detail, errors: errors ?? [])
        let response: Response
        if let view = try? await request.view.render("error", page), let rendered = try? await view.encodeResponse(for: request) {
            response = rendered
        } else {
            response = Response(body: .init(string: "\(status) \(title): \(detail)"))
            response.headers.contentType = .plainText
        }
        response.status = HTTPResponseStatus(statusCode: status)
        for (name, value) in headers where name.lowercased() != "content-type" {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        return response
    }
}

struct ErrorPage: Encodable {
    let layout: Layout
    let title: String
    let status: Int
    let detail: String
    let errors: [FieldProblem]
}
