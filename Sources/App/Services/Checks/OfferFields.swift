import ProgrammeRules

/// A hosting offer's fields, checked (`ListingChecks.offer`): what the API, the form and the
/// import all write.
struct OfferFields: Sendable {
    let text: ListingText
    let availableFrom: CalendarDate
    let availableTo: CalendarDate
    let capacity: Int
    let isVirtual: Bool
}
