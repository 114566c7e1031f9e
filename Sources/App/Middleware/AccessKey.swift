import Vapor

struct AccessKey: Hashable, Sendable {}
