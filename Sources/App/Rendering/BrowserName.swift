/// "Chrome on Linux" for a browser's User-Agent text: what a person recognises in the list of
/// places they are signed in. Unknown agents are named as sent, shortened.
enum BrowserName {
    static func of(userAgent: String?) -> String {
        guard let agent = userAgent, !agent.isEmpty else { return "an unknown browser" }
        // Order matters: Edge and Opera say "Chrome", Chrome says "Safari".
        let browsers: [(String, String)] = [
            ("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("HeadlessChrome/", "Chrome (headless)"),
            ("Chrome/", "Chrome"), ("Safari/", "Safari"), ("curl/", "curl"),
        ]
        let systems: [(String, String)] = [
            ("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"), ("Mac OS X", "macOS"),
            ("Linux", "Linux"),
        ]
        guard let browser = browsers.first(where: { agent.contains($0.0) })?.1 else { return String(agent.prefix(60)) }
        guard let system = systems.first(where: { agent.contains($0.0) })?.1 else { return browser }
        return "\(browser) on \(system)"
    }
}
