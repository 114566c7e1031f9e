import ProgrammeRules

/// The suggestion list's items, written as markup in Swift: ten cards with their reasons and score
/// parts were most of the suggestions page's time in Leaf (Benchmarks/README.md, "Pages").
enum SuggestionCards {
    /// `<li class="suggestion">` items for `<ol class="suggestions">`, every text escaped. `side` is
    /// "request" (hosts are suggested) or "offer" (visitors are); `key` is the listing's.
    static func html(_ cards: [SuggestionController.Card], side: String, key: String) -> String {
        var html = ""
        html.reserveCapacity(cards.count * 2_500)
        let e = HTML.escape
        for card in cards {
            let s = card.suggestion
            // The listing and its owner as one flex item, so the score sits apart from them.
            html += #"<li class="suggestion"><div class="suggestion-head"><span>"#
            if side == "request" {
                html +=
                    #"<a href="/offers/\#(e(s.offer))">\#(e(s.offerTitle))</a> · "#
                    + #"<a href="/organisations/\#(e(s.host))">\#(e(s.hostName))</a> (\#(e(card.hostCountryName)))"#
            } else {
                html +=
                    #"<a href="/requests/\#(e(s.request))">\#(e(s.requestTitle))</a> · "#
                    + #"<a href="/organisations/\#(e(s.visitor))">\#(e(s.visitorName))</a>"#
            }
            html +=
                #"</span> <span class="score"><meter min="0" max="100" value="\#(card.scorePercent)" aria-label="Fit">"#
                + #"\#(card.scorePercent)</meter> fit <strong>\#(card.scorePercent)</strong> out of 100</span></div>"#
            html += #"<ul class="reasons">"# + s.reasons.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
            html += #"<p class="meta">Stay \#(e(card.stay))"# + (card.lumpSum.map { " · lump sum \(e($0))" } ?? "") + "</p>"
            let propose =
                "/exchanges/new?request=\(s.request)&offer=\(s.offer)&start=\(s.stay.start)&end=\(s.stay.end)"
            let about = "/messages/new?to=\(side == "request" ? s.host : s.visitor)&about=/\(side)s/\(key)"
            html +=
                #"<p class="card-actions"><a class="button" href="\#(e(propose))">Propose this exchange</a> "#
                + #"<a href="\#(e(about))">Write to them first</a></p>"#
            html += #"<details><summary>Score parts</summary><table class="parts">\#(card.partsHTML)</table></details></li>"#
        }
        return html
    }
}
