import Fluent
import Vapor

/// Joining organisations through the API.
struct MembershipAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.post("organisations", ":key", "join", use: join)
        signedIn.get("organisations", ":key", "members", use: members)
        signedIn.post("organisations", ":key", "members", ":userID", "approve", use: approve)
    }

    struct JoinAnswer: Content { let status: String }

    @Sendable func join(req: Request) async throws -> Response {
        try await Memberships.requestToJoin(try req.parameters.require("key"), by: try req.auth.require(User.self), on: req.db, linkBase: req.application.linkBase)
        return try await JoinAnswer(status: Membership.Status.requested.rawValue).encodeResponse(status: .accepted, for: req)
    }

    @Sendable func members(req: Request) async throws -> [Memberships.Member] {
        let organisation = try await Memberships.administered(try req.parameters.require("key"), by: try req.auth.require(User.self), on: req.db)
        return try await Memberships.members(of: organisation, on: req.db)
    }

    @Sendable func approve(req: Request) async throws -> HTTPStatus {
        guard let memberID = req.parameters.get("userID", as: UUID.self) else {
            throw Abort(.notFound, reason: "This person did not ask to join.", identifier: "not-found")
        }
        try await Memberships.approve(try req.parameters.require("key"), member: memberID, by: try req.auth.require(User.self), on: req.db, linkBase: req.application.linkBase)
        return .noContent
    }
}

/// Joining organisations in the browser; requests are approved from "My organisations".
struct MembershipPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.access(.signedIn)
        signedIn.post("organisations", ":key", "join", use: join)
        signedIn.post("organisations", ":key", "members", ":userID", "approve", use: approve)
    }

    @Sendable func join(req: Request) async throws -> Response {
        try await Memberships.requestToJoin(try req.parameters.require("key"), by: try req.auth.require(User.self), on: req.db, linkBase: req.application.linkBase)
        return req.redirect(to: "/my")
    }

    @Sendable func approve(req: Request) async throws -> Response {
        guard let memberID = req.parameters.get("userID", as: UUID.self) else {
            throw Abort(.notFound, reason: "This person did not ask to join.", identifier: "not-found")
        }
        try await Memberships.approve(try req.parameters.require("key"), member: memberID, by: try req.auth.require(User.self), on: req.db, linkBase: req.application.linkBase)
        return req.redirect(to: "/my")
    }
}
