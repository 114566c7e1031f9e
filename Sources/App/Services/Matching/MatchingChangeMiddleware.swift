import Fluent
import Vapor

extension Organisation: MatchingSubject { static var matchingEntity: MatchingChange.Entity { .organisation } }

extension Offer: MatchingSubject { static var matchingEntity: MatchingChange.Entity { .offer } }

extension VisitRequest: MatchingSubject { static var matchingEntity: MatchingChange.Entity { .request } }

/// Writes a change-log line in the same database (and transaction) as every save or delete of an
/// organisation, offer or request, so no path that changes them can forget the index. The local
/// index is told too, so the next suggestion in this instance reads its own writes.
struct MatchingChangeMiddleware<Subject: MatchingSubject>: AsyncModelMiddleware {
    let index: MatchingIndex

    func create(model: Subject, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.create(model, on: db)
        try await record(model, on: db)
    }

    func update(model: Subject, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.update(model, on: db)
        try await record(model, on: db)
    }

    func delete(model: Subject, force: Bool, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.delete(model, force: force, on: db)
        try await record(model, on: db)
    }

    private func record(_ model: Subject, on db: any Database) async throws {
        try await MatchingChange(entity: Subject.matchingEntity, key: model.key).create(on: db)
        index.markStale()
    }
}
