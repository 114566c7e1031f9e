import Foundation

/// An Atom 1.0 feed (RFC 4287) of published news and achievements, newest first.
struct AtomFeed {
    let title: String
    /// "https://clusterxchange.example".
    let base: String
    let items: [NewsItem]
    /// When the feed was last changed: its newest item, or `now` when it has none.
    let updated: Date

    var xml: String {
        var lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<feed xmlns="http://www.w3.org/2005/Atom">"#,
            "  <title>\(Self.escape(title))</title>",
            "  <id>\(Self.escape(base))/news</id>",
            #"  <link rel="self" type="application/atom+xml" href="\#(Self.escape(base))/news.atom"/>"#,
            #"  <link rel="alternate" type="text/html" href="\#(Self.escape(base))/news"/>"#,
            "  <updated>\(Self.timestamp(updated))</updated>",
            "  <author><name>ClusterXchange</name></author>",
        ]
        for item in items {
            let published = item.publishedAt ?? item.createdAt
            lines += [
                "  <entry>",
                "    <title>\(Self.escape(item.title))</title>",
                "    <id>urn:uuid:\(item.id.uuidString.lowercased())</id>",
                #"    <link rel="alternate" type="text/html" href="\#(Self.escape(base + item.url))"/>"#,
                "    <published>\(Self.timestamp(published))</published>",
                "    <updated>\(Self.timestamp(published))</updated>",
                "    <author><name>\(Self.escape(item.organisationName))</name></author>",
                #"    <category term="\#(item.kind.rawValue)" label="\#(item.kind.words)"/>"#,
                #"    <content type="text">\#(Self.escape(item.body))</content>"#,
                "  </entry>",
            ]
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text for XML: the five special characters escaped, and the characters XML 1.0 forbids dropped.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// RFC 3339 in UTC.
    static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }
}
