/// How a file's bytes become text: UTF-8 (with or without BOM) when they are valid UTF-8,
/// else Windows-1252, the encoding French Excel uses for "CSV (séparateur: point-virgule)".
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case windows1252 = "Windows-1252"

    /// Picks UTF-8 when every byte sequence is valid UTF-8, else Windows-1252.
    static func detect(_ bytes: ArraySlice<UInt8>) -> TextEncoding {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return .utf8
            case .error: return .windows1252
            }
        }
    }

    /// Decodes bytes known to be in this encoding. Invalid UTF-8 becomes U+FFFD.
    func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        switch self {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .windows1252:
            var scalars = String.UnicodeScalarView()
            for b in bytes { scalars.append(TextEncoding.windows1252Scalar(b)) }
            return String(scalars)
        }
    }

    /// The 0x80–0x9F block of Windows-1252; the rest maps to the same code point.
    private static let high: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    /// The UTF-8 bytes of 0x80–0xFF in Windows-1252, made once.
    static let windows1252UTF8: [[UInt8]] = (0x80...0xFF).map { Array(String(windows1252Scalar(UInt8($0))).utf8) }

    static func windows1252Scalar(_ b: UInt8) -> Unicode.Scalar {
        if (0x80...0x9F).contains(b), let s = Unicode.Scalar(high[Int(b) - 0x80]) { return s }
        return Unicode.Scalar(b)
    }
}

extension TextEncoding {
    /// The encoding of a whole input, from the first stretch of it that is not ASCII:
    /// UTF-8 when that stretch (up to a chunk) is valid UTF-8, else Windows-1252. Reads on
    /// from what `reader` holds (the header's chunk, usually enough) only as far as that
    /// stretch.
    static func detect(reading reader: ChunkReader) throws -> TextEncoding {
        while true {
            let chunk = reader.valid
            if let first = chunk.firstIndex(where: { $0 >= 0x80 }) {
                // A sequence cut by the end of the chunk is not held against UTF-8.
                var end = chunk.endIndex
                if !reader.atEnd {
                    while end > first && end > chunk.endIndex - 3 && chunk[end - 1] & 0xC0 == 0x80 { end -= 1 }
                    if end > first && chunk[end - 1] >= 0xC0 { end -= 1 }
                }
                if end > first { return detect(chunk[first..<end]) }
                // Only a cut sequence so far: read on from it.
                try reader.fill(keepingFrom: first)
                continue
            }
            if reader.atEnd { return .utf8 }
            try reader.fill(keepingFrom: chunk.count)
        }
    }
}
