import Foundation
import NIOConcurrencyHelpers
import Vapor

struct SessionStateKey: StorageKey {
    typealias Value = SessionState
}
