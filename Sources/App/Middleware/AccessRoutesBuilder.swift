import Vapor

/// A routes builder that stamps the policy on each route it adds (see `Access`).
struct AccessRoutesBuilder: RoutesBuilder {
    let root: any RoutesBuilder
    let access: Access

    func add(_ route: Route) {
        route.userInfo[AnySendableHashable(AccessKey())] = access
        root.add(route)
    }
}
