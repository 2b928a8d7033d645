import Foundation
import ZIPFoundation

/// An `.xlsx` input (registrations or evaluations exported by a tool as a workbook): the
/// first visible sheet, or the job's `sheet:`, read as a table whose first non-empty row is
/// the header. Read streaming (docs/decisions.md, « .xlsx inputs »): the shared strings and
/// the styles are read once, whole (they are small); the sheet is inflated a few chunks at
/// a time, in memory (`InflatingStream`), and read one row at a time by `SheetReader`, so
/// a sheet of a million rows is never held in memory nor written to disk.
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
        let shared: [String]
        do {
            shared = try XLSXParts.sharedStrings(try part("xl/sharedStrings.xml", cap: Self.maxSharedStringsBytes) ?? Data())
        } catch let problem as SheetReader.Problem {
            throw IngestError.badWorkbook(
                path: path, reason: "les textes partagés du classeur (xl/sharedStrings.xml) ne sont pas du XML lisible (\(problem.reason))")
        }
        let styles = XLSXParts.numberStyles(try part("xl/styles.xml") ?? Data())
        var cells = SheetCells(shared: shared, dateStyles: styles.dates, date1904: XLSXParts.isDate1904(workbook))
        // The header: the first row with something in it.
        var found: [String]?
        _ = try Self.rows(of: sheetPart, cells: cells, path: path) { row in
            guard !row.isBlank else { return true }
            found = row.texts
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
        _ = try Self.rows(of: sheetPart, cells: cells, path: path) { row in
            guard !row.isBlank else { return true }
            if !pastHeader {
                pastHeader = true
                return true
            }
            fields.load(row: row, body)
            return true
        }
        let (bytes, sha256) = try digest.wait()
        return CSVTable.Read(bytes: bytes, sha256: sha256)
    }

    /// Streams the rows of a sheet's XML, inflated as it is read; `body` returns false to stop.
    private static func rows(of part: ZipPart, cells: SheetCells, path: String, _ body: (SheetRow) -> Bool) throws -> Bool {
        let stream = InflatingStream(url: URL(fileURLWithPath: path), part: part)
        var reader = SheetReader(cells: cells)
        let outcome: Result<Bool, SheetReader.Problem>
        do {
            outcome = .success(try reader.read(stream.next, body))
        } catch {
            outcome = .failure(error)
        }
        stream.close()
        // A sheet cut short by its inflation reads as broken XML: the inflation's failure is the reason.
        if let overrun = stream.failure as? ZipPart.Overrun { throw IngestError.badWorkbook(path: path, reason: overrun.reason) }
        if stream.failure != nil {
            throw IngestError.badWorkbook(
                path: path,
                reason: "la feuille ne se décompresse pas (archive abîmée vers la ligne \(reader.lastRow + 1)) ; exportez-le de nouveau")
        }
        switch outcome {
        case .success(let finished): return finished
        case .failure(let problem): throw IngestError.badWorkbook(path: path, reason: problem.reason)
        }
    }
}
