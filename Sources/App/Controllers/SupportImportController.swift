import Vapor

/// Bulk onboarding for the support office: upload a JSON Lines or CSV file, read the report line
/// by line, then apply it, all or nothing.
struct SupportImportController: Controller {
    func boot(_ routes: Surfaces) {
        let pages = routes.pages.access(.roles([.admin]))
        pages.get("support", "import", use: page)
        let limit = ByteCount(value: BulkOnboarding.maximumBytes + 64 * 1024)
        pages.upload(.POST, "support", "import", limit: limit, use: check)
        pages.upload(.POST, "support", "import", "apply", limit: limit, use: apply)
    }

    struct View: Encodable {
        let report: BulkOnboarding.Report?
        let filename: String
        let error: String?
        /// "4 lines read" or "4 records, ready to apply"; "1 line has a problem".
        let lineCount: String
        let problemCount: String
        let recordCount: String

        init(report: BulkOnboarding.Report?, filename: String, error: String?) {
            self.report = report
            self.filename = filename
            self.error = error
            let lines = report?.lines ?? 0
            let problems = report?.linesWithIssues ?? 0
            let records = report?.records ?? 0
            lineCount =
                report?.issues.isEmpty == false
                ? "\(counted(lines, "line")) read, \(counted(lines - problems, "line")) without a problem"
                : "\(counted(records, "record")), ready to apply"
            problemCount = problems == 1 ? "1 line has a problem" : "\(problems) lines have problems"
            recordCount = counted(records, "record")
        }
    }

    @Sendable func page(req: Request) async throws -> Response {
        try await req.page("support-import", title: "Onboard in bulk", View(report: nil, filename: "", error: nil))
    }

    struct Upload: Content {
        var file: File?
    }

    @Sendable func check(req: Request) async throws -> Response {
        let upload = try req.content.decode(Upload.self)
        guard let file = upload.file, file.data.readableBytes > 0 else {
            return try await req.page(
                "support-import", title: "Onboard in bulk",
                View(report: nil, filename: "", error: "Choose a JSON Lines or CSV file first."), status: .unprocessableEntity)
        }
        guard file.data.readableBytes <= BulkOnboarding.maximumBytes,
            let text = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes)
        else {
            return try await req.page(
                "support-import", title: "Onboard in bulk",
                View(report: nil, filename: file.filename, error: "Send a text file (UTF-8) of at most 2 MB."),
                status: .unprocessableEntity)
        }
        let report = try await req.context.bulkOnboarding.check(text, filename: file.filename)
        return try await req.page(
            "support-import", title: "Onboard in bulk", View(report: report, filename: file.filename, error: nil),
            status: report.issues.isEmpty ? .ok : .unprocessableEntity)
    }

    struct Apply: Content {
        var content: String?
    }

    @Sendable func apply(req: Request) async throws -> Response {
        let content = try req.content.decode(Apply.self).content ?? ""
        do {
            let summary = try await req.context.bulkOnboarding.apply(content)
            return req.redirect(to: "/support/import", flash: "Applied: \(summary).")
        } catch let error as AppError where !error.problems.isEmpty {
            return try await req.page(
                "support-import", title: "Onboard in bulk",
                View(report: nil, filename: "", error: error.fieldMessages.values.sorted().joined(separator: "; ")),
                status: error.status)
        }
    }
}
