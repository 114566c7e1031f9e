import Foundation
import ProgrammeRules

/// How news and events read on the pages.
enum PublicationText {
    /// A text's paragraphs, split at blank lines.
    static func paragraphs(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// "12 May 2027": the day in the programme's time zone.
    static func day(_ date: Date) -> String {
        CalendarDate.today(in: PlatformClock.programmeTimeZone, now: date).words
    }
}
