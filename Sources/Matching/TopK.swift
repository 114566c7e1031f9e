/// The best `capacity` items seen, in a min-heap on score: each insert is O(log k).
struct TopK<Item: Comparable> {
    struct Entry {
        let item: Item
        let score: Double
    }

    let capacity: Int
    private var heap: [Entry] = []

    init(capacity: Int) { self.capacity = capacity }

    var isFull: Bool { heap.count >= capacity }
    /// The k-th best score so far: a document must beat it to get in.
    var threshold: Double { heap.first?.score ?? -.infinity }

    /// "Worse" means a lower score, or the same score and a later item.
    private static func worse(_ a: Entry, _ b: Entry) -> Bool {
        a.score != b.score ? a.score < b.score : a.item > b.item
    }

    mutating func insert(_ item: Item, score: Double) {
        let entry = Entry(item: item, score: score)
        if heap.count < capacity {
            heap.append(entry)
            siftUp(heap.count - 1)
        } else if let root = heap.first, Self.worse(root, entry) {
            heap[0] = entry
            siftDown(0)
        }
    }

    func sorted() -> [Entry] { heap.sorted { Self.worse($1, $0) } }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.worse(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && Self.worse(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count && Self.worse(heap[right], heap[smallest]) { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
