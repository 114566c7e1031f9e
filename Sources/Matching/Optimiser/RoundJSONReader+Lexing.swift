import Foundation

/// The lexical side of `RoundJSONReader`: whitespace, strings with their escapes and UTF-8
/// check, numbers, and where in the text an error is.
extension RoundJSONReader {
    func peek() -> UInt8 { position < bytes.count ? bytes[position] : 0 }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// The string starting at the opening quote under the cursor, escapes decoded, UTF-8 checked.
    mutating func readRawString() throws(RoundFileError) -> String {
        position += 1
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                return try Self.validString(slice, at: self)
            }
            if byte == UInt8(ascii: "\\") { return try readEscapedString(from: start) }
            if byte < 0x20 { throw syntaxError("control character in a string") }
            position += 1
        }
        throw syntaxError("unterminated string")
    }

    static func validString(_ slice: UnsafeBufferPointer<UInt8>, at reader: RoundJSONReader) throws(RoundFileError) -> String {
        let string = String(decoding: slice, as: UTF8.self)
        // ASCII is always valid. Otherwise: decoding replaces bad UTF-8 with U+FFFD, so if the
        // bytes changed, the input was not UTF-8.
        var ascii = true
        for byte in slice where byte >= 0x80 {
            ascii = false
            break
        }
        guard ascii || string.utf8.elementsEqual(slice) else { throw reader.syntaxError("invalid UTF-8 in a string") }
        return string
    }

    mutating func readEscapedString(from start: Int) throws(RoundFileError) -> String {
        var buffer = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return try buffer.withUnsafeBufferPointer { (slice) throws(RoundFileError) in
                    try Self.validString(slice, at: self)
                }
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try readHex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        // A high surrogate must be followed by an escaped low one.
                        guard peek() == UInt8(ascii: "\\") else { throw syntaxError("lone surrogate in a string") }
                        position += 1
                        guard peek() == UInt8(ascii: "u") else { throw syntaxError("lone surrogate in a string") }
                        position += 1
                        let low = try readHex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw syntaxError("lone surrogate in a string") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw syntaxError("lone surrogate in a string") }
                    buffer.append(contentsOf: Array(String(Character(unicode)).utf8))
                default: throw syntaxError("invalid escape in a string")
                }
            default:
                if byte < 0x20 { throw syntaxError("control character in a string") }
                buffer.append(byte)
            }
        }
        throw syntaxError("unterminated string")
    }

    mutating func readHex4() throws(RoundFileError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw syntaxError("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw syntaxError("invalid \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    static let exactPowersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { value, _ in value * 10 } }

    /// A JSON number at the cursor, or nil (cursor unmoved) when there is none.
    /// Exact: a decimal with at most 15 significant digits and a small exponent is an integer
    /// divided or multiplied by an exact power of ten, one correctly rounded IEEE operation;
    /// anything else goes through `Double(String)`, which rounds correctly too.
    mutating func scanNumber() throws(RoundFileError) -> Double? {
        let start = position
        var index = position
        func digit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9") }
        let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard digit(index) else {
            if negative { throw syntaxError("invalid number") }
            return nil
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while digit(index) {
                mantissa = mantissa &* 10 &+ UInt64(bytes[index] - UInt8(ascii: "0"))
                digits += 1
                index += 1
            }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digit(index) else { throw syntaxError("invalid number") }
            while digit(index) {
                mantissa = mantissa &* 10 &+ UInt64(bytes[index] - UInt8(ascii: "0"))
                if mantissa != 0 { digits += 1 }
                fractionDigits += 1
                index += 1
            }
        }
        var exponent = 0
        var hasExponent = false
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            hasExponent = true
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard digit(index) else { throw syntaxError("invalid number") }
            while digit(index) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
                index += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        position = index
        let scale = exponent - fractionDigits
        if digits <= 15, !hasExponent || abs(exponent) < 1000, abs(scale) <= 22 {
            var value = Double(mantissa)
            value = scale < 0 ? value / Self.exactPowersOfTen[-scale] : value * Self.exactPowersOfTen[scale]
            return negative ? -value : value
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text) else { throw syntaxError("invalid number") }
        return value
    }

    func syntaxError(_ message: String) -> RoundFileError {
        var line = 1
        var column = 1
        for index in 0..<min(position, bytes.count) {
            if bytes[index] == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return RoundFileError(path: "line \(line), column \(column)", rule: "not valid JSON: \(message)")
    }
}
