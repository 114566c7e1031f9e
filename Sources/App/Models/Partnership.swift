import Fluent
import Vapor

/// An ESCP-4x partnership: it validates its members' profiles, signs, and pays lump sums from its budget.
final class Partnership: Model, @unchecked Sendable {
    static let schema = "partnerships"

    // Identity
    @ID(key: .id) var id: UUID?
    /// The caller's stable identifier (import key, URL slug).
    @Field(key: "key") var key: String

    // Data
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "sectors") var sectorList: String
    @Field(key: "countries") var countryList: String
    @Field(key: "budget_cents") var budgetCents: Int
    @Field(key: "target_exchanges") var targetExchanges: Int

    // Timestamps
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(
        id: UUID? = nil, key: String, name: String, description: String = "", sectors: [String], countries: [String],
        budgetCents: Int, targetExchanges: Int
    ) {
        self.id = id
        self.key = key
        self.name = name
        self.description = description
        self.sectorList = StringList.encode(sectors)
        self.countryList = StringList.encode(countries)
        self.budgetCents = budgetCents
        self.targetExchanges = targetExchanges
    }

    var sectors: [String] {
        get { StringList.decode(sectorList) }
        set { sectorList = StringList.encode(newValue) }
    }

    var countries: [String] {
        get { StringList.decode(countryList) }
        set { countryList = StringList.encode(newValue) }
    }
}
