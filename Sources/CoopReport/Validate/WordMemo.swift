/// Remembers how each distinct text of a column was read (`inscrit` → registered, `4` →
/// 4, `Très satisfait` → 5, or unreadable): the parser runs once per distinct text, the
/// rows after that cost one lookup on their bytes. Bounded: past `limit` distinct texts
/// (a column of free text by mistake) new ones are parsed each time, not stored.
struct WordMemo<Value> {
    private var texts = TextPool()
    private var values: [Value?] = [nil]
    private static var limit: Int { 4096 }

    /// The distinct texts met so far (all of them unless more than `limit` were: then nil),
    /// for checking that a job's value map matches what the file holds.
    var seen: [String]? {
        guard texts.count < Self.limit else { return nil }
        return (1..<texts.count).map { texts.string(Int32($0)) }
    }

    /// What one memo would have seen of the texts `first` saw, then of those `later` saw:
    /// the memos of the two halves of a file read on two cores, as if one had read it. Texts
    /// are told apart by their bytes, as the memo does.
    static func seen(_ first: [String]?, then later: [String]?) -> [String]? {
        guard let first, let later else { return nil }
        var known = Set(first.map { Array($0.utf8) })
        var all = first
        for text in later where known.insert(Array(text.utf8)).inserted { all.append(text) }
        return all.count + 1 < limit ? all : nil  // the memo counts the empty text among its `limit`
    }

    /// The value read from `bytes`, parsing their text the first time they are met.
    mutating func value(_ bytes: UnsafeBufferPointer<UInt8>, parse: (String) -> Value?) -> Value? {
        if let id = texts.lookup(bytes) { return values[Int(id)] }
        let value = parse(String(decoding: bytes, as: UTF8.self))
        if texts.count < Self.limit {
            _ = texts.intern(bytes)
            values.append(value)
        }
        return value
    }
}
