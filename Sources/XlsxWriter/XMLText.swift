/// Text made safe for the workbook's XML, wherever it comes from (inputs, the job, the
/// catalogue). libxlsxwriter escapes `<` and `&`, but a NUL ends a C string, control
/// characters are not XML 1.0 (and reach chart caches and document properties raw),
/// `_x0041_` would be read back by Excel as « A », and U+FFFE and U+FFFF are not XML.
public enum XMLText {
    /// NUL, U+FFFE and U+FFFF become U+FFFD; the other control characters but tab and line
    /// breaks are left out; a literal `_xHHHH_` keeps its underscore (written `_x005F_`,
    /// as the format asks).
    public static func clean(_ text: String) -> String {
        guard text.utf8.withContiguousStorageIfAvailable(anyMayNeedWork) ?? text.utf8.contains(where: mayNeedWork) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (i, s) in scalars.enumerated() {
            switch s.value {
            case 0, 0xFFFE, 0xFFFF: out.append("\u{FFFD}")
            case 0x09, 0x0A, 0x0D: out.append(s)
            case 0x01..<0x20, 0x7F: continue
            case 0x5F where isEscapeLike(scalars, at: i): out.append(contentsOf: "_x005F_".unicodeScalars)
            default: out.append(s)
            }
        }
        return String(out)
    }

    /// A byte that may need a change: a control character, 0xEF (U+FFFE/U+FFFF start so)
    /// or `_`.
    @inline(__always) public static func mayNeedWork(_ b: UInt8) -> Bool {
        (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) || b == 0x7F || b == 0xEF || b == 0x5F
    }

    /// Whether any of the bytes may need a change (`mayNeedWork`). Every text of the
    /// workbook passes here; at a million registrations the byte-by-byte pass was a fifth
    /// of the time spent writing the Alertes list (BENCHMARKS.md), so it looks at eight
    /// bytes at a time and byte by byte only in a word that holds a candidate.
    public static func anyMayNeedWork(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // Some byte of `word` is below `n` (n ≤ 128): nonzero exactly when one is.
        @inline(__always) func below(_ word: UInt64, _ n: UInt64) -> Bool { (word &- ones &* n) & ~word & highs != 0 }
        @inline(__always) func holds(_ word: UInt64, _ byte: UInt64) -> Bool { below(word ^ (ones &* byte), 1) }
        var i = 0
        while i + 8 <= bytes.count {
            let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if below(word, 0x20) || holds(word, 0x7F) || holds(word, 0xEF) || holds(word, 0x5F) {
                for j in i..<(i + 8) where mayNeedWork(bytes[j]) { return true }
            }
            i += 8
        }
        for j in i..<bytes.count where mayNeedWork(bytes[j]) { return true }
        return false
    }

    /// `_xHHHH_` starting at `i`.
    private static func isEscapeLike(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + 6 < s.count, s[i + 1] == "x", s[i + 6] == "_" else { return false }
        return s[(i + 2)...(i + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    /// `text` cut to at most `limit` characters (code points, as libxlsxwriter and Excel
    /// count them), its end replaced by « … » when cut.
    public static func clipped(_ text: String, to limit: Int) -> String {
        guard text.utf8.count > limit, text.unicodeScalars.count > limit, limit > 0 else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit - 1))) + "…"
    }

    /// `text` clipped to `limit`, made unique among `used` ignoring case (Excel's rule for
    /// table columns and document properties): a name met before gets « (2) », « (3) »…
    public static func unique(_ text: String, limit: Int, in used: inout Set<String>) -> String {
        var name = clipped(text, to: limit)
        var n = 2
        while !used.insert(name.lowercased()).inserted {
            let suffix = " (\(n))"
            name = clipped(text, to: limit - suffix.count) + suffix
            n += 1
        }
        return name
    }
}
