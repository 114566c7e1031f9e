/// How long a stay may be; both figures live in the rate table because the programme changed
/// them between calls.
public struct DurationLimits: Hashable, Sendable, Codable {
    public var minWorkingDays: Int
    public var maxCalendarDays: Int

    public init(minWorkingDays: Int = 3, maxCalendarDays: Int = 31) {
        self.minWorkingDays = minWorkingDays
        self.maxCalendarDays = maxCalendarDays
    }
}
