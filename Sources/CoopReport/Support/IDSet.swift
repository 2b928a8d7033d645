/// A set of pool ids (or any small non-negative integers) as bits: a person met again is
/// found by one bit test in an array a few hundred kilobytes long, where a hash set would
/// miss the cache on every row (distinct people per month, overall).
struct IDSet: Sendable {
    private var words: [UInt64]

    /// Room for ids `0..<capacity`.
    init(capacity: Int) { words = Array(repeating: 0, count: max(0, capacity + 63) / 64) }

    func contains(_ id: Int32) -> Bool {
        let w = Int(id) >> 6
        return id >= 0 && words.indices.contains(w) && words[w] & UInt64(1) << UInt64(id & 63) != 0
    }

    /// Adds `id`: true when it was not there yet.
    mutating func insert(_ id: Int32) -> Bool {
        let (w, bit) = (Int(id) >> 6, UInt64(1) << UInt64(id & 63))
        guard words.indices.contains(w) else { return false }
        if words[w] & bit != 0 { return false }
        words[w] |= bit
        return true
    }
}
