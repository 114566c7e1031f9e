import Foundation
import Testing

@testable import App

@Suite struct ChangeCursorTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func idsInOrderLeaveNoHoles() {
        var cursor = ChangeCursor()
        #expect(cursor.absorb([1, 2, 3], now: start))
        #expect(cursor.last == 3 && cursor.pendingHoles.isEmpty)
    }

    @Test func aLateCommitFillsItsHole() {
        var cursor = ChangeCursor()
        // Transaction A took id 2 but commits after B, which took 3.
        #expect(cursor.absorb([1, 3], now: start))
        #expect(cursor.last == 3 && cursor.pendingHoles == [2])
        #expect(cursor.absorb([2, 4], now: start.addingTimeInterval(1)))
        #expect(cursor.last == 4 && cursor.pendingHoles.isEmpty)
    }

    @Test func aHoleThatNeverFillsIsDroppedAfterTheGrace() {
        var cursor = ChangeCursor(grace: 60)
        #expect(cursor.absorb([5], now: start))
        #expect(cursor.pendingHoles == [1, 2, 3, 4])
        #expect(cursor.absorb([], now: start.addingTimeInterval(61)))
        #expect(cursor.pendingHoles.isEmpty)
    }

    @Test func tooManyHolesCallForARebuild() {
        var cursor = ChangeCursor()
        #expect(!cursor.absorb([ChangeCursor.holeLimit + 10], now: start))
        cursor.reset(to: 5_000)
        #expect(cursor.last == 5_000 && cursor.pendingHoles.isEmpty)
    }
}
