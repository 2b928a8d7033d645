/// Finds the likeliest intended name for a misspelt one (edit distance on `TextKey`s).
enum Nearest {
    /// The candidate closest to `name`, if within a third of its length (at least 2 edits).
    static func match(_ name: String, in candidates: [String]) -> String? {
        let key = Array(TextKey.of(name))
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(key, Array(TextKey.of(candidate)))
            if let current = best, current.1 <= d { continue }
            best = (candidate, d)
        }
        guard let (found, d) = best, d <= max(2, key.count / 3) else { return nil }
        return found
    }

    /// The header likeliest to be meant: the closest to one of `names` by edit distance;
    /// else one that contains one of them (« Code participant » for `participant`); else
    /// one sharing a long start with one of them (« Organisation » for « Organisme »).
    static func header(for names: [String], in headers: [String]) -> String? {
        for name in names { if let hit = match(name, in: headers) { return hit } }
        let keys = names.map(TextKey.of).filter { $0.count >= 4 }
        if let hit = headers.first(where: { h in
            let key = TextKey.of(h)
            return keys.contains { key.contains($0) || (key.count >= 4 && $0.contains(key)) }
        }) {
            return hit
        }
        return headers.first { h in
            let key = TextKey.of(h)
            return keys.contains { k in
                let shared = zip(k, key).prefix { $0 == $1 }.count
                return shared >= max(4, min(k.count, key.count) / 2 + 1)
            }
        }
    }

    /// Levenshtein distance.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// `Nearest.header` remembered per list and text: a file whose 5,000 rows name the same
/// unknown code among a thousand computes the suggestion once, not on every rejected row.
/// Bounded: past `limit` distinct texts, new ones are computed each time.
struct NearestMemo {
    private var found: [String: String?] = [:]
    private let limit = 4096

    /// The candidate of `candidates()` nearest to `text`; `list` names the list (a
    /// programme's sessions, the programmes) so that two lists do not share answers.
    mutating func header(for text: String, list: String, in candidates: () -> [String]) -> String? {
        let key = list + "\u{0}" + text
        if let hit = found[key] { return hit }
        let near = Nearest.header(for: [text], in: candidates())
        if found.count < limit { found[key] = near }
        return near
    }
}
