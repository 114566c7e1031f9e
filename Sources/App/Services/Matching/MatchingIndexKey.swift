import Fluent
import Matching
import NIOConcurrencyHelpers
import ProgrammeRules
import Vapor

struct MatchingIndexKey: StorageKey {
    typealias Value = MatchingIndex
}
