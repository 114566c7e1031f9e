import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// Downloads and headers (issue 19): a file's name cannot add or break a header, and no CSV the
/// platform writes holds a live spreadsheet formula.
@Suite struct DownloadTests {
    static let pdf = "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"

    /// RFC 4180 read back: rows of fields.
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" {
                        field.unicodeScalars.append("\"")
                        scalars.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": quoted = true
            case ",":
                row.append(field)
                field = ""
            case "\r": continue
            case "\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            default: field.unicodeScalars.append(scalar)
            }
        }
        return rows
    }

    /// A cell a spreadsheet would run: it begins with one of OWASP's characters and is not a plain number.
    static func isFormula(_ cell: String) -> Bool {
        guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return false }
        return Double(cell) == nil
    }

    @Test func csvCellsThatLookLikeFormulasStayText() {
        let text = CSV.text(
            header: ["name", "amount"],
            rows: [
                ["=HYPERLINK(\"https://evil.example\",\"click\")", "-12.5"], ["@SUM(A1)", "+3"], ["\tTab", "-"], ["Plain", "7"],
            ])
        let rows = Self.parse(text)
        #expect(rows[1] == ["'=HYPERLINK(\"https://evil.example\",\"click\")", "-12.5"])
        #expect(rows[2] == ["'@SUM(A1)", "+3"])
        #expect(rows[3] == ["'\tTab", "'-"])
        #expect(rows[4] == ["Plain", "7"])
        #expect(!rows.joined().contains(where: Self.isFormula))
    }

    @Test func everyCSVExportReadsBackWithoutALiveFormula() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            try await app.db.sql().raw(
                "UPDATE offers SET title = '=HYPERLINK(\"https://evil.example\",\"Lasers\")' WHERE key = 'FH1'"
            )
            .run()
            try await app.db.sql().raw("UPDATE organisations SET name = '@SUM(1+1)*cmd' WHERE key = 'V1'").run()
            let id = try await scene.propose().id
            try await scene.signed(id)
            try await scene.act(scene.visitorPartnership, id, "approve-funding")
            app.matching.markStale()

            let coordinator = try await TestBrowser.signedIn(app, "coordinator@pv.example")
            var files: [String: String] = [:]
            for tab in ["organisations", "offers", "requests"] {
                let response = try await coordinator.get("/catalogue.csv?tab=\(tab)")
                #expect(response.status == .ok)
                files["catalogue \(tab)"] = response.body.string
            }
            for name in ["phases", "flows", "kinds", "sectors", "purposes", "budgets", "lump-sums", "travel", "outcomes"] {
                let response = try await app.testing().sendRequest(.GET, "/statistics/\(name).csv")
                if response.status == .ok { files["statistics \(name)"] = response.body.string }
            }
            for name in ["exchanges", "phases", "flows", "kinds", "sectors", "purposes", "lump-sums", "travel", "outcomes"] {
                let response = try await coordinator.get("/partnerships/PV/statistics/\(name).csv")
                if response.status == .ok { files["partnership \(name)"] = response.body.string }
            }
            #expect(files["partnership exchanges"] != nil)
            #expect(files.count >= 12)
            for (name, text) in files {
                let rows = Self.parse(text)
                #expect(rows.count >= 1, "\(name) has its header")
                let formulas = rows.joined().filter(Self.isFormula)
                #expect(formulas.isEmpty, "\(name): \(formulas)")
            }
            #expect(files["catalogue offers"]?.contains("'=HYPERLINK(") == true)
            #expect(files["partnership exchanges"]?.contains("'@SUM(1+1)*cmd") == true)
        }
    }

    @Test func aFileNameCannotAddAHeaderToItsDownload() async throws {
        try await withApp { app in
            let scene = try await ExchangeScene.make(app)
            let id = try await scene.underWay()
            let name = "pass\r\nSet-Cookie: stolen=1\r\n\u{202E}fdp.exe Łódź.pdf"
            let stored = try await scene.upload(scene.visitor, id, ByteBuffer(string: Self.pdf), name: name)
            #expect(stored.status == .created, "\(stored.body.string)")
            let file = try stored.content.decode(EvidenceDTO.self)
            #expect(file.filename == "passSet-Cookie: stolen=1fdp.exe Łódź.pdf")
            let read = try await scene.visitorPartnership.send(.GET, "/api/v1/exchanges/\(id)/evidence/\(file.id)")
            let disposition = try #require(read.headers.first(name: .contentDisposition))
            #expect(!disposition.contains("\r") && !disposition.contains("\n"))
            #expect(read.headers.first(name: "Set-Cookie") == nil)
            #expect(disposition.hasPrefix("attachment; filename=\"passSet-Cookie: stolen=1fdp.exe __d_.pdf\""))
            #expect(disposition.contains("filename*=UTF-8''passSet-Cookie%3A%20stolen%3D1fdp.exe%20%C5%81%C3%B3d%C5%BA.pdf"))
        }
    }

    @Test func aStoredNameWithALineBreakIsCleanedOnTheWayOutToo() {
        let header = Download.contentDisposition(filename: "cv\n.pdf\"; filename=evil.exe")
        #expect(!header.contains("\n"))
        #expect(
            header.hasPrefix(
                "attachment; filename=\"cv.pdf_; filename=evil.exe\"; filename*=UTF-8''cv.pdf%22%3B%20filename%3Devil.exe"))
        #expect(Download.cleanName("../../\u{7}\u{2028}", fallback: "evidence") == "evidence")
    }
}
