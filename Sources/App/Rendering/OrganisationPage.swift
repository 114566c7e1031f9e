import ProgrammeRules

/// An organisation's page as people read it: sectors by name, languages by name, its status in
/// words while it is not validated, its offers' and requests' dates in words.
struct OrganisationPage: Encodable {
    struct Line: Encodable {
        let link: String
        let title: String
        /// "4 January – 18 May 2027" or "5 working days within 1 March – 30 June 2027".
        let when: String
    }

    let organisation: OrganisationDTO
    let viewer: OrganisationDetail.Viewer
    /// Nil once validated (the page then says nothing of it).
    let statusWords: String?
    let sectors: [String]
    let languages: [String]
    let offers: [Line]
    let requests: [Line]
    /// Its latest news and achievements, and its events to come.
    let news: [Line]
    let events: [Line]

    init(_ detail: OrganisationDetail, news: [NewsItem] = [], events: [EventItem] = []) {
        let organisation = detail.organisation
        self.organisation = organisation
        viewer = detail.viewer
        statusWords = organisation.validationStatus == .validated ? nil : organisation.validationStatus.words
        sectors = organisation.sectors.map { NACECode($0)?.label ?? $0 }
        languages = organisation.languages.map(LanguageCode.name)
        offers = detail.offers.map {
            Line(link: "/offers/\($0.key)", title: $0.title, when: CalendarDate.span($0.availableFrom, $0.availableTo))
        }
        requests = detail.requests.map {
            Line(
                link: "/requests/\($0.key)", title: $0.title,
                when: "\($0.workingDays) working days within " + CalendarDate.span($0.earliest, $0.latest))
        }
        self.news = news.map {
            Line(
                link: $0.url, title: $0.title,
                when: "\($0.kind.words), \(PublicationText.day($0.publishedAt ?? $0.createdAt))")
        }
        self.events = events.map { Line(link: $0.url, title: $0.title, when: EventCard($0).when) }
    }
}
