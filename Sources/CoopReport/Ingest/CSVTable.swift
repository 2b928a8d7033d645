import Foundation

/// A CSV input opened and understood: encoding, separator, and which file column holds
/// each canonical column. Rows are then streamed with `forEachRow`.
public struct CSVTable {
    /// One data row, by canonical column.
    public struct Row {
        /// 1-based line where the record starts (header = line 1).
        public let line: Int
        /// Trimmed values, one per `CSVTable.columns` entry ("" when absent or empty).
        public let values: [String]
        /// A structural problem of the record (unterminated quote, too many fields).
        public let problem: String?
        let rawBytes: ArraySlice<UInt8>
        let encoding: TextEncoding
        let separator: UInt8
        /// File positions of the personal columns (names, e-mail).
        let personal: Set<Int>

        /// The record as it stands in the file.
        public var raw: String { encoding.decode(rawBytes) }

        /// The record with names and e-mail replaced by `[masqué]`, for the workbook:
        /// reports never show them (the full row stays in rejects.csv for the data team).
        public var redactedRaw: String {
            guard !personal.isEmpty else { return raw }
            var scanner = CSVScanner(bytes: Array(rawBytes), separator: separator, start: 0)
            var record = CSVScanner.Record()
            guard scanner.next(into: &record) else { return raw }
            let fields = record.fields.enumerated().map { i, f -> String in
                if personal.contains(i) && !f.range.isEmpty { return "[masqué]" }
                return CSVTable.trimmedText(of: f, in: scanner.bytes, encoding: encoding)
            }
            return fields.joined(separator: String(UnicodeScalar(separator)))
        }
    }

    /// Canonical columns that hold personal data, never shown in a workbook.
    public static let personalColumns: Set<String> = ["email", "last_name", "first_name"]

    public let path: String
    public let encoding: TextEncoding
    /// `;`, `,` or tab.
    public let separator: Character
    /// The header cells as found in the file.
    public let header: [String]
    /// Canonical names of the columns found (schema columns, then family columns).
    public let columns: [String]
    private let fileIndex: [Int]
    private let personal: Set<Int>
    private let bytes: [UInt8]
    private let dataStart: Int
    private let dataLine: Int

    /// The file's size in bytes.
    public var byteCount: Int { bytes.count }

    /// Size and SHA-256 of the file, for Synthèse and the manifest (from the bytes read).
    public func summary(role: String) -> InputSummary {
        var s = InputSummary(role: role, path: path, bytes: bytes.count, sha256: InputFile.sha256Hex(bytes))
        s.encoding = encoding.rawValue
        s.separator = String(separator)
        return s
    }

    /// Index of a canonical column in `Row.values`, if the file has it.
    public func index(of column: String) -> Int? { columns.firstIndex(of: column) }

    /// Reads `path`, detects its encoding and separator, and maps its header onto `schema`.
    /// Throws when the file is missing, unreadable, empty, or lacks a required column.
    public init(path: String, schema: TableSchema, mapping: InputMapping = .none) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw IngestError.fileNotFound(path: path) }
        try self.init(bytes: try Self.readAll(path), path: path, schema: schema, mapping: mapping)
    }

    /// The same, from bytes already in memory (`path` names them in messages).
    public init(bytes: [UInt8], path: String, schema: TableSchema, mapping: InputMapping = .none) throws {
        self.path = path
        self.bytes = bytes
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        encoding = mapping.encoding ?? TextEncoding.detect(bytes[start...])
        var line = 1
        // Excel's "sep=;" first line names the separator.
        var sep: UInt8?
        if let (declared, next) = CSVTable.sepLine(bytes, from: start) {
            sep = declared
            start = next
            line = 2
        }
        let separatorByte = mapping.separator ?? sep ?? CSVTable.detectSeparator(bytes, from: start)
        separator = Character(Unicode.Scalar(separatorByte))
        var scanner = CSVScanner(bytes: bytes, separator: separatorByte, start: start, line: line)
        var record = CSVScanner.Record()
        // Skip blank lines before the header.
        repeat {
            guard scanner.next(into: &record) else { throw IngestError.emptyFile(path: path) }
        } while record.fields.count == 1 && record.fields[0].range.isEmpty
        let enc = encoding
        header = record.fields.map { CSVTable.trimmedText(of: $0, in: bytes, encoding: enc) }
        (columns, fileIndex) = try CSVTable.map(header: header, schema: schema, renames: mapping.columns, path: path)
        personal = Set(zip(columns, fileIndex).filter { CSVTable.personalColumns.contains($0.0) }.map(\.1))
        dataStart = scanner.position
        dataLine = scanner.line
    }

    /// Calls `body` for each non-blank data row, in file order.
    public func forEachRow(_ body: (Row) throws -> Void) rethrows {
        let separatorByte = UInt8(ascii: separator.unicodeScalars.first ?? ";")
        var scanner = CSVScanner(bytes: bytes, separator: separatorByte, start: dataStart, line: dataLine)
        var record = CSVScanner.Record()
        let width = header.count
        while scanner.next(into: &record) {
            let fields = record.fields
            if fields.allSatisfy({ $0.range.isEmpty }) { continue }  // blank line or only separators
            var problem: String?
            if record.unterminatedQuote {
                problem = "a quoted field is never closed (missing \")"
            } else if fields.count > width,
                fields[width...].contains(where: { !CSVTable.trimmedText(of: $0, in: bytes, encoding: encoding).isEmpty })
            {
                problem = "the row has \(fields.count) fields but the header has \(width)"
            }
            var values = [String]()
            values.reserveCapacity(fileIndex.count)
            for i in fileIndex {
                values.append(i < fields.count ? CSVTable.trimmedText(of: fields[i], in: bytes, encoding: encoding) : "")
            }
            try body(
                Row(
                    line: record.line, values: values, problem: problem, rawBytes: bytes[record.bytes],
                    encoding: encoding, separator: separatorByte, personal: personal))
        }
    }

    /// The whole file in one buffer, read without an intermediate copy.
    static func readAll(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IngestError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw IngestError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        let size = Int(info.st_size)
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }  // an empty file
            var done = 0
            while done < size {
                let n = read(fd, base + done, size - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    if n < 0 { failure = String(cString: strerror(errno)) }
                    break
                }
                done += n
            }
            count = done
        }
        if let failure { throw IngestError.unreadable(path: path, reason: failure) }
        return bytes
    }

    /// A field's text without surrounding spaces, tabs or line breaks, doubled quotes
    /// undone; trimmed on the bytes, so an empty field costs no allocation.
    static func trimmedText(of field: CSVScanner.Field, in bytes: [UInt8], encoding: TextEncoding) -> String {
        var lower = field.range.lowerBound
        var upper = field.range.upperBound
        while lower < upper, isBlank(bytes[lower]) { lower += 1 }
        while upper > lower, isBlank(bytes[upper - 1]) { upper -= 1 }
        if lower == upper { return "" }
        guard field.hasDoubledQuotes else { return encoding.decode(bytes[lower..<upper]) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(upper - lower)
        var i = lower
        while i < upper {
            unescaped.append(bytes[i])
            i += bytes[i] == UInt8(ascii: "\"") && i + 1 < upper && bytes[i + 1] == UInt8(ascii: "\"") ? 2 : 1
        }
        return encoding.decode(unescaped[...])
    }

    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

    /// `sep=;` (or `sep=,`, `sep=\t`) alone on the first line: the separator and where data starts.
    static func sepLine(_ bytes: [UInt8], from start: Int) -> (UInt8, Int)? {
        let prefix = Array("sep=".utf8)
        guard bytes.count >= start + 5, Array(bytes[start..<(start + 4)]).map({ $0 | 0x20 }) == prefix else { return nil }
        let sep = bytes[start + 4]
        var next = start + 5
        if next < bytes.count && bytes[next] == UInt8(ascii: "\r") { next += 1 }
        guard next == bytes.count || bytes[next] == UInt8(ascii: "\n") else { return nil }
        return (sep, min(next + 1, bytes.count))
    }

    /// The separator of the header line: the most frequent of `;`, `,` and tab outside
    /// quotes (ties go to `;`, then `,`).
    static func detectSeparator(_ bytes: [UInt8], from start: Int) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ";"): 0, UInt8(ascii: ","): 0, UInt8(ascii: "\t"): 0]
        var inQuotes = false
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes && (b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")) {
                break
            } else if !inQuotes, let c = counts[b] {
                counts[b] = c + 1
            }
            i += 1
        }
        var best = UInt8(ascii: ";")
        for candidate in [UInt8(ascii: ","), UInt8(ascii: "\t")] where (counts[candidate] ?? 0) > (counts[best] ?? 0) {
            best = candidate
        }
        return best
    }

    /// Matches header cells to canonical columns (trimmed, case-, accent- and
    /// punctuation-insensitive); the first header cell wins when two match one column.
    static func map(header: [String], schema: TableSchema, renames: [String: String] = [:], path: String) throws -> ([String], [Int]) {
        // A job's renames win over the built-in aliases.
        var byKey: [String: String] = renames
        for column in schema.columns {
            for name in [column.name] + column.aliases where byKey[TextKey.of(name)] == nil {
                byKey[TextKey.of(name)] = column.name
            }
        }
        var found: [String: Int] = [:]
        var familyColumns: [(String, Int)] = []
        for (i, cell) in header.enumerated() {
            if let name = byKey[TextKey.of(cell)], schema.columns.contains(where: { $0.name == name }) {
                if found[name] == nil { found[name] = i }
            } else if let name = schema.family(byKey[TextKey.of(cell)] ?? cell), !familyColumns.contains(where: { $0.0 == name }) {
                familyColumns.append((name, i))
            }
        }
        var missing = schema.columns.filter { $0.required && found[$0.name] == nil }.map(\.name)
        for group in schema.oneOf where !group.contains(where: { found[$0] != nil }) {
            missing.append(group.joined(separator: "' or '"))
        }
        if !missing.isEmpty {
            let unmatched = header.enumerated().filter { i, _ in !found.values.contains(i) }.map(\.element)
            var nearest: [String: String] = [:]
            for name in missing {
                if let hit = Nearest.match(name, in: unmatched) { nearest[name] = hit }
            }
            let expected = schema.columns.filter(\.required).map(\.name) + schema.oneOf.map { $0.joined(separator: " or ") }
            throw IngestError.missingColumns(path: path, missing: missing, found: header, expected: expected, nearest: nearest)
        }
        let fixed = schema.columns.compactMap { c in found[c.name].map { (c.name, $0) } }
        let all = fixed + familyColumns.sorted { $0.0.localizedStandardCompare($1.0) == .orderedAscending }
        return (all.map(\.0), all.map(\.1))
    }
}
