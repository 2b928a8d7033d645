import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An `.xlsx` input (registrations or evaluations exported by a tool as a workbook): the
/// first visible sheet, or the job's `sheet:`, read as a table whose first non-empty row is
/// the header. Read streaming (docs/decisions.md, « .xlsx inputs »): the shared strings and
/// the styles are read once, whole (they are small); the sheet is inflated a few chunks at
/// a time, in memory (`InflatingStream`), and parsed by Foundation's `XMLParser` one row
/// at a time, so a sheet of a million rows is never held in memory nor written to disk.
/// Every part is read no further than it declares and than its cap (`ZipPart`). Line
/// numbers are the sheet's row numbers; dates stored as serial numbers become ISO dates,
/// times in an hours column hours, numbers their shortest text, so the validators read
/// them as they read a CSV's.
final class XLSXTable {
    let path: String
    let sheet: String
    /// Hidden sheets passed over to find the first visible one (none when the job names the sheet).
    let hiddenSkipped: [String]
    let header: [String]
    let columns: [String]
    private let fileIndex: [Int]
    private let personal: Set<Int>
    private let cells: SheetCells
    /// The sheet's part in the archive, inflated anew by each pass.
    private let sheetPart: ZipPart

    /// Whether the bytes at `path` are a zip archive (an `.xlsx` saved under any name).
    static func isZip(_ path: String) -> Bool { WorkbookKind.firstBytes(path, 4) == Data([0x50, 0x4B, 0x03, 0x04]) }

    init(path: String, schema: TableSchema, mapping: InputMapping) throws {
        self.path = path
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw WorkbookKind.unreadable(path: path)
        }
        func part(_ name: String, cap: UInt64 = Self.maxPartBytes) throws -> Data? {
            guard let entry = archive[name] else { return nil }
            do {
                return try ZipPart(entry, cap: cap).data(from: archive, entry)
            } catch let overrun as ZipPart.Overrun {
                throw IngestError.badWorkbook(path: path, reason: overrun.reason)
            } catch {
                throw IngestError.badWorkbook(
                    path: path, reason: "la partie \(name) du classeur ne se décompresse pas (archive abîmée) ; exportez-le de nouveau")
            }
        }
        guard let workbook = try part("xl/workbook.xml") else { throw WorkbookKind.notWorkbook(path: path, archive: archive) }
        let sheets = XLSXParts.sheets(workbook: workbook, relations: try part("xl/_rels/workbook.xml.rels") ?? Data())
        guard !sheets.isEmpty else { throw IngestError.badWorkbook(path: path, reason: "le classeur n'a aucune feuille") }
        let chosen: XLSXParts.Sheet
        if let wanted = mapping.sheet {
            guard let hit = sheets.first(where: { TextKey.of($0.name) == TextKey.of(wanted) }) else {
                throw IngestError.noSheet(path: path, sheet: wanted, found: sheets.map(\.name))
            }
            chosen = hit
            hiddenSkipped = []
        } else {
            // The first sheet the user sees: a hidden one (a lookup table, a macro's
            // scratch) is not the export's table unless the job names it.
            guard let visible = sheets.first(where: { !$0.hidden }) else {
                throw IngestError.badWorkbook(
                    path: path,
                    reason:
                        "toutes les feuilles du classeur sont masquées (\(IngestError.list(sheets.map(\.name)))) ; nommez celle à lire avec « sheet: » dans le fichier de tâche"
                )
            }
            chosen = visible
            hiddenSkipped = sheets.prefix { $0.hidden }.map(\.name)
        }
        sheet = chosen.name
        guard let entry = archive[chosen.part] else {
            throw IngestError.badWorkbook(path: path, reason: "la feuille « \(chosen.name) » (\(chosen.part)) manque dans le classeur")
        }
        do {
            sheetPart = try ZipPart(entry, cap: Self.maxSheetBytes)
        } catch let overrun as ZipPart.Overrun {
            throw IngestError.badWorkbook(path: path, reason: overrun.reason)
        }
        guard let shared = XLSXParts.sharedStrings(try part("xl/sharedStrings.xml", cap: Self.maxSharedStringsBytes) ?? Data()) else {
            throw IngestError.badWorkbook(
                path: path, reason: "les textes partagés du classeur (xl/sharedStrings.xml) ne sont pas du XML lisible")
        }
        let styles = XLSXParts.numberStyles(try part("xl/styles.xml") ?? Data())
        var cells = SheetCells(shared: shared, dateStyles: styles.dates, date1904: XLSXParts.isDate1904(workbook))
        // The header: the first row with something in it.
        var found: [String]?
        _ = try Self.rows(of: sheetPart, cells: cells, path: path) { _, values in
            guard values.contains(where: { !$0.isEmpty }) else { return true }
            found = values
            return false
        }
        guard let found else { throw IngestError.emptyFile(path: path) }
        header = found.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        (columns, fileIndex) = try CSVTable.map(header: header, schema: schema, mapping: mapping, path: path)
        personal = Set(zip(columns, fileIndex).filter { CSVTable.personalColumns.contains($0.0) }.map(\.1))
        // « 7:00 » typed in an hours column is 7/24 of a day in the cell: read as hours.
        cells.timeStyles = styles.times
        cells.hourColumns = Set(zip(columns, fileIndex).filter { Self.hourColumns.contains($0.0) }.map(\.1))
        self.cells = cells
    }

    /// The canonical columns that hold a number of hours: a time-formatted cell there is a
    /// duration (`[h]:mm`), read as hours.
    static let hourColumns: Set<String> = ["hours_attended"]

    /// The largest sheet (inflated), shared strings and other part read: far past any
    /// export (a million rows of registrations is about 400 MB of sheet), short of the
    /// memory or the hours a zip bomb asks for. Stated in the README (« Inputs, in short »).
    static let maxSheetBytes: UInt64 = 4 << 30
    static let maxSharedStringsBytes: UInt64 = 256 << 20
    static let maxPartBytes: UInt64 = 64 << 20

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
            _ = try Self.rows(of: sheetPart, cells: cells, path: path) { line, values in
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

    /// Streams the rows of a sheet's XML, inflated as it is parsed; `body` returns false to stop.
    private static func rows(of part: ZipPart, cells: SheetCells, path: String, _ body: @escaping (Int, [String]) -> Bool) throws
        -> Bool
    {
        let stream = InflatingStream(url: URL(fileURLWithPath: path), part: part)
        let parser = XMLParser(stream: stream)
        let reader = SheetReader(cells: cells, onRow: body)
        parser.delegate = reader
        let finished = parser.parse()
        stream.close()
        if let overrun = stream.failure as? ZipPart.Overrun { throw IngestError.badWorkbook(path: path, reason: overrun.reason) }
        if stream.failure != nil {
            throw IngestError.badWorkbook(
                path: path,
                reason: "la feuille ne se décompresse pas (archive abîmée vers la ligne \(reader.lastRow + 1)) ; exportez-le de nouveau")
        }
        if let problem = reader.problem { throw IngestError.badWorkbook(path: path, reason: problem) }
        if !finished && !reader.stopped {
            let why = parser.parserError.map { "\($0.localizedDescription)" } ?? "XML mal formé"
            throw IngestError.badWorkbook(path: path, reason: "le XML de la feuille est cassé vers la ligne \(reader.lastRow + 1) (\(why))")
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
    /// Style indices whose number format shows a time or a duration (`h:mm`, `[h]:mm`).
    var timeStyles: Set<Int> = []
    /// The sheet's columns that hold hours (`hours_attended`): there a time-formatted cell
    /// is a duration, a fraction of a day, read as hours.
    var hourColumns: Set<Int> = []

    /// The cell's text; nil for a shared string the workbook does not hold.
    func text(_ raw: String, type: String, style: Int, column: Int = -1) -> String? {
        switch type {
        case "s": return Int(raw).flatMap { shared.indices.contains($0) ? shared[$0] : nil }
        case "inlineStr", "str", "e", "d": return raw
        case "b": return raw == "1" ? "TRUE" : "FALSE"
        default:
            guard !raw.isEmpty, let number = Double(raw), number.isFinite else { return raw }
            if dateStyles.contains(style) { return Self.isoDate(serial: number, date1904: date1904) ?? raw }
            if timeStyles.contains(style) && hourColumns.contains(column) { return Self.shortest(Self.hours(days: number)) }
            return Self.shortest(number)
        }
    }

    /// A duration stored as a fraction of a day, in hours to the second: 0.2916… (« 7:00 ») → 7,
    /// 0.3055… (« 7:20 ») → 7.333….
    static func hours(days: Double) -> Double {
        guard abs(days) < 1e9 else { return days * 24 }
        return (days * 86_400).rounded() / 3_600
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
            guard let value = cells.text(text, type: type, style: style, column: column) else {
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
