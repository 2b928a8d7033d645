import Foundation

/// Every distinct text of the inputs held once, as UTF-8 bytes, and named by a small
/// integer: a million rows naming the same people, cooperatives and roles keep 4-byte ids.
/// Texts are found by their bytes (an open-addressing table with its own hash), so the
/// per-row path never makes a `String`: Swift hashes a `String` through its normalised
/// form, which the scale benchmark measured as the largest single cost of ingest.
///
/// Texts are compared byte for byte (after the file's encoding is converted to UTF-8):
/// `Amélie` typed with a combining accent is another text (docs/decisions.md).
/// Id 0 is the empty text. Texts come from `RecordFields` (which repairs malformed UTF-8)
/// or from `String`s, so the pool holds well-formed UTF-8 only.
public struct TextPool: Sendable {
    /// The texts' bytes, each followed by a NUL (so a C function can read one in place).
    private var arena: [UInt8] = [0]
    /// Where each text starts in `arena`, and its length.
    private var starts: [Int32] = [0]
    private var lengths: [Int32] = [0]
    /// Open addressing: the text's hash in the high half, id + 1 in the low half, 0 for an
    /// empty slot (the hash is compared before the bytes are). A power of two long.
    private var slots: [UInt64] = Array(repeating: 0, count: 1024)

    public init() {}

    /// How many texts are held (the empty text included).
    public var count: Int { starts.count }

    /// The id of `bytes`, adding them when new.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        if bytes.isEmpty { return 0 }
        if slots.isEmpty { rebuildSlots() }
        let hash = Self.hash(bytes)
        let (slot, found) = probe(bytes, hash)
        if let found { return found }
        let id = Int32(starts.count)
        starts.append(Int32(arena.count))
        lengths.append(Int32(bytes.count))
        arena.append(contentsOf: bytes)
        arena.append(0)
        slots[slot] = UInt64(hash) << 32 | UInt64(id + 1)
        if starts.count * 2 > slots.count { grow() }
        return id
    }

    /// Where `bytes` sit in the table (their id), or the empty slot they would take.
    @inline(__always) private func probe(_ bytes: UnsafeBufferPointer<UInt8>, _ hash: UInt32) -> (slot: Int, id: Int32?) {
        var slot = Int(hash) & (slots.count - 1)
        while true {
            let entry = slots[slot]
            if entry == 0 { return (slot, nil) }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let id = Int(UInt32(truncatingIfNeeded: entry)) - 1
                if equals(id, bytes) { return (slot, Int32(id)) }
            }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// Gives back the room kept for growth and the lookup table, once every text is in:
    /// the dataset reads texts by id. A later `intern` rebuilds the table; a later
    /// `lookup` searches the texts one by one.
    mutating func shrink() {
        slots = []
        func exact<T>(_ a: [T]) -> [T] {
            var out: [T] = []
            out.reserveCapacity(a.count)
            out.append(contentsOf: a)
            return out
        }
        arena = exact(arena)
        starts = exact(starts)
        lengths = exact(lengths)
    }

    /// The id of a text, adding it when new.
    public mutating func intern(_ text: String) -> Int32 {
        var copy = text
        return copy.withUTF8 { intern($0) }
    }

    /// The id here of each text of `other`, by its id there: the texts new here are added
    /// in `other`'s order, so that they get the ids they would have had if they had been
    /// interned here after this pool's own (`DatasetBuilder.append`).
    mutating func intern(allOf other: TextPool) -> [Int32] {
        var ids = [Int32](repeating: 0, count: other.count)
        for id in 1..<other.count { ids[id] = other.withBytes(Int32(id)) { intern($0) } }
        return ids
    }

    /// The id of a text already held, or nil.
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        if bytes.isEmpty { return 0 }
        if slots.isEmpty { return (1..<starts.count).first { equals($0, bytes) }.map { Int32($0) } }
        return probe(bytes, Self.hash(bytes)).id
    }

    /// The id of a text already held, or nil.
    public func lookup(_ text: String) -> Int32? {
        var copy = text
        return copy.withUTF8 { lookup($0) }
    }

    /// The text with this id.
    public func string(_ id: Int32) -> String {
        if id == 0 { return "" }
        return withBytes(id) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the text's bytes, NUL-terminated just past the end.
    func withBytes<R>(_ id: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = Int(starts[Int(id)])
        let length = Int(lengths[Int(id)])
        return try arena.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[start..<(start + length)]))
        }
    }

    private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard Int(lengths[id]) == bytes.count, let base = bytes.baseAddress else { return false }
        let start = Int(starts[id])
        return arena.withUnsafeBufferPointer { all in
            guard let here = all.baseAddress else { return false }
            return memcmp(here + start, base, bytes.count) == 0
        }
    }

    private mutating func rebuildSlots() {
        var size = 1024
        while size < starts.count * 2 { size *= 2 }
        slots = Array(repeating: 0, count: size)
        for id in 1..<starts.count {
            let hash = withBytes(Int32(id)) { Self.hash($0) }
            var slot = Int(hash) & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = UInt64(hash) << 32 | UInt64(id + 1)
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry != 0 {
            var slot = Int(entry >> 32) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }

    /// FNV-1a over the bytes, eight at a time: fast for the short texts of these exports.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = 0
        let n = bytes.count
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return 0 }
        while i + 8 <= n {
            h = (h ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01b3
            h ^= h >> 29
            i += 8
        }
        while i < n {
            h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01b3
            i += 1
        }
        h ^= h >> 32
        h = h &* 0x9E37_79B9_7F4A_7C15
        return UInt32(truncatingIfNeeded: h >> 32)
    }
}
