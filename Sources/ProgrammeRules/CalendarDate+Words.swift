extension CalendarDate {
    public static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    /// "3 May 2027", as people write dates across Europe.
    public var words: String { "\(day) \(Self.monthNames[(month - 1) % 12]) \(year)" }

    /// "3–7 May 2027", "28 April – 9 May 2027", "28 December 2027 – 8 January 2028".
    public static func span(_ start: CalendarDate, _ end: CalendarDate) -> String {
        if start == end { return start.words }
        if start.year != end.year { return "\(start.words) – \(end.words)" }
        if start.month != end.month {
            return "\(start.day) \(monthNames[(start.month - 1) % 12]) – \(end.words)"
        }
        return "\(start.day)–\(end.words)"
    }
}
