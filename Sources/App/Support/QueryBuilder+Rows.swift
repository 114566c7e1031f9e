import FluentKit
import NIOConcurrencyHelpers
import ProgrammeRules

extension QueryBuilder {
    /// The query's rows made into plain values, without building models: FluentKit builds each
    /// model by reflection (a Mirror over every property), which on a list page cost more than the
    /// query itself. `make` reads the columns it needs, each table's through `of(_:)`.
    func rows<T: Sendable>(_ make: @escaping @Sendable (any DatabaseOutput) throws -> T) async throws -> [T] {
        let collected = NIOLockedValueBox<[Result<T, any Error>]>([])
        // No model here is deleted softly (no `@Timestamp(on: .delete)`; `ModelShapeTests` checks),
        // so FluentKit's filter on the deletion time, found by reflecting over the model for every
        // query, is skipped.
        try await self.withDeleted().run { output in
            let row = Result { try make(output) }
            collected.withLockedValue { $0.append(row) }
        }
        return try collected.withLockedValue { $0 }.map { try $0.get() }
    }
}

extension DatabaseOutput {
    /// The columns of one model's table in a row (joined queries name them by table).
    func of<M: Model>(_ model: M.Type) -> any DatabaseOutput { qualifiedSchema(space: M.space, M.schema) }
}

extension OrganisationSummary {
    /// The columns a summary needs, for `QueryBuilder.field`.
    static func select(_ query: QueryBuilder<Organisation>) -> QueryBuilder<Organisation> {
        query.field(\.$key).field(\.$name).field(\.$kind).field(\.$country).field(\.$city)
    }

    /// The same columns of the organisation joined into a query of its offers or requests.
    static func select<M: Model>(joined query: QueryBuilder<M>) -> QueryBuilder<M> {
        query.field(Organisation.self, \.$key).field(Organisation.self, \.$name).field(Organisation.self, \.$kind)
            .field(Organisation.self, \.$country).field(Organisation.self, \.$city)
    }

    /// A summary from those columns.
    init(row output: any DatabaseOutput) throws {
        let row = output.of(Organisation.self)
        self.init(
            key: try row.decode("key", as: String.self), name: try row.decode("name", as: String.self),
            kind: try row.decode("kind", as: OrganisationKind.self), country: try row.decode("country", as: CountryCode.self),
            city: try row.decode("city", as: String.self))
    }
}
