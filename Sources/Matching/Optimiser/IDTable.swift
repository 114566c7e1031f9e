import Foundation

/// Ids to their index, compared and hashed by their UTF-8 bytes (the same exact-scalar reading
/// as the file reader). Open addressing with FNV-1a: several times faster than a
/// `Dictionary<String, Int32>` for the two look-ups each candidate needs.
struct IDTable {
    private var slots: [Int32]
    private var ids: [String]
    private let mask: Int

    init(expected: Int) {
        var size = 16
        while size < expected * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        ids = []
        ids.reserveCapacity(expected)
        mask = size - 1
    }

    /// Adds the id with the next index, or returns the index it already has.
    mutating func insert(_ id: String, _ index: Int32) -> Int32? {
        var slot = Self.hash(id) & mask
        while slots[slot] >= 0 {
            if Self.same(ids[Int(slots[slot])], id) { return slots[slot] }
            slot = (slot + 1) & mask
        }
        precondition(Int(index) == ids.count, "ids are added in index order")
        slots[slot] = index
        ids.append(id)
        return nil
    }

    func find(_ id: String) -> Int32? {
        var slot = Self.hash(id) & mask
        while slots[slot] >= 0 {
            if Self.same(ids[Int(slots[slot])], id) { return slots[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private static func same(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { a in
            b.utf8.withContiguousStorageIfAvailable { b in
                guard a.count == b.count, let first = a.baseAddress, let second = b.baseAddress else { return a.count == b.count }
                return memcmp(first, second, a.count) == 0
            }
        }
        return (fast ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }

    private static func hash(_ id: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let done: Void? = id.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        if done == nil {
            for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        return Int(truncatingIfNeeded: ((hash ^ (hash >> 29)) &* 0x9E37_79B9_7F4A_7C15) >> 32)
    }
}
