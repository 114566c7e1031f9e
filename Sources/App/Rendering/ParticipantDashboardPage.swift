import Foundation

/// The participant's dashboard as markup, written in Swift: it is the page everyone lands on, and
/// Leaf's interpreter spent a quarter of its time on its forty conditions (Benchmarks/README.md,
/// "Pages"). Every text is escaped (`HTML.escape`); the template only places it in the frame.
enum ParticipantDashboardPage {
    struct View: Encodable {
        let html: String
    }

    static func html(_ d: ParticipantDashboard, unreadMessages: Int) -> String {
        var h = "<h1>Hello, \(e(d.name))</h1>\n"
        h += todo(d)
        h += organisations(d)
        h += listings(d)
        h += exchanges(d, unreadMessages: unreadMessages)
        h += notifications(d)
        return h
    }

    private static func e(_ text: String) -> String { HTML.escape(text) }

    private static func todo(_ d: ParticipantDashboard) -> String {
        var h = #"<section class="panel next-step" aria-labelledby="todo-title"><h2 id="todo-title">What to do now</h2>"#
        if d.todo.isEmpty {
            if d.organisations.organisations.isEmpty {
                h += "<p>Start with your organisation: add it, or find it in the catalogue and ask to join it.</p>"
                h += #"<p class="card-actions"><a class="button" href="/organisations/new">Add your organisation</a> "#
                h += #"<a href="/catalogue?tab=organisations">Find it in the catalogue</a></p>"#
            } else {
                h += #"<p>Nothing waits for you. Look for hosts or visitors in the <a href="/catalogue">catalogue</a>.</p>"#
            }
        } else {
            h += #"<ul class="todo">"#
            for t in d.todo {
                h += "<li><span>\(e(t.text))"
                if let by = t.by { h += #" <span class="due">by \#(e(by))</span>"# }
                h += #"</span> <a class="button small" href="\#(e(t.link))">\#(e(t.action))</a></li>"#
            }
            h += "</ul>"
        }
        return h + "</section>\n"
    }

    private static func organisations(_ d: ParticipantDashboard) -> String {
        var h = #"<section aria-labelledby="orgs-title"><h2 id="orgs-title">Your organisations</h2>"#
        if d.organisations.organisations.isEmpty {
            h += #"<p class="empty">You have no organisation yet.</p>"#
        } else {
            h += #"<ul class="cards">"#
            for o in d.organisations.organisations {
                let key = e(o.key)
                h += #"<li class="card"><h3><a href="/organisations/\#(key)">\#(e(o.name))</a></h3><p class="meta">"#
                if let words = o.statusWords {
                    h += #"<span class="status status-\#(e(o.status?.rawValue ?? ""))">\#(e(words))</span>"#
                } else {
                    h += #"<span class="status">request to join waiting</span>"#
                }
                if let partnership = o.partnershipName { h += " · \(e(partnership))" }
                h += "</p>"
                if let reason = o.reason { h += #"<p class="reason">\#(e(reason))</p>"# }
                if o.membership == .active {
                    h += #"<p class="card-actions">"#
                    if o.isAdmin { h += #"<a href="/organisations/\#(key)/edit">Edit the profile</a> "# }
                    if o.mayPublish {
                        h += #"<a href="/organisations/\#(key)/requests/new">Publish a visiting request</a> "#
                        h += #"<a href="/organisations/\#(key)/offers/new">Publish a hosting offer</a>"#
                    }
                    h += "</p>"
                }
                h += "</li>"
            }
            h += "</ul>"
        }
        h += #"<p><a href="/my">All your organisations</a> · <a href="/organisations/new">Add an organisation</a></p>"#
        return h + "</section>\n"
    }

    private static func listings(_ d: ParticipantDashboard) -> String {
        var h = #"<section aria-labelledby="listings-title"><h2 id="listings-title">Your requests and offers</h2>"#
        if d.listings.isEmpty {
            h += #"<p class="empty">None yet. Once your organisation is validated, publish what you would like to visit for, "#
            h += "or what you can host: the platform then suggests the best partners.</p>"
        } else {
            h += #"<ul class="cards">"#
            for l in d.listings {
                let request = l.kind == "request"
                h += #"<li class="card"><h3><a href="/\#(e(l.kind))s/\#(e(l.key))">\#(e(l.title))</a></h3>"#
                h += #"<p class="meta">\#(request ? "Visiting request" : "Hosting offer") of \#(e(l.organisationName))</p>"#
                if let best = l.best {
                    h += "<p>\(request ? "Best host:" : "Best visitor:") <strong>\(e(best))</strong>, "
                    h += "fit \(l.bestScore.map(String.init) ?? "") out of 100.</p>"
                    h +=
                        #"<p><a class="button small" href="\#(e(l.link))">See the \#(l.suggestionCount) best suggestions</a></p>"#
                } else {
                    h += "<p>No suggestion yet: the platform finds none that fits its dates, countries and purposes. "
                    h += #"<a href="\#(e(l.link))">Why?</a></p>"#
                }
                h += "</li>"
            }
            h += "</ul>"
        }
        return h + "</section>\n"
    }

    private static func exchanges(_ d: ParticipantDashboard, unreadMessages: Int) -> String {
        var h = #"<section aria-labelledby="exchanges-title"><h2 id="exchanges-title">Your exchanges</h2>"#
        if d.byPhase.isEmpty {
            h += #"<p class="empty">No exchange yet. An exchange starts with a proposal, from a suggestion or from an offer "#
            h += "or request in the catalogue.</p>"
        } else {
            h += #"<ul class="phase-counts">"#
            for p in d.byPhase {
                let phase = e(p.phase.rawValue)
                h += #"<li><a href="/exchanges?phase=\#(phase)"><span class="status status-\#(phase)">\#(e(p.words))</span> "#
                h += "\(p.count)</a></li>"
            }
            h += "</ul>"
            if !d.openExchanges.isEmpty {
                h += #"<ul class="cards">"#
                for x in d.openExchanges {
                    h += #"<li class="card"><h3><a href="/exchanges/\#(x.id.uuidString)">\#(e(x.title))</a></h3>"#
                    h += #"<p class="meta">\#(e(x.dates)) · <span class="status status-\#(e(x.phase.rawValue))">"#
                    h += "\(e(x.phaseWords))</span></p>"
                    if let next = x.next {
                        h += "<p>Next: \(e(next))"
                        if let by = x.by { h += ", by \(e(by))" }
                        if x.yourTurn { h += " <strong>(your turn)</strong>" }
                        h += "</p>"
                    }
                    h += "</li>"
                }
                h += "</ul>"
            }
        }
        h += #"<p><a href="/exchanges">All your exchanges</a> · <a href="/messages">Messages"#
        if unreadMessages > 0 { h += " (\(unreadMessages) unread)" }
        return h + "</a></p></section>\n"
    }

    private static func notifications(_ d: ParticipantDashboard) -> String {
        var h = #"<section aria-labelledby="news-title"><h2 id="news-title">What you were told</h2>"#
        if d.notifications.isEmpty {
            h += #"<p class="empty">Nothing new.</p>"#
        } else {
            h += "<ul>"
            for n in d.notifications { h += #"<li><a href="\#(e(n.link))">\#(e(n.text))</a></li>"# }
            h += "</ul>"
        }
        h += #"<p><a href="/notifications">All notifications</a></p>"#
        return h + "</section>\n"
    }
}
