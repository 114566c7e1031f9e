/// Every page's frame (head, header with the menu, footer) written in Swift around the page's own
/// template: it is the same on every page, and Leaf's interpreter took longer to fill it than the
/// rest of a small page (decision 0029). Every text is escaped.
enum PageFrame {
    /// From `<!doctype html>` to the opening of `<main>`, with the one-time notice.
    static func top(_ layout: Layout) -> String {
        var html = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>\(HTML.escape(layout.title)) · ClusterXchange</title>
              <link rel="icon" href="/favicon.ico" sizes="32x32">
              <link rel="icon" href="/favicon.svg" type="image/svg+xml">
              <link rel="stylesheet" href="/css/site.css">
            </head>
            <body>
              <a class="skip" href="#main">Skip to content</a>
              <header class="site-header">
                <a class="brand" href="/"><img src="/img/logo.svg" alt="" width="32" height="32"> ClusterXchange</a>
                <nav aria-label="Main">
                  <ul>

            """
        html += menu(layout)
        html += """
                  </ul>
                </nav>
              </header>
              <main id="main">

            """
        if let flash = layout.flash {
            html += "    <p class=\"notice flash\" role=\"status\">\(HTML.escape(flash))</p>\n"
        }
        return html
    }

    /// The menu, grouped by task so it stays one short row: the pages everyone reads under
    /// "Explore", a person's own work under "Your work", a coordinator's under "Partnership", and
    /// the account under the person's name. Groups open without script (`<details>`).
    private static func menu(_ layout: Layout) -> String {
        let explore = group(
            "Explore", className: "explore",
            [
                ("/catalogue", "Catalogue"), ("/partnerships", "Partnerships"), ("/news", "News"), ("/events", "Events"),
                ("/statistics", "Statistics"), ("/join", "How to take part"),
            ])
        guard let user = layout.user else {
            return """
                        <li><a href="/catalogue">Catalogue</a></li>
                        <li><a href="/join">How to take part</a></li>
                        \(explore)
                        <li><a href="/login">Sign in</a></li>
                        <li><a href="/register">Create an account</a></li>

                """
        }
        var html = """
                    <li><a href="/dashboard">\(user.isAdmin ? "Support office" : "Dashboard")</a></li>
                    <li><a href="/catalogue">Catalogue</a></li>
                    \(explore)

            """
        html += group(
            "Your work", className: "work",
            [
                ("/my", "My organisations"), ("/exchanges", "Exchanges"),
                ("/messages", "Messages\(badge(layout.unreadMessages))"),
                ("/notifications", "Notifications\(badge(layout.unreadNotifications))"), ("/following", "Following"),
            ], badge: badge(layout.unreadMessages + layout.unreadNotifications))
        if user.mayValidate {
            html += group(
                "Partnership", className: "partnership",
                [("/validation", "Validation queue"), ("/rounds", "Matching rounds"), ("/moderation", "To review")])
        }
        html += """
                    <li>
                      <details class="menu-group account">
                        <summary>\(HTML.escape(user.name))</summary>
                        <ul>
                          <li><a href="/account">Account</a></li>
                          <li>
                            <form method="post" action="/logout" class="inline">
                              <input type="hidden" name="_csrf" value="\(HTML.escape(layout.csrf))">\
            <input type="hidden" name="_once" value="\(HTML.escape(layout.once))">
                              <button type="submit" class="link">Sign out \(HTML.escape(user.name))</button>
                            </form>
                          </li>
                        </ul>
                      </details>
                    </li>

            """
        return html
    }

    /// One group of the menu; `links` are (path, label already escaped or fixed text).
    private static func group(_ title: String, className: String, _ links: [(String, String)], badge: String = "") -> String {
        var html = "<li><details class=\"menu-group \(className)\"><summary>\(title)\(badge)</summary><ul>"
        for (path, label) in links {
            // The notifications link is the bell the pages and tests know.
            let bell = path == "/notifications" ? " class=\"bell\"" : ""
            html += "<li><a href=\"\(path)\"\(bell)>\(label)</a></li>"
        }
        return html + "</ul></details></li>\n"
    }

    /// " 3" in a badge that reads "3 unread"; nothing for none.
    private static func badge(_ count: Int) -> String {
        count > 0 ? " <span class=\"badge\" aria-label=\"\(count) unread\">\(count)</span>" : ""
    }

    /// From the closing of `<main>` to the end.
    static let bottom = """
          </main>
          <footer class="site-footer">
            <p>Short transnational exchanges between Europe's industrial clusters. City data from GeoNames (CC BY 4.0).</p>
          </footer>
        </body>
        </html>

        """
}
