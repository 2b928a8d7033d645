import Foundation

/// An input opened for streaming: a CSV file or an `.xlsx` workbook's sheet, with the
/// canonical columns it holds. The pipeline reads either the same way.
protocol InputTable {
    var path: String { get }
    /// Canonical names of the columns found, in `RecordFields` order.
    var columns: [String] { get }
    var unusedHeaders: [String] { get }
    /// Each canonical column's header as the file has it.
    var headerOf: [String: String] { get }
    /// How the file was read, for the log and Synthèse: its encoding (or the workbook's
    /// sheet) and its separator (nil for a workbook).
    var encodingName: String { get }
    var separatorName: String? { get }
    /// Calls `body` for each non-blank data record, in order.
    func forEachRecord(_ body: (RecordFields) -> Void) throws -> CSVTable.Read
}

enum InputTables {
    /// Opens `path` as a CSV, or as a workbook when its bytes are a zip archive whatever
    /// its name (`.xlsx`); `.xls` and `.ods` files get an error saying how to save them.
    static func open(_ path: String, schema: TableSchema, mapping: InputMapping) throws -> any InputTable {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        if ext == "ods" { throw IngestError.unsupportedFormat(path: path, format: "OpenDocument (.ods)") }
        if WorkbookKind.isOLE(path) { throw WorkbookKind.oleError(path: path) }
        if ext == "xls" { throw IngestError.unsupportedFormat(path: path, format: "Excel 97-2003 (.xls)") }
        guard FileManager.default.fileExists(atPath: path) else { throw IngestError.fileNotFound(path: path) }
        if XLSXTable.isZip(path) { return try XLSXTable(path: path, schema: schema, mapping: mapping) }
        if ext == "xlsx" { throw WorkbookKind.notZip(path: path) }
        return try CSVTable(path: path, schema: schema, mapping: mapping)
    }
}

extension CSVTable: InputTable {
    var encodingName: String { encoding.rawValue }
    var separatorName: String? { String(separator) }
}

extension XLSXTable: InputTable {
    var encodingName: String { "classeur .xlsx, feuille « \(sheet) »" }
    var separatorName: String? { nil }
}
