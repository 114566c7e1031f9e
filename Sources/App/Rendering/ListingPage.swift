import ProgrammeRules

/// An offer's or a request's page: the listing, whether the reader manages it, and its facts in
/// words (purposes, languages and countries by name, dates as people write them).
struct ListingPage<Listing: Encodable>: Encodable {
    let listing: Listing
    let mayManage: Bool
    let mayChange: Bool
    let purposes: [String]
    let languages: [String]
    let countries: [String]
    /// "5 January – 18 December 2027".
    let dates: String

    static func offer(_ detail: ListingDetail<OfferDTO>) -> ListingPage<OfferDTO> {
        let offer = detail.listing
        return ListingPage<OfferDTO>(
            listing: offer, mayManage: detail.mayManage, mayChange: detail.mayChange, purposes: offer.purposes.map(\.displayName),
            languages: offer.languages.map(LanguageCode.name), countries: [],
            dates: CalendarDate.span(offer.availableFrom, offer.availableTo))
    }

    static func request(_ detail: ListingDetail<RequestDTO>) -> ListingPage<RequestDTO> {
        let request = detail.listing
        return ListingPage<RequestDTO>(
            listing: request, mayManage: detail.mayManage, mayChange: detail.mayChange,
            purposes: request.purposes.map(\.displayName),
            languages: request.languages.map(LanguageCode.name),
            countries: request.preferredCountries.map { CountryRegistry.cosme.name(of: $0) },
            dates: CalendarDate.span(request.earliest, request.latest))
    }
}
