import Fluent
import Vapor

/// Three surfaces: the health check, the pages (sessions, form tokens) and the JSON API (bearer
/// tokens, no cookies). Every route states who may call it (`Access`).
func routes(_ app: Application, _ configuration: AppConfiguration) throws {
    try app.register(collection: HealthController())
    try app.register(collection: OpenAPIController())

    let pages = app.grouped(app.sessions.middleware, User.sessionAuthenticator(), CSRFMiddleware(secureCookies: configuration.secureCookies))
    try pages.register(collection: HomeController())
    try pages.register(collection: SessionController())
    try pages.register(collection: CataloguePageController())
    try pages.register(collection: RegistrationPageController())
    try pages.register(collection: ValidationPageController())
    try pages.register(collection: PasswordResetPageController())
    try pages.register(collection: MembershipPageController())
    try pages.register(collection: ListingPageController())
    try pages.register(collection: SuggestionPageController())
    try pages.register(collection: RoundPageController())

    let api = app.grouped("api", "v1").grouped(BearerTokenAuthenticator())
    try api.register(collection: AuthAPIController())
    try api.register(collection: CatalogueAPIController())
    try api.register(collection: RegistrationAPIController())
    try api.register(collection: PasswordResetAPIController())
    try api.register(collection: MembershipAPIController())
    try api.register(collection: ListingAPIController())
    try api.register(collection: SuggestionAPIController())
    try api.register(collection: RoundAPIController())
}
