public enum EditDistance {
    /// The optimal string alignment distance between `a` and `b` (Levenshtein, plus two
    /// neighbouring letters swapped as one edit), or nil when it exceeds `bound`. Only the
    /// diagonal band of width 2 x bound + 1 is computed, and the computation stops at the first
    /// row whose band holds nothing within `bound`: far names cost a few rows. `rows` is scratch
    /// space of at least 3 x (b.count + 2) integers.
    static func bounded(
        _ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, bound: Int, rows: UnsafeMutableBufferPointer<Int>
    ) -> Int? {
        let (n, m) = (a.count, b.count)
        guard abs(n - m) <= bound else { return nil }
        let width = m + 1
        let beyond = bound + 1
        // Three rows (i - 2, i - 1, i) of the (n + 1) x (m + 1) table, taking turns.
        var (before, previous, current) = (0, width, 2 * width)
        for j in 0...m { rows[previous + j] = j <= bound ? j : beyond }
        guard n > 0 else { return m <= bound ? m : nil }
        for i in 1...n {
            let low = max(1, i - bound)
            let high = min(m, i + bound)
            rows[current] = i <= bound ? i : beyond
            if low > 1 { rows[current + low - 1] = beyond }
            var rowMinimum = low == 1 ? rows[current] : beyond
            if low <= high {
                for j in low...high {
                    let same = a[i - 1] == b[j - 1]
                    var value = min(rows[previous + j - 1] + (same ? 0 : 1), rows[previous + j] + 1, rows[current + j - 1] + 1)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                        value = min(value, rows[before + j - 2] + 1)
                    }
                    value = min(value, beyond)
                    rows[current + j] = value
                    rowMinimum = min(rowMinimum, value)
                }
            }
            if high < m { rows[current + high + 1] = beyond }
            if rowMinimum > bound { return nil }
            (before, previous, current) = (previous, current, before)
        }
        let distance = rows[previous + m]
        return distance <= bound ? distance : nil
    }
}

extension EditDistance {
    /// The distance between two texts' bytes when it is at most `bound` (a swap of two neighbouring
    /// letters counts as one edit), else nil. For short words: spelling suggestions.
    public static func within(_ a: String, _ b: String, bound: Int) -> Int? {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (y.count + 2)) { rows in
                    bounded(x, y, bound: bound, rows: rows)
                }
            }
        }
    }
}
