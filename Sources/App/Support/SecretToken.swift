import Crypto
import Foundation

/// Random secrets handed to people (session cookies, API tokens, links in e-mails) and the
/// digests the database keeps instead of them.
enum SecretToken {
    /// 256 random bits, URL-safe base64 without padding: 43 characters.
    static func generate() -> String {
        // Four draws of 64 bits from the system's generator, rather than one per byte.
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<4 { withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) } }
        return Data(bytes).base64EncodedString().urlSafe
    }

    /// Whether `text` has the shape of a token, checked before any query.
    static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 43
            && text.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D
                    || byte == 0x5F
            }
    }

    /// SHA-256, hex.
    static func digest(_ token: String) -> String { hex(SHA256.hash(data: Data(token.utf8))) }

    /// Bytes (a digest) in lower-case hex.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in bytes {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// Compares in time independent of where the texts differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

private let hexDigits = Array("0123456789abcdef".utf8)

extension String {
    /// Base64 made URL-safe: `-` for `+`, `_` for `/`, no `=`.
    fileprivate var urlSafe: String {
        String(
            decoding: utf8.compactMap { byte -> UInt8? in
                switch byte {
                case UInt8(ascii: "+"): UInt8(ascii: "-")
                case UInt8(ascii: "/"): UInt8(ascii: "_")
                case UInt8(ascii: "="): nil
                default: byte
                }
            }, as: UTF8.self)
    }
}
