import Foundation
import ProgrammeRules
import Vapor

struct ConfigurationError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = "configuration: " + description }
}
