import Vapor

/// Three surfaces: the root (health, the API's document), the pages (browser sessions, form
/// tokens) and the JSON API (bearer tokens, no cookies). Every route states who may call it
/// (`Access`); each controller registers its resource on the surfaces it has.
func routes(_ app: Application, _ configuration: AppConfiguration) throws {
    let surfaces = Surfaces(
        root: app,
        pages: app.grouped(SessionMiddleware(secure: configuration.secureCookies)),
        api: app.grouped("api", "v1").grouped(BearerTokenAuthenticator()))
    let controllers: [any Controller] = [
        HealthController(), OpenAPIController(), HomeController(), JoinController(), SessionController(), AccountController(),
        PasswordResetController(), PersonalDataController(), CatalogueController(), OrganisationController(), MyController(),
        DashboardController(),
        RegistrationController(),
        ValidationController(), ListingController(), SuggestionController(), RoundController(), ExchangeController(),
        NotificationController(), MessageController(), CalendarController(), SettingsController(), SupportOfficeController(),
        MailroomController(), NewsController(), EventController(), PictureController(), ModerationController(),
        StatisticsController(),
        FollowController(),
        OutcomeController(), SupportImportController(),
    ]
    for controller in controllers { controller.boot(surfaces) }
}
