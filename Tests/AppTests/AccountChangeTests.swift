import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// A person changes their own name, password and e-mail address from the account page.
@Suite struct AccountChangeTests {
    func link(_ mails: [MailMessage], to address: String, _ path: String) throws -> String {
        let body = try #require(mails.first { $0.to == address }?.body)
        let link = try #require(body.components(separatedBy: .whitespacesAndNewlines).first { $0.contains("\(path)?token=") })
        return try #require(link.components(separatedBy: "token=").last)
    }

    @Test func theNameChangesAndABlankOneIsRefusedBesideTheField() async throws {
        try await withApp { app in
            try await makeUser(app, "ana@example.eu")
            let ana = try await TestBrowser.signedIn(app, "ana@example.eu")
            let saved = try await ana.post("/account/name", form: ["name": "Ana Kowalska"])
            #expect(saved.status == .seeOther)
            let page = try await ana.get("/account").body.string
            #expect(page.contains("Your name is now Ana Kowalska."))
            #expect(page.contains("<dd>Ana Kowalska</dd>"))
            let blank = try await ana.post("/account/name", form: ["name": "  "])
            #expect(blank.status == .unprocessableEntity)
            #expect(blank.body.string.contains(#"<p class="field-error" id="name-error">is required</p>"#))
        }
    }

    @Test func aNewPasswordNeedsTheCurrentOneAndSignsOutTheRest() async throws {
        try await withApp { app in
            try await makeUser(app, "ana@example.eu")
            let here = try await TestBrowser.signedIn(app, "ana@example.eu")
            let elsewhere = try await TestBrowser.signedIn(app, "ana@example.eu")
            let wrong = try await here.post(
                "/account/password", form: ["password": "not-my-password", "newPassword": "a-new-long-password"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("your current password is not this one"))
            let short = try await here.post("/account/password", form: ["password": "a-long-password", "newPassword": "short"])
            #expect(short.body.string.contains(#"id="new-password-error">must be at least 12 characters"#))
            let changed = try await here.post(
                "/account/password", form: ["password": "a-long-password", "newPassword": "a-new-long-password"])
            #expect(changed.status == .seeOther)
            #expect(try await here.get("/account").status == .ok, "this browser stays signed in")
            #expect(try await elsewhere.get("/account").status == .seeOther, "the other browser is signed out")
            let mails = try await deliverMail(app)
            #expect(mails.contains { $0.to == "ana@example.eu" && $0.subject == "Your ClusterXchange password was changed" })
            let again = TestBrowser(app)
            try await again.get("/login")
            let signedIn = try await again.post("/login", form: ["email": "ana@example.eu", "password": "a-new-long-password"])
            #expect(signedIn.headers.first(name: .location) == "/dashboard")
        }
    }

    @Test func aNewAddressTakesEffectByTheLinkSentToItAndTheOldOneIsTold() async throws {
        try await withApp { app in
            try await makeUser(app, "ana@example.eu")
            try await makeUser(app, "taken@example.eu")
            let ana = try await TestBrowser.signedIn(app, "ana@example.eu")
            let wrong = try await ana.post("/account/email", form: ["email": "ana@new.example", "password": "nope-nope-nope"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains(#"id="email-password-error">your current password is not this one"#))
            #expect(wrong.body.string.contains(#"value="ana@new.example""#), "what was typed stays")
            let asked = try await ana.post("/account/email", form: ["email": "Ana@New.example", "password": "a-long-password"])
            #expect(asked.status == .seeOther)
            #expect(try await ana.get("/account").body.string.contains("We sent a link to ana@new.example."))
            #expect(try await User.find(email: "ana@example.eu", on: app.db) != nil, "nothing changes before the link")
            // An address with an account is told so, at that address; the page says the same as ever.
            _ = try await ana.post("/account/email", form: ["email": "taken@example.eu", "password": "a-long-password"])
            let mails = try await deliverMail(app)
            #expect(mails.contains { $0.to == "taken@example.eu" && $0.body.contains("has an account already") })
            let token = try link(mails, to: "ana@new.example", "/account/email/confirm")

            // Followed in a browser that is not signed in: the token proves the address.
            let stranger = TestBrowser(app)
            #expect(try await stranger.get("/account/email/confirm?token=\(token)").body.string.contains("Use this address"))
            let confirmed = try await stranger.post("/account/email/confirm", form: ["token": token])
            #expect(confirmed.status == .seeOther)
            #expect(try await User.find(email: "ana@new.example", on: app.db) != nil)
            #expect(try await User.find(email: "ana@example.eu", on: app.db) == nil)
            let told = try await deliverMail(app)
            #expect(told.contains { $0.to == "ana@example.eu" && $0.subject == "Your ClusterXchange address was changed" })
            #expect(try await stranger.post("/account/email/confirm", form: ["token": token]).status == .gone)
        }
    }

    @Test func theAccountPageExplainsAPITokensAndShowsANewCalendarLinkOnceToCopy() async throws {
        try await withApp { app in
            try await makeUser(app, "ana@example.eu")
            let ana = try await TestBrowser.signedIn(app, "ana@example.eu")
            let page = try await ana.get("/account").body.string
            #expect(page.contains("you need none to use these pages"))
            let made = try await ana.post("/account/calendar", form: [:])
            #expect(made.status == .ok)
            #expect(made.body.string.contains(#"<input id="calendar-link" class="copy-source" readonly value="http"#))
            #expect(made.body.string.contains("Copy the link"))
            #expect(!(try await ana.get("/account").body.string.contains("calendar-link\"")), "shown once")
        }
    }

    @Test(arguments: [
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 "
                + "Edg/120.0",
            "Edge on Windows"
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Safari/604.1",
            "Safari on iPhone"
        ),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", "Firefox on Linux"),
        ("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36", "Chrome on Android"),
        ("curl/8.5.0", "curl"),
    ])
    func browsersAreNamedAsPeopleKnowThem(agent: String, name: String) {
        #expect(BrowserName.of(userAgent: agent) == name)
        #expect(BrowserName.of(userAgent: nil) == "an unknown browser")
    }
}
