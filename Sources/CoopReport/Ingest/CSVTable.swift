import Foundation

/// A CSV input opened and understood: encoding, separator, and which file column holds
/// each canonical column. Records are then streamed with `forEachRecord`, a chunk of the
/// file at a time: memory does not grow with the file.
public struct CSVTable: Sendable {
    /// One data row, by canonical column, as owned Strings (tests and tools; the pipeline
    /// reads `RecordFields` instead, without making a String per field).
    public struct Row {
        /// 1-based line where the record starts (header = line 1).
        public let line: Int
        /// Trimmed values, one per `CSVTable.columns` entry ("" when absent or empty).
        public let values: [String]
        /// A structural problem of the record (unterminated quote, too many fields).
        public let problem: String?
        /// The record as it stands in the file.
        public let raw: String
        /// The record with names and e-mail replaced by `[masqué]`.
        public let redactedRaw: String
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
    let source: ChunkReader.Source
    let separatorByte: UInt8
    let chunkSize: Int
    /// Where the data rows start in the input, and on which line.
    let dataStart: Int
    let dataLine: Int

    /// Header cells that no canonical column reads (the ingest log lists them).
    public var unusedHeaders: [String] { Self.unused(header, fileIndex) }
    public var headerOf: [String: String] { Self.headers(columns, header, fileIndex) }

    /// Canonical column → the header cell it was found under.
    static func headers(_ columns: [String], _ header: [String], _ fileIndex: [Int]) -> [String: String] {
        var out: [String: String] = [:]
        for (column, i) in zip(columns, fileIndex) where header.indices.contains(i) && out[column] == nil { out[column] = header[i] }
        return out
    }

    /// The header cells no column index points at (blank ones left out).
    static func unused(_ header: [String], _ fileIndex: [Int]) -> [String] {
        let used = Set(fileIndex)
        return header.enumerated().filter { !used.contains($0.offset) && !$0.element.isEmpty }.map(\.element)
    }

    /// Index of a canonical column in `Row.values`, if the file has it.
    public func index(of column: String) -> Int? { columns.firstIndex(of: column) }

    /// Opens `path`: reads its first bytes for the encoding, separator and header.
    /// Throws when the file is missing, unreadable, empty, or lacks a required column.
    /// `chunkSize` is the reading buffer's size (tests make it small).
    public init(path: String, schema: TableSchema, mapping: InputMapping = .none) throws {
        try self.init(path: path, schema: schema, mapping: mapping, chunkSize: ChunkReader.defaultChunkSize)
    }

    init(path: String, schema: TableSchema, mapping: InputMapping, chunkSize: Int) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw IngestError.fileNotFound(path: path) }
        try self.init(source: .file(path), path: path, schema: schema, mapping: mapping, chunkSize: chunkSize)
    }

    /// The same, from bytes already in memory (`path` names them in messages).
    public init(bytes: [UInt8], path: String, schema: TableSchema, mapping: InputMapping = .none) throws {
        try self.init(source: .bytes(bytes), path: path, schema: schema, mapping: mapping, chunkSize: ChunkReader.defaultChunkSize)
    }

    private init(source: ChunkReader.Source, path: String, schema: TableSchema, mapping: InputMapping, chunkSize: Int) throws {
        self.path = path
        self.source = source
        self.chunkSize = chunkSize
        let reader = try ChunkReader(source, path: path, chunkSize: chunkSize)
        if Self.looksUTF16(reader.valid) { throw IngestError.utf16(path: path) }
        // The header must be whole in the buffer: read on until its end is seen.
        var start = 0
        var line = 1
        var sep: UInt8?
        var header: [String] = []
        var encoding = TextEncoding.utf8
        var separatorByte = UInt8(ascii: ";")
        var dataStart = 0
        var dataLine = 1
        while true {
            let head = reader.valid
            start = 0
            line = 1
            if head.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
            let bom = start == 3
            if let (declared, next) = CSVTable.sepLine(head, from: start) {
                sep = declared
                start = next
                line = 2
            }
            separatorByte = mapping.separator ?? sep ?? CSVTable.detectSeparator(head, from: start)
            var scanner = CSVScanner(separator: separatorByte, start: start, line: line)
            var record = CSVScanner.Record()
            var outcome = CSVScanner.Outcome.end
            repeat {  // blank lines before the header are skipped
                outcome = head.withUnsafeBufferPointer { scanner.next(in: $0, final: reader.atEnd, into: &record) }
            } while outcome == .record && record.fields.count == 1 && record.fields[0].range.isEmpty
            if outcome == .needMore {
                try reader.fill(keepingFrom: 0)
                continue
            }
            guard outcome == .record else { throw IngestError.emptyFile(path: path) }
            dataStart = scanner.position
            dataLine = scanner.line
            // The header's bytes are kept in `head`; the reader then reads on for the encoding.
            encoding = try mapping.encoding ?? (bom ? .utf8 : TextEncoding.detect(reading: reader))
            let enc = encoding
            header = head.withUnsafeBufferPointer { buffer in
                record.fields.map { CSVTable.trimmedText(of: $0, in: buffer, encoding: enc) }
            }
            break
        }
        self.encoding = encoding
        self.separatorByte = separatorByte
        separator = Character(Unicode.Scalar(separatorByte))
        self.header = header
        self.dataStart = dataStart
        self.dataLine = dataLine
        (columns, fileIndex) = try CSVTable.map(header: header, schema: schema, mapping: mapping, path: path)
        personal = Set(zip(columns, fileIndex).filter { CSVTable.personalColumns.contains($0.0) }.map(\.1))
    }

    /// A UTF-16 file (Excel's « Texte Unicode »): its BOM, or NUL bytes between the
    /// characters of its first line.
    static func looksUTF16(_ head: ArraySlice<UInt8>) -> Bool {
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return true }
        let sample = head.prefix(256)
        return sample.count >= 8 && sample.filter { $0 == 0 }.count * 4 >= sample.count
    }

    /// What streaming read: the file's size and SHA-256 (of the bytes read, for the manifest).
    public struct Read: Sendable {
        public let bytes: Int
        public let sha256: String
    }

    /// Calls `body` for each non-blank data record, in file order. The fields are valid
    /// only during the call.
    @discardableResult
    func forEachRecord(_ body: (RecordFields) -> Void) throws -> Read { try forEachRecord(Part(), body) }

    /// The same over part of the file (`CSVHalf`): from `part.start` on, and up to
    /// `part.split` if `part.atSplit` says so. Reading from the data's start, the whole
    /// file is hashed; reading from a later byte, nothing is (the returned `Read` is then
    /// the part's size and no hash).
    func forEachRecord(_ part: Part, _ body: (RecordFields) -> Void) throws -> Read {
        // A file is hashed on another core while it is parsed here.
        var digest: BackgroundDigest?
        if part.start == nil, case .file(let name) = source { digest = BackgroundDigest(path: name) }
        let reader = try ChunkReader(
            source, path: path, chunkSize: chunkSize, hashing: digest == nil && part.start == nil, from: part.start?.offset ?? 0)
        let (start, line) = part.start.map { (0, $0.line) } ?? (dataStart, dataLine)
        while reader.valid.count < start && !reader.atEnd { try reader.fill(keepingFrom: 0) }
        var scanner = CSVScanner(separator: separatorByte, start: min(start, reader.valid.count), line: line)
        var record = CSVScanner.Record()
        var fields = RecordLoader(
            encoding: encoding, width: header.count, fileIndex: fileIndex, separator: separatorByte, personal: personal)
        // The split point, in the bytes this reader reads, until it is reached.
        var split = part.split.map { $0 - (part.start?.offset ?? 0) }
        var stopped = false
        while true {
            let final = reader.atEnd
            let outcome = reader.valid.withUnsafeBufferPointer { buffer -> CSVScanner.Outcome in
                while true {
                    // Where the next record starts, against the split point: one comparison a record.
                    if let at = split, reader.total - reader.count + scanner.position >= at {
                        split = nil
                        let boundary = reader.total - reader.count + scanner.position == at
                        if part.atSplit(boundary ? scanner.line : nil) {
                            stopped = true
                            return .end
                        }
                    }
                    let outcome = scanner.next(in: buffer, final: final, into: &record)
                    guard outcome == .record else { return outcome }
                    if record.fields.allSatisfy({ $0.range.isEmpty }) { continue }  // blank line or only separators
                    if let line = Self.strayQuoteLine(record, scanner: scanner, width: header.count, in: buffer) {
                        // A quote that swallowed the lines after it: its line alone is
                        // rejected, and reading goes on with the next line.
                        fields.load(line.record, from: buffer, body)
                        scanner.resume(at: line.next, line: record.line + 1)
                        continue
                    }
                    fields.load(record, from: buffer, body)
                }
            }
            guard outcome == .needMore, !stopped else { break }
            try reader.fill(keepingFrom: scanner.position)
            scanner.position = 0
        }
        if let digest {
            let (bytes, sha256) = try digest.wait()
            return Read(bytes: bytes, sha256: sha256)
        }
        return Read(bytes: reader.total, sha256: reader.sha256() ?? "")
    }

    /// A record that runs over several lines and does not fit the header (a field count
    /// other than the header's, or a quote never closed) came from a stray quote: the
    /// record of its first line alone, marked unterminated, and where the next line starts.
    static func strayQuoteLine(
        _ record: CSVScanner.Record, scanner: CSVScanner, width: Int, in buffer: UnsafeBufferPointer<UInt8>
    ) -> (record: CSVScanner.Record, next: Int)? {
        guard scanner.line - record.line > 1,
            record.unterminatedQuote || record.textAfterMultilineQuote || record.fields.count != width
        else { return nil }
        let lf = UInt8(ascii: "\n")
        var end = record.bytes.lowerBound
        while end < record.bytes.upperBound && buffer[end] != lf { end += 1 }
        guard end < record.bytes.upperBound else { return nil }
        var line = CSVScanner.Record()
        line.bytes = record.bytes.lowerBound..<(end > record.bytes.lowerBound && buffer[end - 1] == UInt8(ascii: "\r") ? end - 1 : end)
        line.line = record.line
        line.strayQuote = true
        return (line, end + 1)
    }

    /// Calls `body` for each non-blank data row, as owned Strings.
    public func forEachRow(_ body: (Row) -> Void) throws {
        try forEachRecord { fields in
            body(
                Row(
                    line: fields.line, values: (0..<fields.count).map { fields.text($0) }, problem: fields.problem,
                    raw: fields.raw, redactedRaw: fields.redactedRaw))
        }
    }

    /// A field's text without surrounding spaces, tabs or line breaks, doubled quotes
    /// undone.
    static func trimmedText(of field: CSVScanner.Field, in bytes: UnsafeBufferPointer<UInt8>, encoding: TextEncoding) -> String {
        let range = trimmed(field.range, in: bytes)
        if range.isEmpty { return "" }
        guard field.hasDoubledQuotes else { return encoding.decode(bytes[range]) }
        return encoding.decode(unescaped(bytes[range])[...])
    }

    /// The range without blank bytes at either end.
    @inline(__always) static func trimmed(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isBlank(bytes[lower]) { lower += 1 }
        while upper > lower, isBlank(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// `""` inside a quoted field back to `"`.
    static func unescaped(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            out.append(bytes[i])
            i += bytes[i] == UInt8(ascii: "\"") && i + 1 < bytes.endIndex && bytes[i + 1] == UInt8(ascii: "\"") ? 2 : 1
        }
        return out
    }

    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

    /// `sep=;` (or `sep=,`, `sep=\t`) alone on the first line: the separator and where data starts.
    static func sepLine(_ bytes: ArraySlice<UInt8>, from start: Int) -> (UInt8, Int)? {
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
    static func detectSeparator(_ bytes: ArraySlice<UInt8>, from start: Int) -> UInt8 {
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
    /// punctuation-insensitive); two header cells for one column are an error.
    /// Everything the job's mapping names must be in the file: a rename or a question
    /// header that matches no header cell, or an evaluations file where no survey question
    /// and no objective is recognised, stops the run before anything is written.
    static func map(header: [String], schema: TableSchema, mapping: InputMapping = .none, path: String) throws -> ([String], [Int]) {
        let renames = mapping.columns
        let headerKeys = Set(header.map(TextKey.of))
        let unmatched = renames.keys.filter { !headerKeys.contains($0) }.sorted()
        if !unmatched.isEmpty {
            throw IngestError.unmatchedHeaders(
                path: path,
                entries: unmatched.map { key in
                    let text = mapping.headerTexts[key] ?? key
                    return .init(
                        entry: text, section: mapping.questionHeaders.contains(key) ? "questions" : "columns",
                        nearest: Nearest.header(for: [text], in: header.filter { renames[TextKey.of($0)] == nil }))
                },
                found: header)
        }
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
                // Two headers for one column (`status` twice; `cooperative` and `Coopérative`):
                // which one holds the data cannot be guessed.
                if let first = found[name] {
                    throw IngestError.duplicateHeaders(path: path, column: name, headers: [header[first], cell])
                }
                found[name] = i
            } else if let name = schema.family(byKey[TextKey.of(cell)] ?? cell) {
                if let first = familyColumns.first(where: { $0.0 == name }) {
                    throw IngestError.duplicateHeaders(path: path, column: name, headers: [header[first.1], cell])
                }
                familyColumns.append((name, i))
            }
        }
        // An `event` column names programme and session only when the job maps its labels.
        if found["event"] != nil && mapping.events.isEmpty {
            found["event"] = nil
        }
        var missing = schema.columns.filter { c in
            c.required && found[c.name] == nil && !(c.replacedBy.map { found[$0] != nil } ?? false)
        }.map(\.name)
        for group in schema.oneOf where !group.contains(where: { found[$0] != nil }) {
            missing.append(group.joined(separator: " » ou « "))
        }
        if !missing.isEmpty {
            let unmatched = header.enumerated().filter { i, _ in !found.values.contains(i) }.map(\.element)
            var nearest: [String: String] = [:]
            for name in missing {
                // A one-of group (« participant_id » ou « email ») looks for any of its columns.
                let group = schema.oneOf.first { $0.joined(separator: " » ou « ") == name } ?? [name]
                let names = group.flatMap { c in [c] + (schema.columns.first { $0.name == c }?.aliases ?? []) }
                if let hit = Nearest.header(for: names, in: unmatched) { nearest[name] = hit }
            }
            let expected = schema.columns.filter(\.required).map(\.name) + schema.oneOf.map { $0.joined(separator: " ou ") }
            throw IngestError.missingColumns(path: path, missing: missing, found: header, expected: expected, nearest: nearest)
        }
        if schema.requiresQuestion, !schema.answerColumns.contains(where: { found[$0] != nil }) {
            throw IngestError.noQuestionColumns(path: path, questions: schema.answerColumns, found: header)
        }
        if schema.requiresAnswers, familyColumns.isEmpty, !schema.answerColumns.contains(where: { found[$0] != nil }) {
            throw IngestError.noAnswerColumns(path: path, questions: schema.answerColumns, found: header)
        }
        let fixed = schema.columns.compactMap { c in found[c.name].map { (c.name, $0) } }
        let all = fixed + familyColumns.sorted { $0.0.localizedStandardCompare($1.0) == .orderedAscending }
        return (all.map(\.0), all.map(\.1))
    }
}
