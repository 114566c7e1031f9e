import Vapor

struct BodyLimitKey: Hashable, Sendable {}
