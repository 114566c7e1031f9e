import Fluent
import NIOPosix
import Vapor

/// Everything a service needs to answer one request (or one command): who calls, the database,
/// the base of links, the matching index, the platform's clock. Services own every query and
/// every permission check; controllers build a context, call, and render
/// (docs/decisions/0015-one-boundary.md).
struct ServiceContext: Sendable {
    let caller: Caller?
    /// The session or token the caller came with.
    var credential: Credential? = nil
    let db: any Database
    /// "https://clusterxchange.example": the start of every link in an e-mail.
    let linkBase: String
    let matching: MatchingIndex
    let clock: PlatformClock
    let passwords: PasswordHashing
    let tokenCache: TokenCache
    let logger: Logger
    /// The client's network address, for throttling sign-in attempts.
    let clientAddress: String?
    /// Where long computations run (the optimiser), off the event loops.
    let threadPool: NIOThreadPool
    /// Where uploaded files' bytes live.
    var files: any FileStorage = LocalFileStorage(folder: URL(fileURLWithPath: "storage"))
    /// What this request already read (none for commands).
    var memo: RequestMemo? = nil
    /// What the instance keeps briefly (none for commands: they read afresh).
    var caches: InstanceCaches? = nil

    /// The caller, or 401.
    func signedIn() throws(AppError) -> Caller {
        guard let caller else { throw .unauthenticated }
        return caller
    }

    /// Who the caller is to exchanges (their organisations and partnerships), read once per request.
    func exchangeScope() async throws -> ExchangeScope {
        let caller = try signedIn()
        if let known = memo?.scope(of: caller) { return known }
        let scope = try await ExchangeScope.of(caller, on: db)
        memo?.keep(scope)
        return scope
    }

    /// Runs CPU-heavy work on the thread pool, not on an event loop or the cooperative pool.
    func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await threadPool.runIfActive(work)
    }

    /// The same context on another connection (a transaction).
    func on(_ db: any Database) -> ServiceContext {
        ServiceContext(
            caller: caller, credential: credential, db: db, linkBase: linkBase, matching: matching, clock: clock,
            passwords: passwords,
            tokenCache: tokenCache, logger: logger, clientAddress: clientAddress, threadPool: threadPool, files: files,
            memo: memo,
            caches: caches)
    }

    /// The same context with another clock (the demo writes its exchanges' past this way).
    func at(_ clock: PlatformClock) -> ServiceContext {
        ServiceContext(
            caller: caller, credential: credential, db: db, linkBase: linkBase, matching: matching, clock: clock,
            passwords: passwords, tokenCache: tokenCache, logger: logger, clientAddress: clientAddress, threadPool: threadPool,
            files: files)
    }

    /// The same context acting for another person (after sign-in, for commands).
    func acting(as caller: Caller?) -> ServiceContext {
        ServiceContext(
            caller: caller, credential: nil, db: db, linkBase: linkBase, matching: matching, clock: clock, passwords: passwords,
            tokenCache: tokenCache, logger: logger, clientAddress: clientAddress, threadPool: threadPool, files: files, memo: memo
        )
    }
}

extension Request {
    /// What this request reads once (`RequestMemo`).
    var memo: RequestMemo {
        if let known = storage[RequestMemoKey.self] { return known }
        let memo = RequestMemo()
        storage[RequestMemoKey.self] = memo
        return memo
    }

    /// The service context of this request.
    var context: ServiceContext {
        ServiceContext(
            caller: auth.get(User.self).flatMap(Caller.init), credential: storage[CredentialKey.self], db: database,
            linkBase: application.linkBase,
            matching: application.matching, clock: application.clock, passwords: application.passwordHashing,
            tokenCache: application.tokenCache, logger: logger, clientAddress: clientAddress,
            threadPool: application.threadPool, files: application.settings.files, memo: memo,
            caches: application.instanceCaches)
    }

    /// The address the request came from: the socket's peer, or behind a trusted proxy the last
    /// address that proxy appended to `X-Forwarded-For` (a client can forge every earlier one).
    var clientAddress: String? {
        if application.trustsForwardedFor,
            let forwarded = headers.first(name: "X-Forwarded-For")?.split(separator: ",").last?.trimmingCharacters(
                in: .whitespaces),
            !forwarded.isEmpty
        {
            return String(forwarded.prefix(64))
        }
        return remoteAddress?.ipAddress
    }
}

extension Application {
    /// A context for commands and background jobs: nobody signed in.
    var context: ServiceContext {
        ServiceContext(
            caller: nil, db: database, linkBase: linkBase, matching: matching, clock: clock, passwords: passwordHashing,
            tokenCache: tokenCache, logger: logger, clientAddress: nil, threadPool: threadPool, files: settings.files)
    }
}
