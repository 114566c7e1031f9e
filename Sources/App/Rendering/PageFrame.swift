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
                    <li><a href="/catalogue">Catalogue</a></li>
                    <li><a href="/partnerships">Partnerships</a></li>
                    <li><a href="/news">News</a></li>
                    <li><a href="/events">Events</a></li>
                    <li><a href="/statistics">Statistics</a></li>

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

    /// The signed-in person's part of the menu, or the way to sign in.
    private static func menu(_ layout: Layout) -> String {
        guard let user = layout.user else {
            return """
                        <li><a href="/login">Sign in</a></li>
                        <li><a href="/register">Create an account</a></li>

                """
        }
        var html = """
                    <li><a href="/dashboard">\(user.isAdmin ? "Support office" : "Dashboard")</a></li>
                    <li><a href="/my">My organisations</a></li>
                    <li><a href="/exchanges">Exchanges</a></li>

            """
        if user.mayValidate {
            html += """
                        <li><a href="/validation">Validation queue</a></li><li><a href="/rounds">Matching rounds</a></li>\
                <li><a href="/moderation">To review</a></li>

                """
        }
        html += """
                    <li><a href="/messages">Messages\(badge(layout.unreadMessages))</a></li>
                    <li><a href="/notifications" class="bell">Notifications\(badge(layout.unreadNotifications))</a></li>
                    <li><a href="/following">Following</a></li>
                    <li><a href="/account">Account</a></li>
                    <li>
                      <form method="post" action="/logout" class="inline">
                        <input type="hidden" name="_csrf" value="\(HTML.escape(layout.csrf))">\
            <input type="hidden" name="_once" value="\(HTML.escape(layout.once))">
                        <button type="submit" class="link">Sign out \(HTML.escape(user.name))</button>
                      </form>
                    </li>

            """
        return html
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
