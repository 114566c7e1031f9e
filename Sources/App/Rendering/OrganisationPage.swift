import ProgrammeRules

/// An organisation's page as people read it: sectors by name, languages by name, its status in
/// words while it is not validated, its offers' and requests' dates in words.
struct OrganisationPage: Encodable {
    struct Line {
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
    /// Each list as `<li>`s written in Swift (Leaf's loops were a good part of this page's time);
    /// nil when empty.
    let offers: String?
    let requests: String?
    /// Its latest news and achievements, and its events to come.
    let news: String?
    let events: String?

    init(_ detail: OrganisationDetail, news: [NewsItem] = [], events: [EventItem] = []) {
        let organisation = detail.organisation
        self.organisation = organisation
        viewer = detail.viewer
        statusWords = organisation.validationStatus == .validated ? nil : organisation.validationStatus.words
        sectors = organisation.sectors.map { NACECode($0)?.label ?? $0 }
        languages = organisation.languages.map(LanguageCode.name)
        offers = Self.list(
            detail.offers.map {
                Line(link: "/offers/\($0.key)", title: $0.title, when: CalendarDate.span($0.availableFrom, $0.availableTo))
            })
        requests = Self.list(
            detail.requests.map {
                Line(
                    link: "/requests/\($0.key)", title: $0.title,
                    when: "\($0.workingDays) working days within " + CalendarDate.span($0.earliest, $0.latest))
            })
        self.news = Self.list(
            news.map {
                Line(
                    link: $0.url, title: $0.title,
                    when: "\($0.kind.words), \(PublicationText.day($0.publishedAt ?? $0.createdAt))")
            })
        self.events = Self.list(events.map { Line(link: $0.url, title: $0.title, when: EventCard($0).when) })
    }

    /// `<li><a href="link">title</a>, when</li>` for each line, escaped; nil for none.
    static func list(_ lines: [Line]) -> String? {
        guard !lines.isEmpty else { return nil }
        var html = ""
        for line in lines {
            html += "<li><a href=\"\(HTML.escape(line.link))\">\(HTML.escape(line.title))</a>, \(HTML.escape(line.when))</li>"
        }
        return html
    }
}
