import Vapor

/// The page a browser sees for an error: what happened in words and where to go next.
struct ErrorPage: Encodable {
    let title: String
    let status: Int
    let detail: String
    let errors: [Line]
    /// Where to go from here, by status.
    let nextStep: String

    static func response(for problem: Problem, request: Request, headers: HTTPHeaders) async -> Response {
        let page = ErrorPage(
            title: title(problem.status, otherwise: problem.title), status: problem.status, detail: problem.detail,
            errors: (problem.errors ?? []).map { Line(field: Self.words(forField: $0.field), message: $0.message) },
            nextStep: nextStep(problem.status, signedIn: request.auth.has(User.self)))
        let response: Response
        if let rendered = try? await request.page("error", title: page.title, page, status: .ok) {
            response = rendered
        } else {
            response = Response(body: .init(string: "\(problem.status) \(problem.title): \(problem.detail)"))
            response.headers.contentType = .plainText
        }
        response.status = HTTPResponseStatus(statusCode: problem.status)
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }

    /// One refusal, its field in words.
    struct Line: Encodable {
        let field: String
        let message: String
    }

    /// "asVisitor" → "as visitor", "purposes[0]" → "purposes", "rateTable.capCents" → "rate table, cap cents".
    static func words(forField field: String) -> String {
        var cleaned = ""
        var depth = 0
        for character in field {
            switch character {
            case "[": depth += 1
            case "]": depth = max(0, depth - 1)
            default: if depth == 0 { cleaned.append(character) }
            }
        }
        return cleaned.split(separator: ".").map { part in
            var words = ""
            for character in part {
                if character == "_" || character == "-" {
                    words += " "
                    continue
                }
                if character.isUppercase, let last = words.last, last.isLetter { words += " " }
                words += character.lowercased()
            }
            return words
        }.joined(separator: ", ")
    }

    /// What happened, in words people use.
    static func title(_ status: Int, otherwise: String) -> String {
        switch status {
        case 400: "This request cannot be read"
        case 401: "Sign in first"
        case 403: "Not allowed"
        case 404: "Not found"
        case 409: "Things have changed meanwhile"
        case 413: "Too large"
        case 415: "This kind of file is not taken"
        case 422: "Something needs a change"
        case 429: "Too many attempts"
        case 500...: "Something went wrong on our side"
        default: otherwise
        }
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
