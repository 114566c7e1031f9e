import Foundation

/// The times an event's one-to-one meetings may start: from its start to its end in steps of the
/// meeting length, on each of its days within the day's hours. The day's hours are the event's
/// own (its start's time to its end's time) when the start's time comes before the end's, as in
/// "12 to 14 May, 09:00 to 17:30"; otherwise 09:00 to 18:00. Reckoned in the event's time zone,
/// so a day with a clock change still has the right hours.
enum MeetingSlots {
    /// The meeting lengths an organiser chooses from, in minutes.
    static let lengths = [15, 20, 30, 45]
    /// At most this many slots an event: enough for a month of half-hour meetings in working hours.
    static let maximum = 600

    static func starts(from start: Date, to end: Date, zone: TimeZone, minutes: Int) -> [Date] {
        guard lengths.contains(minutes), start < end else { return [] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let minuteOfDay = { (date: Date) -> Int in
            let parts = calendar.dateComponents([.hour, .minute], from: date)
            return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        }
        let firstDay = calendar.startOfDay(for: start)
        let lastDay = calendar.startOfDay(for: end)
        let ownHours = minuteOfDay(start) < minuteOfDay(end)
        let opens = firstDay == lastDay || ownHours ? minuteOfDay(start) : 9 * 60
        let closes = firstDay == lastDay || ownHours ? minuteOfDay(end) : 18 * 60
        var slots: [Date] = []
        var day = firstDay
        // An event lasts at most 31 days (`Publications.submitEvent`); 40 bounds the loop whatever is stored.
        for _ in 0..<40 where day <= lastDay {
            if let from = calendar.date(bySettingHour: opens / 60, minute: opens % 60, second: 0, of: day),
                let until = calendar.date(bySettingHour: closes / 60, minute: closes % 60, second: 0, of: day)
            {
                var slot = max(from, start)
                let close = min(until, end)
                while slot.addingTimeInterval(Double(minutes) * 60) <= close, slots.count < maximum {
                    slots.append(slot)
                    slot = slot.addingTimeInterval(Double(minutes) * 60)
                }
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        return slots
    }
}
