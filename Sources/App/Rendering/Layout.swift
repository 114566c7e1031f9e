import Vapor

/// What every page's frame shows: the title, who is signed in, the form token, a notice.
struct Layout: Encodable {
    let title: String
    let user: SignedInUser?
    /// The session's form token; empty on pages without forms for someone not signed in, so
    /// reading the catalogue never creates a session.
    let csrf: String
    /// A one-time notice after an action ("Saved.").
    let flash: String?
    /// A new token on every page, sent back by its forms as `_once` so that a form sent twice acts
    /// once (`SubmitOnceGuard`); empty for someone not signed in.
    var once = ""
    /// The bell: unread notifications, and conversations with unread messages.
    var unreadNotifications = 0
    var unreadMessages = 0
}

extension Request {
    /// The frame of a page. `forms`: the page has a form even for someone not signed in.
    func layout(_ title: String, forms: Bool = false) async -> Layout {
        let user = auth.get(User.self).map(SignedInUser.init)
        let session = browserSession
        let csrf = (user != nil || forms) ? (session?.csrfToken ?? "") : ""
        var layout = Layout(title: title, user: user, csrf: csrf, flash: session?.takeFlash())
        if user != nil {
            layout.once = SecretToken.generate()
            // The counts are a convenience: a page still renders if they cannot be read.
            if let counts = try? await context.bell.counts() {
                layout.unreadNotifications = counts.notifications
                layout.unreadMessages = counts.messages
            }
        }
        return layout
    }

    /// Renders `template` with the frame and the view model as `view`: the template is the page's
    /// own part, inside `<main>`; the frame around it is written in Swift (`PageFrame`).
    func page<View: Encodable>(
        _ template: String, title: String, _ view: View, status: HTTPResponseStatus = .ok, forms: Bool = false
    ) async throws -> Response {
        let page = Page(layout: await layout(title, forms: forms), view: view)
        return framed(try await self.view.render(template, page).data, in: page.layout, status: status)
    }

    /// A page's own part inside the frame written for `layout`.
    func framed(_ body: ByteBuffer, in layout: Layout, status: HTTPResponseStatus = .ok) -> Response {
        let top = PageFrame.top(layout)
        var buffer = ByteBufferAllocator().buffer(capacity: top.utf8.count + body.readableBytes + PageFrame.bottom.utf8.count)
        buffer.writeString(top)
        buffer.writeImmutableBuffer(body)
        buffer.writeString(PageFrame.bottom)
        return Response(
            status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: .init(buffer: buffer))
    }

    /// A redirect after an action, with its confirmation shown once on the next page.
    func redirect(to path: String, flash message: String) -> Response {
        flash(message)
        return redirect(to: path)
    }
}
