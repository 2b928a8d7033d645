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
