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
    func decode(_ bytes: ArraySlice<UInt8>) -> String {
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

    static func windows1252Scalar(_ b: UInt8) -> Unicode.Scalar {
        if (0x80...0x9F).contains(b), let s = Unicode.Scalar(high[Int(b) - 0x80]) { return s }
        return Unicode.Scalar(b)
    }
}
