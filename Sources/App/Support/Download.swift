import Foundation
import Vapor

/// Files the platform hands out (evidence, CVs, CSV tables), written one way: the name is cleaned
/// where it enters, and the header carries it as RFC 6266 says, an ASCII `filename` for old
/// clients and the real name in `filename*` (RFC 8187), so no name can break or add a header.
enum Download {
    static let maximumNameBytes = 120

    /// A name someone gave a file, safe to keep and to send back: its last path part, without
    /// control characters, line or paragraph separators or direction overrides, at most 120
    /// bytes; `fallback` when nothing is left.
    static func cleanName(_ raw: String, fallback: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: raw.unicodeScalars.filter { !isUnsafe($0) })
        let lastPart = String(scalars).split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var name = lastPart.trimmingCharacters(in: .whitespaces)
        while name.utf8.count > maximumNameBytes { name.removeLast() }
        return name.isEmpty || name == "." || name == ".." ? fallback : name
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        // Line and paragraph separators, and the marks that reorder text ("cv\u{202E}fdp.exe").
        case 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `attachment; filename="…"; filename*=UTF-8''…` for a cleaned name.
    static func contentDisposition(filename: String) -> String {
        let name = cleanName(filename, fallback: "download")
        let ascii = String(
            name.unicodeScalars.map { scalar -> Character in
                scalar.isASCII && scalar != "\"" && scalar != "\\" && scalar != "%" ? Character(scalar) : "_"
            })
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(percentEncoded(name))"
    }

    /// RFC 8187's `attr-char` kept, every other byte as %XX.
    private static func percentEncoded(_ text: String) -> String {
        let kept = Set("!#$&+-.^_`|~".utf8)
        var out = ""
        for byte in text.utf8 {
            let isAlphanumeric = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            if isAlphanumeric || kept.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// An answer that downloads `body` as `filename`, of `contentType`, kept by no cache.
    static func response(_ body: Response.Body, contentType: String, filename: String) -> Response {
        let response = Response(status: .ok, body: body)
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: contentDisposition(filename: filename))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// A CSV table (RFC 4180, with its header row).
    static func csv(_ text: String, filename: String) -> Response {
        response(.init(string: text), contentType: "text/csv; charset=utf-8; header=present", filename: filename)
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
