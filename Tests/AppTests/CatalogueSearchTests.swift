import Foundation
import Matching
import Testing
import Vapor
import VaporTesting

@testable import App

/// The catalogue's search forgives: plurals and other forms of a word, one typo, and on no result
/// it offers a spelling and the tabs where the same search finds something.
@Suite struct CatalogueSearchTests {
    func total(_ app: Application, _ path: String) async throws -> Int {
        let response = try await app.testing().sendRequest(.GET, path)
        #expect(response.status == .ok, "\(path): \(response.body.string)")
        return try response.content.decode(ListPage<OfferDTO>.self).total
    }

    @Test func formsOfAWordAndOneTypoFindTheSameOffers() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            #expect(try await total(app, "/api/v1/offers?q=laser") == 1)
            #expect(try await total(app, "/api/v1/offers?q=lasers") == 1)
            #expect(try await total(app, "/api/v1/offers?q=LÁSERES") == 1)
            #expect(try await total(app, "/api/v1/offers?q=lazer") == 1)
            #expect(try await total(app, "/api/v1/offers?q=lasre%20processing") == 1)
            // Stop words alone search for nothing: the whole list, in its usual order.
            #expect(try await total(app, "/api/v1/offers?q=the%20of") == 2)
            // Two typos in one word are not guessed silently.
            #expect(try await total(app, "/api/v1/offers?q=lazzer") == 0)
        }
    }

    @Test func thePageSaysWhatItSearchedAndOffersASpellingOnNoResult() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            let corrected = try await app.testing().sendRequest(.GET, "/catalogue?tab=offers&q=lazer").body.string
            #expect(corrected.contains("No result for “lazer”: showing results for <strong>laser</strong>."))
            #expect(corrected.contains("A week of laser processing"))
            #expect(corrected.contains("5 January – 18 December 2027"), "the card's dates in words")

            let none = try await app.testing().sendRequest(.GET, "/catalogue?tab=offers&q=lazzer").body.string
            #expect(none.contains("<strong>0</strong> found"))
            #expect(none.contains(#"Did you mean <a href="/catalogue?tab=offers&amp;q=laser&amp;page=1">laser</a>?"#))

            // Organisations' names are not in offers: the page points to the tab that has them.
            let elsewhere = try await app.testing().sendRequest(.GET, "/catalogue?tab=offers&q=centre").body.string
            #expect(
                elsewhere.contains(
                    #"finds <a href="/catalogue?tab=organisations&amp;q=centre&amp;page=1">1 organisation</a>.</p>"#))

            // The search is kept when the tab changes.
            #expect(corrected.contains(#"href="/catalogue?tab=requests&amp;q=lazer&amp;page=1""#))
        }
    }

    @Test func filtersTakeNamesAndCodesAlikeAndSayWhatToDoOtherwise() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            #expect(try await total(app, "/api/v1/offers?country=Germany") == 1)
            #expect(try await total(app, "/api/v1/offers?country=de") == 1)
            #expect(try await total(app, "/api/v1/offers?sector=c26") == 2)
            #expect(try await total(app, "/api/v1/offers?language=English") == 2)
            let page = try await app.testing().sendRequest(.GET, "/catalogue?tab=offers&country=Atlantis")
            #expect(page.status == .badRequest)
            #expect(page.body.string.contains("choose a participating country by its name or two-letter code"))
            #expect(!page.body.string.contains("ISO 3166"))
            // The sector is chosen by name.
            let form = try await app.testing().sendRequest(.GET, "/catalogue").body.string
            #expect(form.contains(#"<option value="C26">C26 Computer, electronic and optical products</option>"#))
        }
    }

    @Test func aShortWordIsAWholeWordAndACityFindsItsOffers() async throws {
        try await withApp { app in
            _ = try await ExchangeScene.make(app)
            // "AI" is no word of either offer ("maintain", "chain" would have held it before).
            #expect(try await total(app, "/api/v1/offers?q=AI") == 0)
            // The hosts' cities, as stored and folded, though no offer's text names them.
            #expect(try await total(app, "/api/v1/offers?q=M%C3%BCnchen") == 1)
            #expect(try await total(app, "/api/v1/offers?q=munchen%20laser") == 1)
            #expect(try await total(app, "/api/v1/offers?q=munchen%20green") == 0)
            // A word matches from the start of a word: "ocessing" is inside "processing" only.
            #expect(try await total(app, "/api/v1/offers?q=ocessing") == 0)
        }
    }

    @Test func theProgrammesTopicsAreFoundByEveryNamePeopleUse() async throws {
        try await withApp { app in
            _ = try await SeedDemoCommand.seed(app.context)
            func offers(_ q: String) async throws -> ListPage<OfferDTO> {
                let query = q.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? q
                let response = try await app.testing().sendRequest(.GET, "/api/v1/offers?q=\(query)&per=100")
                #expect(response.status == .ok, "\(q): \(response.body.string)")
                return try response.content.decode(ListPage<OfferDTO>.self)
            }
            for (names, concept) in [
                (["AI", "machine learning", "KI", "intelligence artificielle"], "artificial intelligence"),
                (["Wasserstoff", "hydrogène", "H2"], "hydrogen"), (["3D printing", "3D-Druck"], "additive manufacturing"),
                (["photonique", "fotonica", "Photonik"], "photonics"),
            ] {
                let expected = try await offers(concept)
                #expect(expected.total > 0, "the demo has \(concept) offers")
                let phrases = try #require(Thesaurus.programme.synonyms(of: concept))
                for offer in expected.items {
                    let text = SearchText.fold([offer.title, offer.description] + offer.topics)
                    #expect(
                        phrases.contains { text.contains(CatalogueSearch.pattern($0)) },
                        "\(offer.title) holds a name of \(concept)")
                }
                for name in names {
                    let found = try await offers(name)
                    #expect(Set(found.items.map(\.key)) == Set(expected.items.map(\.key)), "\(name) finds the \(concept) offers")
                }
            }
        }
    }
}
