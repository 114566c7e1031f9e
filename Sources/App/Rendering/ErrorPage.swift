import Vapor

/// The page a browser sees for an error: what happened in words and where to go next.
struct ErrorPage: Encodable {
    let title: String
    let status: Int
    let detail: String
    let errors: [FieldProblem]
    /// Where to go from here, by status.
    let nextStep: String

    static func response(for problem: Problem, request: Request, headers: HTTPHeaders) async -> Response {
        let page = ErrorPage(
            title: problem.title, status: problem.status, detail: problem.detail, errors: problem.errors ?? [],
            nextStep: nextStep(problem.status, signedIn: request.auth.has(User.self)))
        let response: Response
        if let rendered = try? await request.page("error", title: problem.title, page, status: .ok) {
            response = rendered
        } else {
            response = Response(body: .init(string: "\(problem.status) \(problem.title): \(problem.detail)"))
            response.headers.contentType = .plainText
        }
        response.status = HTTPResponseStatus(statusCode: problem.status)
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }

    static func nextStep(_ status: Int, signedIn: Bool) -> String {
        switch status {
        case 401: "Sign in, then try again."
        case 403: signedIn ? "Go back to your dashboard to see what you can do." : "Sign in, then try again."
        case 404: "Check the address, or find it in the catalogue."
        case 409: "Reload the page to see where things stand now."
        case 413, 415, 422, 400: "Go back, correct what is said above and send it again."
        case 429: "Wait a few minutes, then try again."
        default: "Try again in a moment; if it keeps happening, tell the support office."
        }
    }
}
