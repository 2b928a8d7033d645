import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An `.xlsx` input (registrations or evaluations exported by a tool as a workbook): the
/// first sheet, or the job's `sheet:`, read as a table whose first non-empty row is the
/// header. Read streaming (docs/decisions.md, « .xlsx inputs »): the shared strings and
/// the styles are read once, whole (they are small); the sheet is decompressed to a
/// temporary file by ZIPFoundation and parsed by Foundation's `XMLParser` from a stream,
/// one row at a time, so a sheet of a million rows is never held in memory. Line numbers
/// are the sheet's row numbers; dates stored as serial numbers become ISO dates, numbers
/// their shortest text, so the validators read them as they read a CSV's.
final class XLSXTable {
    let path: String
    let sheet: String
    let header: [String]
    let columns: [String]
    private let fileIndex: [Int]
    private let personal: Set<Int>
    private let cells: SheetCells
    /// The sheet's XML, decompressed; removed when the table goes.
    private let sheetFile: URL

    /// Whether the bytes at `path` are a zip archive (an `.xlsx` saved under any name).
    static func isZip(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let magic = (try? handle.read(upToCount: 4)) ?? Data()
        return magic == Data([0x50, 0x4B, 0x03, 0x04])
    }

    init(path: String, schema: TableSchema, mapping: InputMapping) throws {
        self.path = path
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw IngestError.unreadable(path: path, reason: "not a readable .xlsx workbook (\(error))")
        }
        func part(_ name: String) throws -> Data? {
            guard let entry = archive[name] else { return nil }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: true) { data.append($0) }
            } catch {
                throw IngestError.unreadable(path: path, reason: "the workbook's part \(name) cannot be read (\(error))")
            }
            return data
        }
        guard let workbook = try part("xl/workbook.xml") else {
            throw IngestError.unreadable(path: path, reason: "not an .xlsx workbook: xl/workbook.xml is missing")
        }
        let sheets = XLSXParts.sheets(workbook: workbook, relations: try part("xl/_rels/workbook.xml.rels") ?? Data())
        guard !sheets.isEmpty else { throw IngestError.unreadable(path: path, reason: "the workbook has no sheet") }
        let chosen: (name: String, part: String)
        if let wanted = mapping.sheet {
            guard let hit = sheets.first(where: { TextKey.of($0.name) == TextKey.of(wanted) }) else {
                throw IngestError.noSheet(path: path, sheet: wanted, found: sheets.map(\.name))
            }
            chosen = hit
        } else {
            chosen = sheets[0]
        }
        sheet = chosen.name
        guard let entry = archive[chosen.part] else {
            throw IngestError.unreadable(path: path, reason: "the sheet '\(chosen.name)' (\(chosen.part)) is missing from the workbook")
        }
        cells = SheetCells(
            shared: XLSXParts.sharedStrings(try part("xl/sharedStrings.xml") ?? Data()),
            dateStyles: XLSXParts.dateStyles(try part("xl/styles.xml") ?? Data()))
        sheetFile = FileManager.default.temporaryDirectory.appendingPathComponent("coopreport-sheet-\(UUID().uuidString).xml")
        do {
            _ = try archive.extract(entry, to: sheetFile, skipCRC32: true)
        } catch {
            try? FileManager.default.removeItem(at: sheetFile)
            throw IngestError.unreadable(path: path, reason: "the sheet '\(chosen.name)' cannot be decompressed (\(error))")
        }
        // The header: the first row with something in it.
        var found: [String]?
        _ = try Self.rows(of: sheetFile, cells: cells, path: path) { _, values in
            guard values.contains(where: { !$0.isEmpty }) else { return true }
            found = values
            return false
        }
        guard let found else {
            try? FileManager.default.removeItem(at: sheetFile)
            throw IngestError.emptyFile(path: path)
        }
        header = found.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        do {
            (columns, fileIndex) = try CSVTable.map(header: header, schema: schema, mapping: mapping, path: path)
        } catch {
            try? FileManager.default.removeItem(at: sheetFile)
            throw error
        }
        personal = Set(zip(columns, fileIndex).filter { CSVTable.personalColumns.contains($0.0) }.map(\.1))
    }

    deinit { try? FileManager.default.removeItem(at: sheetFile) }

    /// Header cells that no canonical column reads.
    var unusedHeaders: [String] {
        let used = Set(fileIndex)
        return header.enumerated().filter { !used.contains($0.offset) && !$0.element.isEmpty }.map(\.element)
    }

    /// Calls `body` for each non-blank row after the header, in sheet order.
    func forEachRecord(_ body: (RecordFields) -> Void) throws -> CSVTable.Read {
        let digest = BackgroundDigest(path: path)
        var fields = RecordLoader(encoding: .utf8, width: header.count, fileIndex: fileIndex, separator: 0x3B, personal: personal)
        var pastHeader = false
        // The parser's delegate keeps the closure, but only while `rows` runs.
        try withoutActuallyEscaping(body) { body in
            _ = try Self.rows(of: sheetFile, cells: cells, path: path) { line, values in
                guard values.contains(where: { !$0.isEmpty }) else { return true }
                if !pastHeader {
                    pastHeader = true
                    return true
                }
                fields.load(cells: values, line: line, body)
                return true
            }
        }
        let (bytes, sha256) = try digest.wait()
        return CSVTable.Read(bytes: bytes, sha256: sha256)
    }

    /// Streams the rows of a sheet's XML; `body` returns false to stop.
    private static func rows(of file: URL, cells: SheetCells, path: String, _ body: @escaping (Int, [String]) -> Bool) throws -> Bool {
        guard let stream = InputStream(url: file) else { throw IngestError.unreadable(path: path, reason: "the sheet cannot be read back") }
        let parser = XMLParser(stream: stream)
        let reader = SheetReader(cells: cells, onRow: body)
        parser.delegate = reader
        let finished = parser.parse()
        if !finished && !reader.stopped {
            let why = parser.parserError.map { "\($0.localizedDescription)" } ?? "malformed XML"
            throw IngestError.unreadable(path: path, reason: "the sheet's XML is broken near row \(reader.lastRow + 1) (\(why))")
        }
        return finished
    }
}

/// How a cell's stored value becomes the text the validators read.
struct SheetCells: Sendable {
    let shared: [String]
    /// Style indices (`s`) whose number format is a date.
    let dateStyles: Set<Int>

    func text(_ raw: String, type: String, style: Int) -> String {
        switch type {
        case "s": return Int(raw).flatMap { shared.indices.contains($0) ? shared[$0] : nil } ?? ""
        case "inlineStr", "str", "e", "d": return raw
        case "b": return raw == "1" ? "TRUE" : "FALSE"
        default:
            guard !raw.isEmpty, let number = Double(raw), number.isFinite else { return raw }
            if dateStyles.contains(style) { return Self.isoDate(serial: number) ?? raw }
            return Self.shortest(number)
        }
    }

    /// `7` for 7.0, `3.5` for 3.5: how the number would be typed.
    static func shortest(_ x: Double) -> String {
        if x.rounded() == x, abs(x) < 1e15 { return String(Int64(x)) }
        return String(x)
    }

    /// An Excel serial (days since 1899-12-30, the time as the fraction) as `2022-06-30`
    /// or `2022-06-30T14:05:00`.
    static func isoDate(serial: Double) -> String? {
        guard serial >= 1, serial < 2_958_466 else { return nil }  // 1900-01-01 … 9999-12-31
        let days = Int(serial.rounded(.down))
        let seconds = Int(((serial - Double(days)) * 86_400).rounded())
        let day = Day(daysSinceEpoch: days - 25_569 + seconds / 86_400)
        let s = seconds % 86_400
        guard s != 0 else { return day.iso }
        return day.iso + String(format: "T%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
    }
}

/// Builds rows from a sheet's XML events: `<row r>`, `<c r t s>`, `<v>`, inline `<is><t>`.
private final class SheetReader: NSObject, XMLParserDelegate {
    let cells: SheetCells
    let onRow: (Int, [String]) -> Bool
    private(set) var lastRow = 0
    private(set) var stopped = false
    private var values: [String] = []
    private var column = 0, nextColumn = 0
    private var type = "n", style = 0
    private var text = ""
    private var reading = false
    private var inPhonetic = false

    init(cells: SheetCells, onRow: @escaping (Int, [String]) -> Bool) {
        self.cells = cells
        self.onRow = onRow
    }

    private static func local(_ name: String) -> Substring { name.split(separator: ":").last ?? Substring(name) }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch Self.local(elementName) {
        case "row":
            lastRow = attributes["r"].flatMap { Int($0) } ?? lastRow + 1
            values.removeAll(keepingCapacity: true)
            nextColumn = 0
        case "c":
            column = attributes["r"].flatMap(Self.column) ?? nextColumn
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap { Int($0) } ?? 0
            text = ""
        case "v": reading = true
        case "t": reading = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if reading { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        switch Self.local(elementName) {
        case "v", "t": reading = false
        case "rPh": inPhonetic = false
        case "c":
            // Cells past Excel's last column (XFD) are not a table's: ignored.
            guard column < 16_384 else { return }
            if column >= values.count { values.append(contentsOf: repeatElement("", count: column - values.count + 1)) }
            values[column] = cells.text(text, type: type, style: style)
            nextColumn = column + 1
        case "row":
            if !onRow(lastRow, values) {
                stopped = true
                parser.abortParsing()
            }
        default: break
        }
    }

    /// `C12` → 2 (zero-based column of a cell reference).
    static func column(_ reference: String) -> Int? {
        var n = 0
        var letters = 0
        for u in reference.utf8 {
            guard u >= 65 && u <= 90 || u >= 97 && u <= 122 else { break }
            n = n * 26 + Int((u | 0x20) - 96)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : n - 1
    }
}
