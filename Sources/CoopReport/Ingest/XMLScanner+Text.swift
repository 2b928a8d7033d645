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
}
