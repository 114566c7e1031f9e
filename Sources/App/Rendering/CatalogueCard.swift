import ProgrammeRules

/// An organisation, an offer or a request as a catalogue card: its name or title with its link,
/// one line of facts, and its topics. Written as markup in Swift (`html`): twenty cards were the
/// larger part of a catalogue page's rendering in Leaf (Benchmarks/README.md, "Pages").
struct CatalogueCard: Sendable {
    let link: String
    let title: String
    /// "Technology centre · Turin, Italy" or "Host · Turin, Italy · 4 January – 18 May 2027".
    let meta: String
    let topics: [String]
    /// The description's first sentence, for an organisation: what it does, before the click.
    var summary: String? = nil

    init(_ organisation: OrganisationSummary, blurb: Catalogue.Blurb? = nil) {
        link = "/organisations/\(organisation.key)"
        title = organisation.name
        meta = "\(organisation.kindName) · \(organisation.city), \(organisation.countryName)"
        topics = blurb?.topics ?? []
        summary = blurb?.summary
    }

    init(_ offer: OfferDTO) {
        link = "/offers/\(offer.key)"
        title = offer.title
        meta =
            "\(offer.host.name) · \(offer.host.city), \(offer.host.countryName) · "
            + CalendarDate.span(offer.availableFrom, offer.availableTo)
        topics = offer.topics
    }

    init(_ request: RequestDTO) {
        link = "/requests/\(request.key)"
        title = request.title
        meta =
            "\(request.visitor.name) · \(request.visitor.city), \(request.visitor.countryName) · "
            + "\(request.workingDays) working days within " + CalendarDate.span(request.earliest, request.latest)
        topics = request.topics
    }

    /// The cards as `<li>`s of a `<ul class="cards">`, every text escaped.
    static func html(_ cards: [CatalogueCard]) -> String {
        var html = ""
        for card in cards {
            html += "<li class=\"card\"><h2><a href=\"\(HTML.escape(card.link))\">\(HTML.escape(card.title))</a></h2>"
            html += "<p class=\"meta\">\(HTML.escape(card.meta))</p>"
            if let summary = card.summary, !summary.isEmpty { html += "<p>\(HTML.escape(summary))</p>" }
            if !card.topics.isEmpty {
                html += "<p class=\"tags\">"
                for topic in card.topics { html += "<span class=\"tag\">\(HTML.escape(topic))</span> " }
                html += "</p>"
            }
            html += "</li>"
        }
        return html
    }
}
