/// A byte-level RFC 4180 scanner. It finds records and fields without making Strings
/// (`../shared/style.md` measured the CSV libraries: neither is fast or correct enough
/// for these exports, so this small scanner is ours). Lenient where exports are sloppy:
/// a quote inside an unquoted field is kept as text, text after a closing quote is kept.
struct CSVScanner {
    /// One field: where its bytes are, and whether doubled quotes must be undone.
    struct Field {
        var range: Range<Int>
        var hasDoubledQuotes: Bool
    }

    /// A record: its fields, the byte range it covers, and the line it starts on.
    struct Record {
        var fields: [Field] = []
        var bytes: Range<Int> = 0..<0
        var line = 0
        /// The file ended inside a quoted field.
        var unterminatedQuote = false
        /// A line whose quote swallowed the lines after it (`CSVTable.strayQuoteLine`).
        var strayQuote = false
        /// A quoted field that ran over a line break and closed with text after its quote
        /// (`"Bien;…\n…;"Super`): the mark of a stray quote meeting a later one.
        var textAfterMultilineQuote = false
    }

    /// What `next` found.
    enum Outcome { case record, needMore, end }

    let separator: UInt8
    /// Where the next record starts in the buffer.
    var position: Int
    private(set) var line: Int

    init(separator: UInt8, start: Int, line: Int = 1) {
        self.separator = separator
        self.position = start
        self.line = line
    }

    private static let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    /// Goes on reading at `position`, which starts line `line` (after a stray quote).
    mutating func resume(at position: Int, line: Int) {
        self.position = position
        self.line = line
    }

    /// Reads the next record of `bytes` into `record` (its arrays reused). The buffer may
    /// hold only part of the input: unless it is `final`, a record that runs to its end may
    /// go on in the next bytes, so the scanner stays where it was and asks for more.
    mutating func next(in bytes: UnsafeBufferPointer<UInt8>, final: Bool, into record: inout Record) -> Outcome {
        let (startPosition, startLine) = (position, line)
        guard scan(bytes, into: &record) else { return final ? .end : .needMore }
        if !final && position >= bytes.count {
            (position, line) = (startPosition, startLine)
            return .needMore
        }
        return .record
    }

    /// Reads the next record into `record`; false when there is no byte left.
    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, into record: inout Record) -> Bool {
        record.fields.removeAll(keepingCapacity: true)
        record.unterminatedQuote = false
        record.textAfterMultilineQuote = false
        let end = bytes.count
        guard position < end else { return false }
        record.line = line
        let recordStart = position
        var i = position
        while true {
            // Start of a field.
            if i < end && bytes[i] == Self.quote {
                var j = i + 1
                var doubled = false
                var closed = false
                while j < end {
                    let b = bytes[j]
                    if b == Self.quote {
                        if j + 1 < end && bytes[j + 1] == Self.quote {
                            doubled = true
                            j += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    if b == Self.lf { line += 1 }
                    j += 1
                }
                if !closed {
                    record.fields.append(Field(range: (i + 1)..<end, hasDoubledQuotes: doubled))
                    record.unterminatedQuote = true
                    record.bytes = recordStart..<end
                    position = end
                    return true
                }
                var k = j + 1
                while k < end && bytes[k] != separator && bytes[k] != Self.lf && bytes[k] != Self.cr { k += 1 }
                if bytes[(j + 1)..<k].allSatisfy({ $0 == 0x20 }) {
                    record.fields.append(Field(range: (i + 1)..<j, hasDoubledQuotes: doubled))
                } else {
                    if bytes[i..<j].contains(Self.lf) { record.textAfterMultilineQuote = true }
                    // Text after the closing quote (`"a"b`): not RFC 4180; the field is kept
                    // as it stands in the file, quotes included, rather than guessed at.
                    record.fields.append(Field(range: i..<k, hasDoubledQuotes: false))
                }
                i = k
            } else {
                var k = i
                while k < end {
                    let b = bytes[k]
                    if b == separator || b == Self.lf || b == Self.cr { break }
                    k += 1
                }
                record.fields.append(Field(range: i..<k, hasDoubledQuotes: false))
                i = k
            }
            // After a field: separator, end of line, or end of input.
            if i < end && bytes[i] == separator {
                i += 1
                if i == end { record.fields.append(Field(range: i..<i, hasDoubledQuotes: false)) } else { continue }
            }
            var recordEnd = i
            if i < end && bytes[i] == Self.cr {
                i += 1
                if i < end && bytes[i] == Self.lf { i += 1 }
                line += 1
            } else if i < end && bytes[i] == Self.lf {
                i += 1
                line += 1
            } else if i < end {
                // Unreachable by construction; step on to guarantee progress.
                i += 1
            }
            if recordEnd < recordStart { recordEnd = recordStart }
            record.bytes = recordStart..<recordEnd
            position = i
            return true
        }
    }
}
