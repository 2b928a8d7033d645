extension String {
    /// Without leading and trailing spaces and tabs; `self` (no copy) when there are none —
    /// the common case, on the per-row path where Foundation's trimming is too slow.
    var trimmedSpaces: String {
        guard let first = utf8.first, let last = utf8.last,
            first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
        else { return self }
        return String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
