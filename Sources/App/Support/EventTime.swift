import Foundation

/// An event's local time as its organiser types it ("2027-05-12T14:00") in an IANA time zone,
/// bounded before use, and the instant it names.
struct EventTime: Sendable, Equatable {
    let local: String
    let zone: TimeZone
    let instant: Date

    /// nil when the text is not "YYYY-MM-DDTHH:MM" with a real date and time (years 2000 to 2100).
    init?(_ text: String, zone: TimeZone) {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            let part = bytes[range]
            guard part.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
            return part.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), (2000...2100).contains(year), (1...12).contains(month), (1...31).contains(day),
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)
        // 31 February is refused rather than rolled over into March.
        guard components.isValidDate(in: calendar), let instant = calendar.date(from: components) else { return nil }
        self.local = text
        self.zone = zone
        self.instant = instant
    }

    /// "Wednesday 12 May 2027, 14:00".
    static func words(_ instant: Date, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = zone
        formatter.dateFormat = "EEEE d MMMM yyyy, HH:mm"
        return formatter.string(from: instant)
    }

    /// "14:00".
    static func clock(_ instant: Date, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = zone
        formatter.dateFormat = "HH:mm"
        return formatter.string(from: instant)
    }

    /// A zone by its IANA name ("Europe/Brussels"); abbreviations and offsets are refused.
    static func zone(_ name: String) -> TimeZone? {
        guard name.contains("/") || name == "UTC", name.utf8.count <= 64 else { return nil }
        return TimeZone(identifier: name)
    }
}
