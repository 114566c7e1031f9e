import Vapor

/// A catalogue list page and what the search did to find it: the API answers the page; the pages
/// also say "showing results for …" after a typo, or offer "did you mean …" on no result.
struct CatalogueAnswer<Item: Content>: Sendable where Item: Sendable {
    let page: ListPage<Item>
    /// The words searched instead of those typed, when a typo was corrected.
    var searchedFor: String? = nil
    /// A spelling to try, when nothing was found.
    var didYouMean: String? = nil
}
