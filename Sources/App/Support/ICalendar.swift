import Foundation
import ProgrammeRules

/// An iCalendar (RFC 5545) document: escaped text, lines folded at 75 octets, CRLF endings.
struct ICalendar {
    let name: String
    private var events: [String] = []

    init(name: String) { self.name = name }

    /// An all-day event from `start` to `end` inclusive (DTEND is the day after, as RFC 5545 counts).
    mutating func allDay(
        uid: String, start: CalendarDate, end: CalendarDate, summary: String, description: String, url: String, location: String,
        stamp: Date
    ) {
        events.append(
            [
                "BEGIN:VEVENT", "UID:\(Self.escape(uid))", "DTSTAMP:\(Self.utc(stamp))",
                "DTSTART;VALUE=DATE:\(Self.compact(start))", "DTEND;VALUE=DATE:\(Self.compact(end.adding(days: 1)))",
                "SUMMARY:\(Self.escape(summary))", "DESCRIPTION:\(Self.escape(description))", "LOCATION:\(Self.escape(location))",
                "URL:\(url)", "END:VEVENT",
            ].map(Self.fold).joined(separator: "\r\n"))
    }

    /// An event at a time, written in UTC (RFC 5545 form 2), with the organiser's time zone said
    /// in the description: every calendar reads UTC without a VTIMEZONE.
    mutating func timed(
        uid: String, start: Date, end: Date, summary: String, description: String, url: String, location: String,
        stamp: Date
    ) {
        events.append(
            [
                "BEGIN:VEVENT", "UID:\(Self.escape(uid))", "DTSTAMP:\(Self.utc(stamp))", "DTSTART:\(Self.utc(start))",
                "DTEND:\(Self.utc(end))", "SUMMARY:\(Self.escape(summary))", "DESCRIPTION:\(Self.escape(description))",
                "LOCATION:\(Self.escape(location))", "URL:\(url)", "END:VEVENT",
            ].map(Self.fold).joined(separator: "\r\n"))
    }

    var text: String {
        ([
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ClusterXchange//Exchanges//EN", "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:\(Self.escape(name))",
        ].map(Self.fold) + events + ["END:VCALENDAR"]).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT as RFC 5545 writes it: backslash, semicolon and comma escaped, every line break (CR LF,
    /// LF, or a lone CR) as `\n`, other control characters dropped, so no text can start a line of its own.
    static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\\", ";", ",":
                out.append("\\")
                out.append(scalar)
            case "\r":
                out.append(contentsOf: "\\n".unicodeScalars)
            case "\n":
                if !afterCR { out.append(contentsOf: "\\n".unicodeScalars) }
            case "\t":
                out.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func compact(_ date: CalendarDate) -> String { date.description.replacingOccurrences(of: "-", with: "") }

    static func utc(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a character.
    static func fold(_ line: String) -> String {
        var lines: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            if octets + size > (lines.isEmpty ? 75 : 74) {
                lines.append(current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        lines.append(current)
        return lines.joined(separator: "\r\n ")
    }
}
