/// Remembers how each distinct text of a column was read (`inscrit` → registered, `4` →
/// 4, `Très satisfait` → 5, or unreadable): the parser runs once per distinct text, the
/// rows after that cost one lookup on their bytes. Bounded: past `limit` distinct texts
/// (a column of free text by mistake) new ones are parsed each time, not stored.
struct WordMemo<Value> {
    private var texts = TextPool()
    private var values: [Value?] = [nil]
    private let limit = 4096

    /// The distinct texts met so far (all of them unless more than `limit` were: then nil),
    /// for checking that a job's value map matches what the file holds.
    var seen: [String]? {
        guard texts.count < limit else { return nil }
        return (1..<texts.count).map { texts.string(Int32($0)) }
    }

    /// The value read from `bytes`, parsing their text the first time they are met.
    mutating func value(_ bytes: UnsafeBufferPointer<UInt8>, parse: (String) -> Value?) -> Value? {
        if let id = texts.lookup(bytes) { return values[Int(id)] }
        let value = parse(String(decoding: bytes, as: UTF8.self))
        if texts.count < limit {
            _ = texts.intern(bytes)
            values.append(value)
        }
        return value
    }
}
