/// Whether bytes are well-formed UTF-8, checked without making a String: exports said
/// to be UTF-8 (a BOM, a job's `encoding:`, or a file whose first accents were valid) can
/// still hold stray bytes, and those must not reach the workbook's XML.
enum UTF8Check {
    static func isWellFormed(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var i = bytes.startIndex
        let end = bytes.endIndex
        // Eight ASCII bytes at a time first: most fields are plain ASCII.
        if let base = UnsafeRawPointer(bytes.base.baseAddress) {
            while i + 8 <= end, base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
        }
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xED:
                length = 3
                high = 0x9F
            case 0xE1...0xEF: length = 3
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF4:
                length = 4
                high = 0x8F
            case 0xF1...0xF3: length = 4
            default: return false
            }
            guard end - i >= length, bytes[i + 1] >= low, bytes[i + 1] <= high else { return false }
            for k in 2..<max(2, length) where bytes[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }

    static func isWellFormed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { isWellFormed(bytes[...]) }
}
