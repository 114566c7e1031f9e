import Vapor

/// The three surfaces routes live on: the root (no session: health, the API's document), the
/// pages (browser sessions and form tokens) and the JSON API under `/api/v1` (bearer tokens).
struct Surfaces {
    let root: any RoutesBuilder
    let pages: any RoutesBuilder
    let api: any RoutesBuilder
}
