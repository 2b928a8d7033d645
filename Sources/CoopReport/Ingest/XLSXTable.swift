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
            throw IngestError.unreadable(path: path, reason: "classeur .xlsx illisible (\(error))")
        }
        func part(_ name: String) throws -> Data? {
            guard let entry = archive[name] else { return nil }
            guard entry.uncompressedSize <= Self.maxPartBytes else {
                throw IngestError.unreadable(
                    path: path,
                    reason: "la partie \(name) du classeur est trop grande une fois décompressée (\(entry.uncompressedSize) octets)")
            }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: true) { data.append($0) }
            } catch {
                throw IngestError.unreadable(path: path, reason: "la partie \(name) du classeur est illisible (\(error))")
            }
            return data
        }
        guard let workbook = try part("xl/workbook.xml") else {
            throw IngestError.unreadable(path: path, reason: "ce n'est pas un classeur .xlsx : xl/workbook.xml manque")
        }
        let sheets = XLSXParts.sheets(workbook: workbook, relations: try part("xl/_rels/workbook.xml.rels") ?? Data())
        guard !sheets.isEmpty else { throw IngestError.unreadable(path: path, reason: "le classeur n'a aucune feuille") }
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
            throw IngestError.unreadable(path: path, reason: "la feuille « \(chosen.name) » (\(chosen.part)) manque dans le classeur")
        }
        guard let shared = XLSXParts.sharedStrings(try part("xl/sharedStrings.xml") ?? Data()) else {
            throw IngestError.unreadable(
                path: path, reason: "les textes partagés du classeur (xl/sharedStrings.xml) ne sont pas du XML lisible")
        }
        cells = SheetCells(
            shared: shared, dateStyles: XLSXParts.dateStyles(try part("xl/styles.xml") ?? Data()),
            date1904: XLSXParts.isDate1904(workbook))
        // Decompressed into a private folder (names and e-mails inside), removed with the
        // table or by the signal handler; a sheet past the size cap is refused (zip bomb).
        guard entry.uncompressedSize <= Self.maxSheetBytes else {
            throw IngestError.unreadable(
                path: path,
                reason:
                    "la feuille « \(chosen.name) » occuperait \(entry.uncompressedSize) octets une fois décompressée (au plus \(Self.maxSheetBytes))"
            )
        }
        sheetFile = try Self.privateFile(path: path)
        do {
            _ = try archive.extract(entry, to: sheetFile, skipCRC32: true)
        } catch {
            Self.remove(sheetFile)
            throw IngestError.unreadable(path: path, reason: "la feuille « \(chosen.name) » ne peut pas être décompressée (\(error))")
        }
        // The header: the first row with something in it.
        var found: [String]?
        _ = try Self.rows(of: sheetFile, cells: cells, path: path) { _, values in
            guard values.contains(where: { !$0.isEmpty }) else { return true }
            found = values
            return false
        }
        guard let found else {
            Self.remove(sheetFile)
            throw IngestError.emptyFile(path: path)
        }
        header = found.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        do {
            (columns, fileIndex) = try CSVTable.map(header: header, schema: schema, mapping: mapping, path: path)
        } catch {
            Self.remove(sheetFile)
            throw error
        }
        personal = Set(zip(columns, fileIndex).filter { CSVTable.personalColumns.contains($0.0) }.map(\.1))
    }

    deinit { Self.remove(sheetFile) }

    /// The largest sheet (decompressed) and small part read: far past any export, short of
    /// filling a disk or the memory with a zip bomb.
    static let maxSheetBytes: UInt64 = 16 << 30
    static let maxPartBytes: UInt64 = 1 << 30

    /// A new file in a folder only this user can enter, registered for removal on a signal.
    private static func privateFile(path: String) throws -> URL {
        var template = Array(FileManager.default.temporaryDirectory.appendingPathComponent("coopreport-XXXXXX").path.utf8CString)
        let made = template.withUnsafeMutableBufferPointer { b in b.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) } }
        guard let folder = made else {
            throw IngestError.unreadable(
                path: path, reason: "pas de dossier temporaire privé où décompresser la feuille (\(SystemReason.of(errno: errno)))")
        }
        let file = URL(fileURLWithPath: folder).appendingPathComponent("sheet.xml")
        TemporaryFiles.shared.register(file.path)
        TemporaryFiles.shared.register(folder)
        return file
    }

    private static func remove(_ file: URL) {
        unlink(file.path)
        rmdir(file.deletingLastPathComponent().path)
        TemporaryFiles.shared.forget(file.path)
        TemporaryFiles.shared.forget(file.deletingLastPathComponent().path)
    }

    /// Header cells that no canonical column reads.
    var unusedHeaders: [String] { CSVTable.unused(header, fileIndex) }
    var headerOf: [String: String] { CSVTable.headers(columns, header, fileIndex) }

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
        guard let stream = InputStream(url: file) else {
            throw IngestError.unreadable(path: path, reason: "la feuille ne peut pas être relue")
        }
        let parser = XMLParser(stream: stream)
        let reader = SheetReader(cells: cells, onRow: body)
        parser.delegate = reader
        let finished = parser.parse()
        if let problem = reader.problem { throw IngestError.unreadable(path: path, reason: problem) }
        if !finished && !reader.stopped {
            let why = parser.parserError.map { "\($0.localizedDescription)" } ?? "XML mal formé"
            throw IngestError.unreadable(path: path, reason: "le XML de la feuille est cassé vers la ligne \(reader.lastRow + 1) (\(why))")
        }
        return finished
    }
}

/// How a cell's stored value becomes the text the validators read.
struct SheetCells: Sendable {
    let shared: [String]
    /// Style indices (`s`) whose number format is a date.
    let dateStyles: Set<Int>

    /// Reads the 1904 date system (Mac workbooks) as such.
    let date1904: Bool

    /// The cell's text; nil for a shared string the workbook does not hold.
    func text(_ raw: String, type: String, style: Int) -> String? {
        switch type {
        case "s": return Int(raw).flatMap { shared.indices.contains($0) ? shared[$0] : nil }
        case "inlineStr", "str", "e", "d": return raw
        case "b": return raw == "1" ? "TRUE" : "FALSE"
        default:
            guard !raw.isEmpty, let number = Double(raw), number.isFinite else { return raw }
            if dateStyles.contains(style) { return Self.isoDate(serial: number, date1904: date1904) ?? raw }
            return Self.shortest(number)
        }
    }

    /// `7` for 7.0, `3.5` for 3.5: how the number would be typed.
    static func shortest(_ x: Double) -> String {
        if x.rounded() == x, abs(x) < 1e15 { return String(Int64(x)) }
        return String(x)
    }

    /// An Excel serial as `2022-06-30` or `2022-06-30T14:05:00`: days since 1899-12-30 (the
    /// time as the fraction), except that serials 1–59 count from 1899-12-31 and 60 is
    /// Excel's 29 February 1900, which never was (nil); in the 1904 system, days since
    /// 1904-01-01.
    static func isoDate(serial: Double, date1904: Bool = false) -> String? {
        guard serial >= (date1904 ? 0 : 1), serial < 2_958_466 else { return nil }  // … 9999-12-31
        var value = serial
        if date1904 {
            value += 1462
        } else if serial < 61 {
            guard serial.rounded(.down) != 60 else { return nil }
            if serial < 60 { value += 1 }
        }
        let days = Int(value.rounded(.down))
        let seconds = Int(((value - Double(days)) * 86_400).rounded())
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
    /// Why the sheet cannot be read (a row number out of order or range, a missing shared
    /// string); the parse stops there.
    private(set) var problem: String?
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

    private func fail(_ parser: XMLParser, _ why: String) {
        guard problem == nil else { return }
        problem = why
        parser.abortParsing()
    }

    private static func local(_ name: String) -> Substring { name.split(separator: ":").last ?? Substring(name) }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch Self.local(elementName) {
        case "row":
            let r = attributes["r"].map { Int($0) ?? -1 } ?? lastRow + 1
            guard r > lastRow, r <= 1_048_576 else {
                fail(
                    parser,
                    "numéro de ligne \(quoted(attributes["r"] ?? "?")) après la ligne \(lastRow) : les lignes doivent croître, entre 1 et 1048576"
                )
                return
            }
            lastRow = r
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
            guard let value = cells.text(text, type: type, style: style) else {
                fail(parser, "la ligne \(lastRow) renvoie au texte partagé \(quoted(text)), que le classeur ne contient pas")
                return
            }
            values[column] = value
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
