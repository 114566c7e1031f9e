/// Markup written in Swift for the long, repetitive parts of pages (a select of 88 sectors), where
/// Leaf's interpreter costs more than the rest of the page; templates insert it with
/// `#unsafeHTML`, so every text here is escaped.
enum HTML {
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

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
