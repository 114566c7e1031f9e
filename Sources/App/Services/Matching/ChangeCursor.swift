import Foundation

/// Where a follower stands in the change log. Ids come from a database sequence, but a
/// transaction that took an id early may commit after one that took a later id; so the cursor
/// remembers the ids it skipped and asks for them again until they appear or a grace period ends
/// (a rolled-back transaction leaves a hole that never fills).
struct ChangeCursor: Sendable, Equatable {
    private(set) var last: Int
    private(set) var holes: [Int: Date] = [:]
    let grace: TimeInterval
    /// More holes than this at once means the follower should rebuild rather than track them.
    static let holeLimit = 1_000

    init(last: Int = 0, grace: TimeInterval = 600) {
        self.last = last
        self.grace = grace
    }

    /// The ids below `last` worth asking for again.
    var pendingHoles: [Int] { holes.keys.sorted() }

    /// Takes in the ids just read (those after `last` and any holes that filled); returns false
    /// when too many holes opened to track, and the follower should rebuild.
    mutating func absorb(_ ids: [Int], now: Date = Date()) -> Bool {
        for id in ids.sorted() {
            if id > last {
                if id > last + 1 {
                    guard id - last - 1 + holes.count <= Self.holeLimit else { return false }
                    for missing in (last + 1)..<id { holes[missing] = now }
                }
                last = id
            } else {
                holes[id] = nil
            }
        }
        holes = holes.filter { now.timeIntervalSince($0.value) < grace }
        return true
    }

    /// After a rebuild: everything up to `id` is in the index.
    mutating func reset(to id: Int) {
        last = id
        holes = [:]
    }
}
