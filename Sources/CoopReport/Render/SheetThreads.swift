import XlsxWriter

/// The sheets' cells written on both cores: at a million registrations the workbook holds
/// two lists of a hundred thousand rows (Commentaires, Alertes), and libxlsxwriter, in
/// constant-memory mode only, writes each sheet's rows to a file of its own as they come
/// (texts inline, not in the table of strings the sheets share otherwise). The largest
/// sheets go to the other core, this one writes the rest; the workbook is closed (zipped)
/// once both are done. For constant-memory workbooks only (`WorkbookWriter.write`).
enum SheetThreads {
    static func write(_ sheets: [WorkbookWriter.SheetSetUp], workbook: Workbook, minimumRows: Int = WorkbookWriter.defaultTwoCoresRows)
        throws
    {
        let other = otherThread(sheets.map(\.plan.rowCount), minimumRows: minimumRows)
        // What the other thread needs is made here: it makes no format of its own.
        let handed = Handed(
            sheets: other.map { sheets[$0] },
            rows: other.map { WorkbookWriter.rowWriter(for: sheets[$0], in: workbook) },
            formats: workbook.prepare(other.lazy.flatMap { looks(sheets[$0]) }))
        let theirs = Background {
            Result {
                let formats = SheetFormats(handed.formats)
                for (sheet, rows) in zip(handed.sheets, handed.rows) {
                    try WorkbookWriter.writeCells(sheet, formats: formats, rows: rows)
                }
            }
        }
        let mine = Result {
            let formats = SheetFormats(workbook)
            for (i, sheet) in sheets.enumerated() where !other.contains(i) {
                try WorkbookWriter.writeCells(sheet, formats: formats, rows: WorkbookWriter.rowWriter(for: sheet, in: workbook))
            }
        }
        let done = theirs.take()  // waited for even when this thread failed
        try mine.get()
        try done.get()
    }

    /// The sheets (indices) for the other thread: the largest first, each to the side with
    /// fewer rows so far; none when the workbook is small or has one sheet.
    static func otherThread(_ rows: [Int], minimumRows: Int = WorkbookWriter.defaultTwoCoresRows) -> [Int] {
        guard rows.count > 1, rows.reduce(0, +) >= minimumRows else { return [] }
        var (mine, theirs) = (0, 0)
        var other: [Int] = []
        for i in rows.indices.sorted(by: { rows[$0] > rows[$1] }) {
            if theirs < mine || (theirs == mine && other.isEmpty) {
                other.append(i)
                theirs += rows[i]
            } else {
                mine += rows[i]
            }
        }
        return other.sorted()
    }

    /// The looks of a sheet's planned cells, in order of first use (its generated rows'
    /// looks are made by their `RowWriter`).
    static func looks(_ sheet: WorkbookWriter.SheetSetUp) -> [CellFormat] {
        var seen: [CellFormat] = []
        for (r, row) in sheet.plan.rows.enumerated() {
            for (c, cell) in row.enumerated() {
                guard let look = WorkbookWriter.look(of: WorkbookWriter.cell(cell, row: r, column: c, in: sheet)) else { continue }
                if !seen.contains(look) { seen.append(look) }
            }
        }
        return seen
    }

    /// The other thread's share; unchecked because the worksheets, row writers and formats
    /// are used by that thread alone until it is waited for.
    private struct Handed: @unchecked Sendable {
        let sheets: [WorkbookWriter.SheetSetUp]
        let rows: [RowWriter?]
        let formats: PreparedFormats
    }
}

/// Where a sheet's cells get their formats: the workbook itself, on the thread that made
/// it, or the formats prepared there for the other thread.
struct SheetFormats {
    private let workbook: Workbook?
    private let prepared: PreparedFormats?

    init(_ workbook: Workbook) {
        self.workbook = workbook
        prepared = nil
    }

    init(_ prepared: PreparedFormats) {
        workbook = nil
        self.prepared = prepared
    }

    func handle(_ look: CellFormat) throws -> FormatHandle {
        if let workbook { return workbook.handle(look) }
        guard let made = prepared?.handle(look) else {
            throw XlsxError(operation: "format", code: -1, reason: "a sheet written on the other core uses a format not made beforehand")
        }
        return made
    }
}
