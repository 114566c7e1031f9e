import Foundation
import Testing

@testable import App

@Suite struct ChangeCursorTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func idsInOrderLeaveNoHoles() {
        var cursor = ChangeCursor()
        let absorbed1 = cursor.absorb([1, 2, 3], now: start)
        #expect(absorbed1)
        #expect(cursor.last == 3 && cursor.pendingHoles.isEmpty)
    }

    @Test func aLateCommitFillsItsHole() {
        var cursor = ChangeCursor()
        // Transaction A took id 2 but commits after B, which took 3.
        let absorbed2 = cursor.absorb([1, 3], now: start)
        #expect(absorbed2)
        #expect(cursor.last == 3 && cursor.pendingHoles == [2])
        let absorbed3 = cursor.absorb([2, 4], now: start.addingTimeInterval(1))
        #expect(absorbed3)
        #expect(cursor.last == 4 && cursor.pendingHoles.isEmpty)
    }

    @Test func aHoleThatNeverFillsIsDroppedAfterTheGrace() {
        var cursor = ChangeCursor(grace: 60)
        let absorbed4 = cursor.absorb([5], now: start)
        #expect(absorbed4)
        #expect(cursor.pendingHoles == [1, 2, 3, 4])
        let absorbed5 = cursor.absorb([], now: start.addingTimeInterval(61))
        #expect(absorbed5)
        #expect(cursor.pendingHoles.isEmpty)
    }

    @Test func tooManyHolesCallForARebuild() {
        var cursor = ChangeCursor()
        let absorbed6 = cursor.absorb([ChangeCursor.holeLimit + 10], now: start)
        #expect(!absorbed6)
        cursor.reset(to: 5_000)
        #expect(cursor.last == 5_000 && cursor.pendingHoles.isEmpty)
    }
}
