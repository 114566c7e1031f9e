import Fluent

/// Every migration, in order. Shipped migrations are never edited: a change is a new migration.
enum Migrations {
    static let all: [any Migration] = [
        CreateUsers(),
        CreatePartnerships(),
        CreateOrganisations(),
        CreateOffersAndRequests(),
        CreateAuthentication(),
        CreateRegistrations(),
        CreatePasswordResets(),
        SessionRecord.migration,
        CreateMatchingChanges(),
        CreateMatchingRounds(),
        HardenTheWebLayer(),
        CreateExchanges(),
        CreateFormSubmissions(),
        CreatePublications(),
        CreateFollows(),
        CreateExchangeOutcomes(),
        IndexListingsByOwner(),
        StampEveryChange(),
        ResistAbuse(),
        KeepMailReadable(),
        ChangeAddressByLink(),
        RecordHostEvaluation(),
        AttendEvents(),
        ShowPictures(),
    ]
}
