/// Markup written in Swift for the long, repetitive parts of pages (a select of 88 sectors), where
/// Leaf's interpreter costs more than the rest of the page; templates insert it with
/// `#unsafeHTML`, so every text here is escaped.
enum HTML {
    static func escape(_ text: String) -> String {
        // Most texts have nothing to escape; they are returned as they are, without a copy. The five
        // characters are ASCII, and no byte of a multi-byte UTF-8 sequence is ASCII, so bytes will do.
        guard text.utf8.contains(where: { $0 < 0x40 && special[Int($0)] }) else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count + 32)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): escaped.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): escaped.append(contentsOf: "&#39;".utf8)
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// Which of the first 64 bytes need escaping: `"`, `&`, `'`, `<` and `>`.
    private static let special: [Bool] = (0..<64).map { [0x22, 0x26, 0x27, 0x3C, 0x3E].contains($0) }

    /// `<option>`s, the chosen one selected.
    static func options(_ choices: [Choice]) -> String {
        var html = ""
        for choice in choices {
            html +=
                "<option value=\"\(escape(choice.value))\"\(choice.selected ? " selected" : "")>\(escape(choice.label))</option>"
        }
        return html
    }

    /// `<optgroup>`s of `<option>`s.
    static func options(_ groups: [ChoiceGroup]) -> String {
        var html = ""
        for group in groups { html += "<optgroup label=\"\(escape(group.label))\">\(options(group.options))</optgroup>" }
        return html
    }
}
