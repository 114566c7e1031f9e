import Fluent
import Vapor

/// A record the matching index holds, named in the change log by its key.
protocol MatchingSubject: Model {
    static var matchingEntity: MatchingChange.Entity { get }
    var key: String { get }
}
