import Vapor

struct MailTransportKey: StorageKey {
    typealias Value = any MailTransport
}
