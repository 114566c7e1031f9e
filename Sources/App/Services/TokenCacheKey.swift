import Foundation
import NIOConcurrencyHelpers
import Vapor

struct TokenCacheKey: StorageKey {
    typealias Value = TokenCache
}
