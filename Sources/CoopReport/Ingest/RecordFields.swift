import Foundation

/// One record's fields by canonical column, as UTF-8 bytes, trimmed: what validators
/// read. It points into memory that only lives during the call that hands it over
/// (`RecordLoader.load`, `with(values:)`): it is made inside that call and never kept.
/// Usually the bytes are the reading buffer itself; a record with doubled quotes,
/// Windows-1252 accents or malformed UTF-8 is first copied out, unescaped, converted or
/// repaired.
struct RecordFields {
    /// 1-based line where the record starts.
    let line: Int
    /// A structural problem of the record (unterminated quote, too many fields).
    let problem: String?
    private let base: UnsafeBufferPointer<UInt8>
    private let ranges: [Range<Int>]
    /// The record as it stands in the buffer, for rejects.
    private let recordBytes: UnsafeBufferPointer<UInt8>
    private let encoding: TextEncoding
    private let separator: UInt8
    private let personal: Set<Int>
    /// The record's quotes cannot be trusted (a stray or unclosed quote): its raw text is
    /// split on the separator alone for masking.
    private let quotesBroken: Bool

    fileprivate init(
        line: Int, problem: String?, base: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>], recordBytes: UnsafeBufferPointer<UInt8>,
        encoding: TextEncoding, separator: UInt8, personal: Set<Int>, quotesBroken: Bool = false
    ) {
        self.quotesBroken = quotesBroken
        self.line = line
        self.problem = problem
        self.base = base
        self.ranges = ranges
        self.recordBytes = recordBytes
        self.encoding = encoding
        self.separator = separator
        self.personal = personal
    }

    /// Calls `body` with fields holding `values` (trimmed like a file's), for callers that
    /// have the texts already (tests, tools).
    static func with<R>(values: [String], line: Int, _ body: (RecordFields) -> R) -> R {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for v in values {
            let start = bytes.count
            bytes += Array(v.utf8)
            ranges.append(start..<bytes.count)
        }
        return bytes.withUnsafeBufferPointer { b in
            let trimmed = ranges.map { CSVTable.trimmed($0, in: b) }
            return body(
                RecordFields(
                    line: line, problem: nil, base: b, ranges: trimmed, recordBytes: b, encoding: .utf8, separator: 0x3B, personal: []))
        }
    }

    /// How many canonical columns.
    var count: Int { ranges.count }

    /// Whether column `i` is empty (or absent from the file).
    @inline(__always) func isEmpty(_ i: Int) -> Bool { ranges[i].isEmpty }

    /// The bytes of column `i`.
    @inline(__always) func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: base[ranges[i]]) }

    /// The bytes of the column at `position`, empty when the file lacks it (position −1).
    @inline(__always) func bytes(at position: Int) -> UnsafeBufferPointer<UInt8> {
        position >= 0 ? bytes(position) : UnsafeBufferPointer(start: nil, count: 0)
    }

    /// Whether the column at `position` holds something (false when the file lacks it).
    @inline(__always) func isFilled(at position: Int) -> Bool { position >= 0 && !isEmpty(position) }

    /// The text of column `i`.
    func text(_ i: Int) -> String { String(decoding: bytes(i), as: UTF8.self) }

    /// Whether column `i` is exactly these ASCII bytes.
    @inline(__always) func equals(_ i: Int, _ word: StaticString) -> Bool {
        let range = ranges[i]
        guard range.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<range.count where base[range.lowerBound + k] != w[k] { return false }
        return true
    }

    /// The record as it stands in the file.
    var raw: String { encoding.decode(recordBytes[...]) }

    /// The record with names and e-mail replaced by `[masqué]`, for the workbook:
    /// reports never show them (the full row stays in rejects.csv for the data team).
    var redactedRaw: String {
        guard !personal.isEmpty else { return raw }
        if quotesBroken {
            // A quote that opens a field and never closes would hide the names after it in
            // one field: here every separator splits, quotes or not.
            let parts = raw.split(separator: Character(UnicodeScalar(separator)), omittingEmptySubsequences: false)
            return parts.enumerated().map { personal.contains($0.offset) && !$0.element.isEmpty ? "[masqué]" : String($0.element) }
                .joined(separator: String(UnicodeScalar(separator)))
        }
        var scanner = CSVScanner(separator: separator, start: 0)
        var record = CSVScanner.Record()
        guard scanner.next(in: recordBytes, final: true, into: &record) == .record else { return raw }
        let fields = record.fields.enumerated().map { i, f -> String in
            if personal.contains(i) && !f.range.isEmpty { return "[masqué]" }
            return CSVTable.trimmedText(of: f, in: recordBytes, encoding: encoding)
        }
        return fields.joined(separator: String(UnicodeScalar(separator)))
    }
}

/// Turns records into `RecordFields`, one at a time, reusing its buffers: what lives
/// across records (ranges, the scratch copy, the file's layout). The pointers into the
/// reading buffer are handed to a `RecordFields` made inside each `load`, never kept here.
struct RecordLoader {
    private var ranges: [Range<Int>] = []
    private var scratch: [UInt8] = []
    private let encoding: TextEncoding
    private let width: Int
    private let fileIndex: [Int]
    private let separator: UInt8
    private let personal: Set<Int>

    init(encoding: TextEncoding, width: Int, fileIndex: [Int], separator: UInt8, personal: Set<Int>) {
        self.encoding = encoding
        self.width = width
        self.fileIndex = fileIndex
        self.separator = separator
        self.personal = personal
        ranges.reserveCapacity(fileIndex.count)
    }

    private func fields(
        line: Int, problem: String?, base: UnsafeBufferPointer<UInt8>, record: UnsafeBufferPointer<UInt8>, quotesBroken: Bool = false
    ) -> RecordFields {
        RecordFields(
            line: line, problem: problem, base: base, ranges: ranges, recordBytes: record, encoding: encoding, separator: separator,
            personal: personal, quotesBroken: quotesBroken)
    }

    /// Hands `body` the cells of a workbook row (`XLSXTable`): the same fields as a CSV
    /// record's, trimmed, pointing into the row's bytes, and the row as `;`-separated text
    /// for rejects.
    mutating func load(row: SheetRow, _ body: (RecordFields) -> Void) {
        let cells = row.cells
        let bytes = row.bytes
        let problem =
            cells.count > width && cells[width...].contains(where: { !Self.isWhitespace(UnsafeBufferPointer(rebasing: bytes[$0])) })
            ? "la ligne a \(cells.count) cellules mais l'en-tête en a \(width)" : nil
        ranges.removeAll(keepingCapacity: true)
        for i in fileIndex { ranges.append(i < cells.count ? CSVTable.trimmed(cells[i], in: bytes) : 0..<0) }
        // The row as a `;`-separated CSV record: a cell holding `;`, a quote or a line
        // break is quoted, its quotes doubled.
        scratch.removeAll(keepingCapacity: true)
        for (k, cell) in cells.enumerated() {
            if k > 0 { scratch.append(0x3B) }
            let text = UnsafeBufferPointer(rebasing: bytes[cell])
            guard text.contains(where: { $0 == 0x3B || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
                scratch.append(contentsOf: text)
                continue
            }
            scratch.append(0x22)
            for b in text {
                if b == 0x22 { scratch.append(0x22) }
                scratch.append(b)
            }
            scratch.append(0x22)
        }
        scratch.withUnsafeBufferPointer { record in body(fields(line: row.line, problem: problem, base: bytes, record: record)) }
    }

    /// Whether the text is only spaces and tabs (`CharacterSet.whitespaces`, Unicode's
    /// space separators included).
    private static func isWhitespace(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
        guard text.contains(where: { $0 >= 0x80 }) else { return false }
        return String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespaces).isEmpty
    }

    /// Whether the bytes hold a NUL (memchr: the C library's fast scan).
    @inline(__always) private static func hasNUL(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let base = buffer.baseAddress, !range.isEmpty else { return false }
        return memchr(base + range.lowerBound, 0, range.count) != nil
    }

    /// Hands `body` the fields of `record`, which lies in `buffer`.
    mutating func load(_ record: CSVScanner.Record, from buffer: UnsafeBufferPointer<UInt8>, _ body: (RecordFields) -> Void) {
        let recordBytes = UnsafeBufferPointer(rebasing: buffer[record.bytes])
        let fields = record.fields
        var problem: String?
        if record.strayQuote {
            problem =
                "un guillemet ouvert sur cette ligne n'y est pas refermé et avalerait les lignes suivantes : cette ligne est écartée et la lecture reprend à la suivante"
        } else if record.unterminatedQuote {
            problem = "un champ entre guillemets n'est jamais refermé (\" manquant)"
        } else if fields.count > width, fields[width...].contains(where: { !CSVTable.trimmed($0.range, in: buffer).isEmpty }) {
            problem = "la ligne a \(fields.count) champs mais l'en-tête en a \(width)"
        }
        ranges.removeAll(keepingCapacity: true)
        var plain = true
        for i in fileIndex {
            guard i < fields.count else {
                ranges.append(0..<0)
                continue
            }
            let range = CSVTable.trimmed(fields[i].range, in: buffer)
            ranges.append(range)
            if fields[i].hasDoubledQuotes
                || (encoding == .utf8 ? !UTF8Check.isWellFormed(buffer[range]) : buffer[range].contains { $0 >= 0x80 })
                || Self.hasNUL(buffer, range)
            {
                plain = false
            }
        }
        let broken = record.strayQuote || record.unterminatedQuote
        guard !plain else {
            body(self.fields(line: record.line, problem: problem, base: buffer, record: recordBytes, quotesBroken: broken))
            return
        }
        // Copied out: quotes undone, Windows-1252 turned into UTF-8.
        scratch.removeAll(keepingCapacity: true)
        for (k, i) in fileIndex.enumerated() {
            guard i < fields.count && !ranges[k].isEmpty else {
                ranges[k] = 0..<0
                continue
            }
            let start = scratch.count
            let text = fields[i].hasDoubledQuotes ? CSVTable.unescaped(buffer[ranges[k]]) : Array(buffer[ranges[k]])
            if encoding == .utf8 {
                // Stray bytes become U+FFFD, as String(decoding:) does.
                scratch += text.withUnsafeBufferPointer(UTF8Check.isWellFormed) ? text : Array(String(decoding: text, as: UTF8.self).utf8)
            } else {
                for b in text {
                    if b < 0x80 {
                        scratch.append(b)
                    } else {
                        let utf8 = TextEncoding.windows1252UTF8[Int(b) - 0x80]
                        scratch.append(contentsOf: utf8)
                    }
                }
            }
            ranges[k] = start..<scratch.count
        }
        // A NUL would cut the text wherever a C string carries it (the workbook): U+FFFD,
        // the same in every output.
        if scratch.contains(0) {
            var repaired: [UInt8] = []
            for k in ranges.indices {
                let r = ranges[k]
                let start = repaired.count
                for b in scratch[r] { if b == 0 { repaired += [0xEF, 0xBF, 0xBD] } else { repaired.append(b) } }
                ranges[k] = start..<repaired.count
            }
            scratch = repaired
        }
        let copy = scratch
        copy.withUnsafeBufferPointer { b in
            body(self.fields(line: record.line, problem: problem, base: b, record: recordBytes, quotesBroken: broken))
        }
    }
}
