import Foundation

/// One row of a sheet as the reader hands it over: each cell's text as a range of
/// `bytes`, by column (an empty range for a column without a cell), up to the last cell.
/// It points into the reader's buffer and lives only during the call that hands it over.
struct SheetRow {
    /// The sheet's row number (`<row r>`).
    let line: Int
    let bytes: UnsafeBufferPointer<UInt8>
    let cells: [Range<Int>]

    /// Whether no cell has any text.
    var isBlank: Bool { cells.allSatisfy(\.isEmpty) }

    /// The cells' texts.
    var texts: [String] { cells.map { XMLScanner.string(bytes, $0) } }
}

/// Reads a sheet's rows from its XML as it is inflated (`InflatingStream`), with the
/// byte-level `XMLScanner`: `<row r>`, `<c r t s>`, its value `<v>` or inline text
/// `<is><t>` (rich-text runs joined, phonetic runs `<rPh>` left out), each cell's text
/// made by `SheetCells`. Any prefix (`<x:c>`) is ignored, as `XMLParser`'s local names were.
/// Memory: the scanner's window (a quarter of a megabyte, more only for a longer tag) and
/// one row's texts, at most `longestRow` bytes.
struct SheetReader {
    /// Why the sheet cannot be read; the read stops there.
    struct Problem: Error, Equatable {
        let reason: String
    }

    /// The most text one row may hold (64 MiB: 16,384 cells of 4 kB each), short of the
    /// memory a row that never ends would take.
    static let longestRow = 64 << 20
    /// The bytes scanned at a time, taken from the inflated chunks.
    static let window = 256 << 10

    let cells: SheetCells
    /// The bytes scanned at a time (tests make it small, to cut tags and texts anywhere).
    let windowSize: Int
    /// The last row number read.
    private(set) var lastRow = 0

    init(cells: SheetCells, window: Int = Self.window) {
        self.cells = cells
        windowSize = window
    }

    /// Calls `body` with each row, in sheet order, until it returns false; `next` hands
    /// over the inflated bytes a chunk at a time, nil at the end. Returns whether the
    /// whole sheet was read.
    mutating func read(_ next: () -> Data?, _ body: (SheetRow) -> Bool) throws(Problem) -> Bool {
        var window: [UInt8] = []
        window.reserveCapacity(windowSize + (1 << 16))
        var ended = false
        var scanner = XMLScanner()
        var row = RowState(cells: cells)
        // Keeps the bytes from `offset` on, and adds at least one chunk after them (the
        // bytes kept are an unfinished tag, which may be longer than the window).
        func refill(keepingFrom offset: Int) {
            window.removeSubrange(..<offset)
            let kept = window.count
            while !ended && (window.count < windowSize || window.count == kept) {
                guard let chunk = next() else {
                    ended = true
                    break
                }
                chunk.withUnsafeBytes { window.append(contentsOf: $0.bindMemory(to: UInt8.self)) }
            }
        }
        refill(keepingFrom: 0)
        while true {
            let final = ended
            let outcome = window.withUnsafeBufferPointer { bytes -> RowState.Outcome in
                while true {
                    let token = scanner.next(in: bytes, final: final)
                    switch token {
                    case .start(let local, let selfClosing):
                        if let outcome = row.start(local, scanner.attributes, in: bytes) { return outcome }
                        if selfClosing, let outcome = row.end(local, in: bytes, body) { return outcome }
                    case .end(let local):
                        if let outcome = row.end(local, in: bytes, body) { return outcome }
                    case .text(let range, let plain):
                        if row.reading { XMLScanner.appendText(bytes, range, plain: plain, to: &row.bytes) }
                    case .cdata(let range):
                        if row.reading { XMLScanner.appendLiteral(bytes, range, to: &row.bytes) }
                    case .needMore: return final ? .failed("fin inattendue") : .needMore
                    case .finished: return .finished
                    case .malformed(let why): return .failed(why)
                    }
                    if row.bytes.count > Self.longestRow {
                        return .problem("la ligne \(row.lastRow) de la feuille contient plus de \(Self.longestRow) octets de texte")
                    }
                }
            }
            lastRow = row.lastRow
            switch outcome {
            case .needMore:
                refill(keepingFrom: scanner.position)
                scanner.position = 0
            case .finished: return true
            case .stopped: return false
            case .failed(let why):
                // The row being read, or the one after the last read.
                let line = row.inRow ? row.lastRow : row.lastRow + 1
                throw Problem(reason: "le XML de la feuille est cassé vers la ligne \(line) (\(why))")
            case .problem(let reason): throw Problem(reason: reason)
            }
        }
    }
}

/// The row being read: its cells' texts end to end in `bytes`, their ranges by column.
private struct RowState {
    enum Outcome {
        case needMore, finished, stopped
        /// The XML is not well-formed: why.
        case failed(String)
        /// The sheet breaks a rule of workbooks: the reason, whole.
        case problem(String)
    }

    let cells: SheetCells
    var lastRow = 0
    /// Between `<row>` and `</row>`.
    private(set) var inRow = false
    var bytes: [UInt8] = []
    var ranges: [Range<Int>] = []
    /// Inside `<v>`, or a `<t>` that is not phonetic: text goes to the cell.
    var reading = false
    private var inPhonetic = false
    private var column = 0, nextColumn = 0
    private var kind = SheetCells.Kind.number
    private var style = 0
    /// Where the current cell's text starts in `bytes`.
    private var valueStart = 0
    /// An attribute's value with references, decoded.
    private var scratch: [UInt8] = []

    init(cells: SheetCells) {
        self.cells = cells
        bytes.reserveCapacity(4096)
        ranges.reserveCapacity(64)
    }

    /// The value of the attribute named `name` (whatever its prefix), run through `body`.
    private mutating func attribute<R>(
        _ name: StaticString, _ attributes: ArraySlice<XMLScanner.Attribute>, in bytes: UnsafeBufferPointer<UInt8>,
        _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R? {
        guard let a = attributes.first(where: { XMLScanner.equals(bytes, $0.name, name) }) else { return nil }
        return value(a, in: bytes, body)
    }

    /// An attribute's value run through `body`.
    private mutating func value<R>(
        _ a: XMLScanner.Attribute, in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R {
        if a.plain { return body(UnsafeBufferPointer(rebasing: bytes[a.value])) }
        scratch.removeAll(keepingCapacity: true)
        XMLScanner.appendValue(bytes, a, to: &scratch)
        return scratch.withUnsafeBufferPointer(body)
    }

    mutating func start(
        _ local: Range<Int>, _ attributes: ArraySlice<XMLScanner.Attribute>, in bytes: UnsafeBufferPointer<UInt8>
    ) -> Outcome? {
        switch local.count {
        case 1 where bytes[local.lowerBound] == UInt8(ascii: "c"):
            var reference: Int?
            kind = .number
            style = 0
            // `r`, `t` and `s` in one pass (qualified names, as `XMLParser` keyed them).
            for a in attributes where a.name.count == 1 {
                switch bytes[a.name.lowerBound] {
                case UInt8(ascii: "r"): reference = value(a, in: bytes, Self.column)
                case UInt8(ascii: "t"): kind = value(a, in: bytes, SheetCells.Kind.init)
                case UInt8(ascii: "s"): style = value(a, in: bytes, SheetCells.integer) ?? 0
                default: break
                }
            }
            column = reference ?? nextColumn
            valueStart = self.bytes.count
        case 1 where bytes[local.lowerBound] == UInt8(ascii: "v"): reading = true
        case 1 where bytes[local.lowerBound] == UInt8(ascii: "t"): reading = !inPhonetic
        case 3 where XMLScanner.equals(bytes, local, "row"):
            let r = attribute("r", attributes, in: bytes) { SheetCells.integer($0) ?? -1 } ?? lastRow + 1
            guard r > lastRow, r <= 1_048_576 else {
                let written = attribute("r", attributes, in: bytes) { XMLScanner.string($0, 0..<$0.count) } ?? "?"
                return .problem(
                    "numéro de ligne \(quoted(written)) après la ligne \(lastRow) : les lignes doivent croître, entre 1 et 1048576")
            }
            lastRow = r
            inRow = true
            self.bytes.removeAll(keepingCapacity: true)
            ranges.removeAll(keepingCapacity: true)
            nextColumn = 0
        case 3 where XMLScanner.equals(bytes, local, "rPh"): inPhonetic = true
        default: break
        }
        return nil
    }

    mutating func end(_ local: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, _ body: (SheetRow) -> Bool) -> Outcome? {
        switch local.count {
        case 1 where bytes[local.lowerBound] == UInt8(ascii: "v") || bytes[local.lowerBound] == UInt8(ascii: "t"): reading = false
        case 1 where bytes[local.lowerBound] == UInt8(ascii: "c"): return endCell()
        case 3 where XMLScanner.equals(bytes, local, "row"):
            inRow = false
            let go = self.bytes.withUnsafeBufferPointer { body(SheetRow(line: lastRow, bytes: $0, cells: ranges)) }
            if !go { return .stopped }
        case 3 where XMLScanner.equals(bytes, local, "rPh"): inPhonetic = false
        default: break
        }
        return nil
    }

    private mutating func endCell() -> Outcome? {
        let start = min(valueStart, bytes.count)
        // Cells past Excel's last column (XFD) are not a table's: ignored.
        guard column < 16_384 else {
            bytes.removeSubrange(start...)
            return nil
        }
        guard bytes.withUnsafeBufferPointer({ UTF8Check.isWellFormed($0[start...]) }) else {
            return .failed("texte qui n'est pas de l'UTF-8 valide")
        }
        guard cells.convert(&bytes, from: start, kind: kind, style: style, column: column) else {
            let raw = String(decoding: bytes[start...], as: UTF8.self)
            return .problem("la ligne \(lastRow) renvoie au texte partagé \(quoted(raw)), que le classeur ne contient pas")
        }
        if column >= ranges.count { ranges.append(contentsOf: repeatElement(0..<0, count: column - ranges.count + 1)) }
        ranges[column] = start..<bytes.count
        nextColumn = column + 1
        return nil
    }

    /// `C12` → 2 (zero-based column of a cell reference); nil without letters or past three.
    static func column(_ reference: UnsafeBufferPointer<UInt8>) -> Int? {
        var n = 0
        var letters = 0
        for u in reference {
            guard u >= 65 && u <= 90 || u >= 97 && u <= 122 else { break }
            n = n * 26 + Int((u | 0x20) - 96)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : n - 1
    }
}
