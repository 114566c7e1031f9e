extension Array where Element == InvertedIndex.Posting {
    /// The position of `document` in a list sorted by document number.
    func binarySearch(_ document: Int32, from start: Int = 0) -> Int? {
        var low = start
        var high = count - 1
        while low <= high {
            let middle = (low + high) / 2
            let value = self[middle].document
            if value == document { return middle }
            if value < document { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }
}
