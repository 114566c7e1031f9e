import Fluent
import Vapor

/// What the catalogue lists beside organisations: hosting offers and visiting requests. Both
/// belong to an organisation and carry a title, purposes, topics and languages, so one query
/// serves both (`Catalogue.listings`).
protocol CatalogueListing: Model, TopicAndLanguageColumns, PurposeColumn where IDValue == UUID {
    associatedtype View: Content & Sendable
    /// "offer" or "request", for messages.
    static var noun: String { get }
    static var ownerID: KeyPath<Self, FieldProperty<Self, UUID>> { get }
    static var owner: KeyPath<Self, ParentProperty<Self, Organisation>> { get }
    static var keyField: KeyPath<Self, FieldProperty<Self, String>> { get }
    static var titleField: KeyPath<Self, FieldProperty<Self, String>> { get }
    static var createdField: KeyPath<Self, TimestampProperty<Self, DefaultTimestampFormat>> { get }
    static var purposesField: KeyPath<Self, FieldProperty<Self, String>> { get }
    static var languagesField: KeyPath<Self, FieldProperty<Self, String>> { get }
    static var searchField: KeyPath<Self, FieldProperty<Self, String>> { get }
    var key: String { get }
    /// The view from a row of the listing joined with its organisation, without building models.
    @Sendable static func view(row: any DatabaseOutput) throws -> View
    /// Narrows a query of listings joined with their organisation to the columns `view(row:)` reads.
    static func selectView(_ query: QueryBuilder<Self>) -> QueryBuilder<Self>
    static func key(of view: View) -> String
    /// The listing's page: its view and its owner's columns, in one prepared query (`ListingPageQuery`).
    static func page(_ key: String, on db: any Database) async throws -> ListingPageRow<View>?
}

extension Offer: CatalogueListing {
    static var noun: String { "offer" }
    static var ownerID: KeyPath<Offer, FieldProperty<Offer, UUID>> { \.$host.$id }
    static var owner: KeyPath<Offer, ParentProperty<Offer, Organisation>> { \.$host }
    static var keyField: KeyPath<Offer, FieldProperty<Offer, String>> { \.$key }
    static var titleField: KeyPath<Offer, FieldProperty<Offer, String>> { \.$title }
    static var createdField: KeyPath<Offer, TimestampProperty<Offer, DefaultTimestampFormat>> { \.$createdAt }
    static var purposesField: KeyPath<Offer, FieldProperty<Offer, String>> { \.$purposeList }
    static var languagesField: KeyPath<Offer, FieldProperty<Offer, String>> { \.$languageList }
    static var searchField: KeyPath<Offer, FieldProperty<Offer, String>> { \.$searchText }
    static func view(row: any DatabaseOutput) throws -> OfferDTO { try OfferDTO(row: row) }
    static func selectView(_ query: QueryBuilder<Offer>) -> QueryBuilder<Offer> { OfferDTO.select(query) }
    static func key(of view: OfferDTO) -> String { view.key }
    static func page(_ key: String, on db: any Database) async throws -> ListingPageRow<OfferDTO>? {
        try await OfferPageQuery(key: key).first(on: db)?.page
    }
}

extension VisitRequest: CatalogueListing {
    static var noun: String { "request" }
    static var ownerID: KeyPath<VisitRequest, FieldProperty<VisitRequest, UUID>> { \.$visitor.$id }
    static var owner: KeyPath<VisitRequest, ParentProperty<VisitRequest, Organisation>> { \.$visitor }
    static var keyField: KeyPath<VisitRequest, FieldProperty<VisitRequest, String>> { \.$key }
    static var titleField: KeyPath<VisitRequest, FieldProperty<VisitRequest, String>> { \.$title }
    static var createdField: KeyPath<VisitRequest, TimestampProperty<VisitRequest, DefaultTimestampFormat>> {
        \.$createdAt
    }
    static var purposesField: KeyPath<VisitRequest, FieldProperty<VisitRequest, String>> { \.$purposeList }
    static var languagesField: KeyPath<VisitRequest, FieldProperty<VisitRequest, String>> { \.$languageList }
    static var searchField: KeyPath<VisitRequest, FieldProperty<VisitRequest, String>> { \.$searchText }
    static func view(row: any DatabaseOutput) throws -> RequestDTO { try RequestDTO(row: row) }
    static func selectView(_ query: QueryBuilder<VisitRequest>) -> QueryBuilder<VisitRequest> { RequestDTO.select(query) }
    static func key(of view: RequestDTO) -> String { view.key }
    static func page(_ key: String, on db: any Database) async throws -> ListingPageRow<RequestDTO>? {
        try await RequestPageQuery(key: key).first(on: db)?.page
    }
}
