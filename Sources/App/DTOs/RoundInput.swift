import Vapor

/// Which round to run: one partnership's, or (the support office only) every partnership's.
struct RoundInput: Content {
    var partnership: String?
}
