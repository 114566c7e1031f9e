import Vapor

extension Request {
    /// A signed-in page whose own part depends only on the database, the caller's session and the
    /// address, remembered while none of them moves (`RememberedPages`, decision 0030). `read`
    /// checks what the caller may see and reads the page; it runs only when the page is not
    /// remembered, which is safe because any change to what it checked moves the data stamp.
    /// A page read by a session with a notice to show, or whose own part carries this request's
    /// form token, is shown but not kept; so is any page when `remember` is false.
    func rememberedPage<View: Encodable>(
        if remember: Bool = true, _ read: () async throws -> (template: String, title: String, view: View)
    ) async throws -> Response {
        guard remember, case .session(let session)? = storage[CredentialKey.self], let stamp = memo.stamp else {
            let page = try await read()
            return try await self.page(page.template, title: page.title, page.view)
        }
        let pages = application.instanceCaches.pages
        let key = RememberedPages.Key(session: session, address: url.string)
        let version = RememberedPages.Version(
            stamp: stamp, generation: try await matching.generation(on: database), day: application.clock.today)
        if let known = pages.page(key, at: version) {
            return framed(known.body, in: await layout(known.title))
        }
        let page = try await read()
        let layout = await layout(page.title)
        let body = try await view.render(page.template, Page(layout: layout, view: page.view)).data
        if RememberedPages.mayKeep(body, once: layout.once, flash: layout.flash) {
            pages.keep(.init(title: page.title, body: body), for: key, at: version)
        }
        return framed(body, in: layout)
    }
}
