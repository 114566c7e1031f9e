import Foundation
import Vapor

struct CredentialKey: StorageKey {
    typealias Value = Credential
}
