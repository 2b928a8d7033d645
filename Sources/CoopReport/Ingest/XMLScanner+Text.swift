/// Text as XML means it: references replaced by their character, line breaks (CR LF, a
/// lone CR) read as LF, and in an attribute's value tabs and line breaks as spaces — what
/// `XMLParser` (libxml2) handed over. The scanner has checked the references already.
extension XMLScanner {
    /// Appends the text of a `.text` token's bytes.
    @inline(__always) static func appendText(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, plain: Bool, to out: inout [UInt8]
    ) {
        if plain {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
        } else {
            decode(bytes, range, references: true, attribute: false, to: &out)
        }
    }

    /// Appends the text of a `.cdata` token's bytes: no reference there.
    static func appendLiteral(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, to out: inout [UInt8]) {
        decode(bytes, range, references: false, attribute: false, to: &out)
    }

    /// Appends an attribute's value.
    static func appendValue(_ bytes: UnsafeBufferPointer<UInt8>, _ attribute: Attribute, to out: inout [UInt8]) {
        if attribute.plain {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[attribute.value]))
        } else {
            decode(bytes, attribute.value, references: true, attribute: true, to: &out)
        }
    }

    private static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, references: Bool, attribute: Bool, to out: inout [UInt8]
    ) {
        let lf = UInt8(ascii: "\n")
        let cr = UInt8(ascii: "\r")
        var i = range.lowerBound
        while i < range.upperBound {
            let b = bytes[i]
            if b == cr {
                // CR LF and a lone CR are one line break.
                out.append(attribute ? 0x20 : lf)
                i += i + 1 < range.upperBound && bytes[i + 1] == lf ? 2 : 1
            } else if attribute && (b == lf || b == 0x09) {
                out.append(0x20)
                i += 1
            } else if references && b == UInt8(ascii: "&") {
                var j = i + 1
                while j < range.upperBound && bytes[j] != UInt8(ascii: ";") { j += 1 }
                // Checked by the scanner: a reference the scanner let through is valid.
                appendUTF8(decodeReference(bytes, (i + 1)..<j) ?? 0xFFFD, to: &out)
                i = j + 1
            } else {
                out.append(b)
                i += 1
            }
        }
    }

    /// Appends the UTF-8 bytes of the scalar `v` (a valid one: `isXMLChar`).
    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800: out += [UInt8(0xC0 | v >> 6), UInt8(0x80 | v & 0x3F)]
        case 0x800..<0x10000: out += [UInt8(0xE0 | v >> 12), UInt8(0x80 | v >> 6 & 0x3F), UInt8(0x80 | v & 0x3F)]
        default: out += [UInt8(0xF0 | v >> 18 & 0x07), UInt8(0x80 | v >> 12 & 0x3F), UInt8(0x80 | v >> 6 & 0x3F), UInt8(0x80 | v & 0x3F)]
        }
    }

    /// The length of the reference at `i` (`&amp;`, `&#233;`, `&#xE9;`), semicolon
    /// included; 0 when it is not one of those or names a character XML does not allow;
    /// nil when the buffer ends before its semicolon.
    static func reference(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let end = bytes.count
        var j = i + 1
        while j < end && j - i <= 32 && bytes[j] != UInt8(ascii: ";") { j += 1 }
        guard j < end else { return nil }
        guard j - i <= 32 else { return 0 }
        guard bytes[j] == UInt8(ascii: ";") else { return 0 }
        return decodeReference(bytes, (i + 1)..<j) == nil ? 0 : j - i + 1
    }

    /// The character a reference's body (between `&` and `;`) stands for.
    @inline(__always) static func decodeReference(_ bytes: UnsafeBufferPointer<UInt8>, _ body: Range<Int>) -> UInt32? {
        guard !body.isEmpty else { return nil }
        let first = bytes[body.lowerBound]
        if first == UInt8(ascii: "#") {
            var value: UInt32 = 0
            var digits = 0
            var j = body.lowerBound + 1
            let hex = j < body.upperBound && bytes[j] == UInt8(ascii: "x")
            if hex { j += 1 }
            while j < body.upperBound {
                let b = bytes[j]
                let digit: UInt32
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: digit = UInt32(b - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: digit = UInt32(b - UInt8(ascii: "A") + 10)
                default: return nil
                }
                value = value * (hex ? 16 : 10) + digit
                guard value <= 0x10FFFF else { return nil }
                digits += 1
                j += 1
            }
            guard digits > 0, isXMLChar(value) else { return nil }
            return value
        }
        switch body.count {
        case 2 where bytes[body.lowerBound + 1] == UInt8(ascii: "t"):
            if first == UInt8(ascii: "l") { return 0x3C }
            if first == UInt8(ascii: "g") { return 0x3E }
            return nil
        case 3 where hasPrefix("amp", bytes, at: body.lowerBound): return 0x26
        case 4 where hasPrefix("quot", bytes, at: body.lowerBound): return 0x22
        case 4 where hasPrefix("apos", bytes, at: body.lowerBound): return 0x27
        default: return nil
        }
    }

    /// XML 1.0's `Char`: tab, line feed, carriage return, and the scalars from space on,
    /// without the surrogates and U+FFFE, U+FFFF.
    static func isXMLChar(_ v: UInt32) -> Bool {
        v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || (0x10000...0x10FFFF).contains(v)
    }

    static func badReference(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> String {
        let shown = String(decoding: bytes[i..<min(bytes.count, i + 12)], as: UTF8.self)
        return
            "référence « \(shown.prefix { $0 != ";" && $0 != "<" })… » inconnue ou invalide (seules &amp; &lt; &gt; &quot; &apos; et &#…; sont admises)"
    }

    static func hex(_ v: UInt32) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
