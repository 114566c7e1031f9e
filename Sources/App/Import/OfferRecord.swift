import ProgrammeRules

struct OfferRecord: Sendable {
    let line: Int
    let key: String
    let host: String
    let title: String
    let description: String
    let purposes: [String]
    let topics: [String]
    let availableFrom: CalendarDate
    let availableTo: CalendarDate
    let capacity: Int
    let languages: [String]
    let isVirtual: Bool
}
