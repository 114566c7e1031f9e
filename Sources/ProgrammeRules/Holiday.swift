public struct Holiday: Hashable, Sendable, Codable {
    public let date: CalendarDate
    public let name: String
}
