/// A map from 64-bit keys (two 32-bit numbers packed) to 32-bit values: open addressing
/// with a multiplicative hash. The per-row indexes (a registration's session and
/// participant, a participant's programme) use it instead of `Dictionary`, whose
/// SipHash the scale benchmark measured at a tenth of ingest + metrics.
struct IntMap: Sendable {
    private static let empty = UInt64.max
    private var keys: [UInt64]
    private var values: [Int32]
    private(set) var count = 0

    init(capacity: Int = 0) {
        var size = 16
        while size * 3 < capacity * 4 { size *= 2 }
        keys = Array(repeating: Self.empty, count: size)
        values = Array(repeating: 0, count: size)
    }

    @inline(__always) private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The slot holding `key`, or the empty slot it would take.
    @inline(__always) private func probe(_ key: UInt64) -> (slot: Int, found: Bool) {
        let mask = keys.count - 1
        var i = Self.slot(key, mask)
        while true {
            let k = keys[i]
            if k == key { return (i, true) }
            if k == Self.empty { return (i, false) }
            i = (i + 1) & mask
        }
    }

    /// The value for `key`, if any.
    subscript(key: UInt64) -> Int32? {
        let (slot, found) = probe(key)
        return found ? values[slot] : nil
    }

    /// The value for `key`, or `value` after storing it when `key` is new: one probe.
    mutating func valueOrInsert(_ key: UInt64, _ value: Int32) -> Int32 {
        let (slot, found) = probe(key)
        if found { return values[slot] }
        insert(key, value, at: slot)
        return value
    }

    /// Adds `key` when new (a set of keys): true when it was not there.
    mutating func insert(_ key: UInt64) -> Bool {
        let (slot, found) = probe(key)
        if !found { insert(key, 0, at: slot) }
        return !found
    }

    /// Sets the value for `key`.
    mutating func set(_ key: UInt64, _ value: Int32) {
        let (slot, found) = probe(key)
        if found { values[slot] = value } else { insert(key, value, at: slot) }
    }

    private mutating func insert(_ key: UInt64, _ value: Int32, at slot: Int) {
        keys[slot] = key
        values[slot] = value
        count += 1
        if count * 4 > keys.count * 3 { grow() }  // at most three quarters full
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: Self.empty, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        let mask = keys.count - 1
        for (k, v) in zip(oldKeys, oldValues) where k != Self.empty {
            var i = Self.slot(k, mask)
            while keys[i] != Self.empty { i = (i + 1) & mask }
            keys[i] = k
            values[i] = v
        }
    }
}
