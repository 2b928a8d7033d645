import Foundation
import XlsxWriter

/// Writes sheet plans to an `.xlsx` with libxlsxwriter.
public enum WorkbookWriter {
    /// Document properties.
    public struct Properties: Sendable {
        public var title: String
        public var subject: String
        public var author: String
        /// When the workbook was made: the run's start, from the pipeline's clock (the
        /// as-of date is in the title and subject, not here: the file was not made then).
        public var created: Date
        /// Custom properties (tool version, input hashes), in order.
        public var custom: [(name: String, value: String)]
        public init(title: String, subject: String, author: String, created: Date, custom: [(name: String, value: String)] = []) {
            self.title = title
            self.subject = subject
            self.author = author
            self.created = created
            self.custom = custom
        }
    }

    /// Writes the workbook at `path` (the caller passes a temporary name and renames it);
    /// on failure the partial file is removed. In constant-memory mode, from `twoCoresFrom`
    /// rows in all, the largest sheets are written on the other core (`SheetThreads`).
    public static func write(
        _ sheets: [SheetPlan], properties: Properties, to path: String,
        constantMemoryRows: Int = defaultConstantMemoryRows, twoCoresFrom: Int = defaultTwoCoresRows
    ) throws {
        // Past this many rows, libxlsxwriter's constant-memory mode keeps memory flat: rows
        // go to disk as they are written. Tables are then refused, so sheets get filter
        // buttons instead (docs: README, "Scale").
        let constantMemory = sheets.reduce(0) { $0 + $1.rowCount } > constantMemoryRows
        let footer = Self.footer(title: properties.title)
        do {
            let workbook = try Workbook(path: path, constantMemory: constantMemory)
            try workbook.setProperties(
                title: properties.title, subject: properties.subject,
                author: properties.author, created: Int(properties.created.timeIntervalSince1970.rounded(.down)))
            for (name, value) in properties.custom { try workbook.setCustomProperty(name, value) }
            // In constant-memory mode each sheet's rows go to a file of its own as they come: every
            // sheet is set up here, in order, then the largest sheets' cells are written on the
            // other core while this one writes the rest (`SheetThreads`). Otherwise the texts go
            // to the table of strings the sheets share, and one thread writes them all.
            if constantMemory, !SheetThreads.otherThread(sheets.map(\.rowCount), minimumRows: twoCoresFrom).isEmpty {
                let sheetsSetUp = try sheets.map { try setUp($0, into: workbook, footer: footer, constantMemory: constantMemory) }
                try SheetThreads.write(sheetsSetUp, workbook: workbook, minimumRows: twoCoresFrom)
            } else {
                for plan in sheets {
                    let sheet = try setUp(plan, into: workbook, footer: footer, constantMemory: constantMemory)
                    try writeCells(sheet, formats: SheetFormats(workbook), rows: rowWriter(for: sheet, in: workbook))
                }
            }
            try workbook.close()
        } catch let error as XlsxError {
            unlink(path)
            if error.operation.hasPrefix("write ") { throw OutputError.notWritable(path: path, reason: error.reason) }
            throw OutputError.workbook(path: path, reason: error.description)
        }
    }

    /// A sheet added to the workbook with its layout, print setup, tables and charts: what
    /// remains is to write its cells (`writeCells`).
    struct SheetSetUp {
        let plan: SheetPlan
        let sheet: Worksheet
        /// Header cells that must hold their table's column names (row → column → name).
        let names: [Int: [Int: String]]
    }

    static func setUp(_ plan: SheetPlan, into workbook: Workbook, footer: String, constantMemory: Bool) throws -> SheetSetUp {
        let sheet = try workbook.addWorksheet(named: plan.name)
        try sheet.setupPrint(
            landscape: !plan.portrait, pagesWide: plan.printPagesWide, pagesTall: plan.printPagesTall, repeatRows: plan.frozenRows,
            repeatColumns: plan.keyColumns, header: "&C&A", footer: footer)
        if let area = plan.printArea {
            try sheet.setPrintArea(firstRow: 0, firstColumn: 0, lastRow: area.lastRow, lastColumn: area.lastColumn)
        }
        if !plan.pageBreaks.isEmpty { try sheet.setPageBreaks(beforeRows: plan.pageBreaks) }
        if let scale = plan.printScale { sheet.setPrintScale(scale) }
        for (c, width) in plan.columnWidths.enumerated() {
            if plan.outlineColumns?.contains(c) == true {
                try sheet.setColumns(c, c, width: width, hidden: true, level: 1)
            } else {
                try sheet.setColumns(c, c, width: width)
            }
        }
        if let outline = plan.outlineColumns {
            // The column after the group carries its « + » button.
            try sheet.setColumns(outline.upperBound + 1, outline.upperBound + 1, width: 8.43, hidden: false, level: 0, collapsed: true)
        }
        // Tables, filters, highlights and charts first: in constant-memory mode libxlsxwriter
        // refuses any reference to a row already written.
        if plan.frozenRows > 0 { sheet.freezePanes(row: plan.frozenRows, column: 0) }
        // A table's header cells hold its column names exactly (unique, clipped), or Excel
        // repairs the file by dropping the table.
        var names: [Int: [Int: String]] = [:]
        for table in plan.tables where !constantMemory {
            for (i, name) in Worksheet.tableColumnNames(table.headers).enumerated() where name != table.headers[i] {
                names[table.headerRow, default: [:]][table.firstColumn + i] = name
            }
        }
        for table in plan.tables {
            if constantMemory {
                try sheet.autofilter(
                    firstRow: table.headerRow, firstColumn: table.firstColumn, lastRow: table.lastRow,
                    lastColumn: table.firstColumn + table.headers.count - 1)
                break  // one autofilter per sheet
            }
            try sheet.addTable(
                firstRow: table.headerRow, firstColumn: table.firstColumn, lastRow: table.lastRow,
                headers: table.headers, headerFormat: look(.header, nil))
        }
        for h in plan.highlights {
            try sheet.highlightBelow(
                h.below, firstRow: h.firstRow, firstColumn: h.firstColumn, lastRow: h.lastRow,
                lastColumn: h.lastColumn, format: missedTarget, above: h.above)
        }
        for chart in plan.charts { try insert(chart, on: sheet, sheetName: plan.name, workbook: workbook) }
        return SheetSetUp(plan: plan, sheet: sheet, names: names)
    }

    /// The cell as written: a table's header cell holds the table's column name.
    static func cell(_ cell: Cell, row: Int, column: Int, in sheet: SheetSetUp) -> Cell {
        guard let name = sheet.names[row]?[column] else { return cell }
        return Cell(.text(name), cell.role)
    }

    /// Writes the sheet's rows strictly in order, each height set just before its cells
    /// (constant-memory mode flushes a row as soon as the next one starts), then its
    /// generated rows with `rows`.
    static func writeCells(_ setUp: SheetSetUp, formats: SheetFormats, rows: RowWriter?) throws {
        let (plan, sheet) = (setUp.plan, setUp.sheet)
        for (r, row) in plan.rows.enumerated() {
            if let height = plan.rowHeights[r] { try sheet.setRow(r, height: height) }
            for (c, cell) in row.enumerated() {
                let shown = Self.cell(cell, row: r, column: c, in: setUp)
                let format = try look(of: shown).map { try formats.handle($0) }
                try write(shown, format: format, row: r, column: c, on: sheet)
            }
        }
        if let generated = plan.generated, var writer = rows {
            for i in 0..<generated.count {
                writer.row = plan.rows.count + i
                writer.flagged = false
                try generated.write(i, &writer)
            }
        }
    }

    /// The writer of a sheet's generated rows, its formats made in `workbook`; nil when the
    /// sheet has none.
    static func rowWriter(for sheet: SheetSetUp, in workbook: Workbook) -> RowWriter? {
        sheet.plan.generated == nil ? nil : RowWriter(sheet: sheet.sheet, workbook: workbook)
    }

    /// The look a cell is written with; nil for an empty cell that shows nothing.
    static func look(of cell: Cell) -> CellFormat? {
        switch cell.value {
        case .empty: cell.role == .header ? look(.header, nil) : nil
        case .text: look(cell.role, nil)
        case .note: noteLook
        case .link, .fileLink: linkLook
        case .number(_, let style): look(cell.role, numberFormat(style))
        case .date: look(cell.role, "dd/mm/yyyy")
        case .month: look(cell.role, Self.monthFormat)
        case .dateTime(let t): look(cell.role, t.secondsOfDay == nil ? "dd/mm/yyyy" : "dd/mm/yyyy hh:mm")
        }
    }

    /// Writes a cell with the format of its look (`look(of:)`).
    static func write(_ cell: Cell, format: FormatHandle?, row: Int, column: Int, on sheet: Worksheet) throws {
        guard let format else { return }  // an empty cell without a look
        switch cell.value {
        case .empty: try sheet.writeBlank(row: row, column: column, format: format)
        case .text(let s), .note(let s): try sheet.write(text: clip(s), row: row, column: column, format: format)
        case .link(let target, let text):
            let escaped = target.replacingOccurrences(of: "'", with: "''")
            try sheet.write(url: "internal:'\(escaped)'!A1", text: text, row: row, column: column, format: format)
        case .fileLink(let path, let text): try sheet.write(url: "external:" + path, text: text, row: row, column: column, format: format)
        case .number(let x, _): try sheet.write(number: x, row: row, column: column, format: format)
        case .date(let d): try sheet.write(number: d.excelSerial, row: row, column: column, format: format)
        case .month(let d): try sheet.write(number: d.excelSerial, row: row, column: column, format: format)
        case .dateTime(let t): try sheet.write(number: t.excelSerial, row: row, column: column, format: format)
        }
    }

    /// Links: blue, top-aligned.
    static let linkLook = CellFormat(fontColor: 0x0563C1, alignTop: true)

    /// The printed footer: the report's title at the left, its `&` doubled (« R&D » is not
    /// the code `&D`, the date), cut to fit Excel's 255 characters; the page at the right.
    static func footer(title: String) -> String {
        let right = "&RPage &P / &N"
        let room = Worksheet.maxNameLength - 2 - right.unicodeScalars.count
        let clean = XMLText.clean(title)
        let whole = clean.replacingOccurrences(of: "&", with: "&&")
        if whole.unicodeScalars.count <= room { return "&L\(whole)\(right)" }
        var left = String.UnicodeScalarView()
        var used = 0
        for scalar in clean.unicodeScalars {
            let width = scalar == "&" ? 2 : 1
            guard used + width <= room - 1 else {
                left.append("…")
                break
            }
            left.append(scalar)
            if scalar == "&" { left.append("&") }
            used += width
        }
        return "&L\(String(left))\(right)"
    }

    /// Excel refuses text over 32,767 characters: longer text is cut, and says so.
    static func clip(_ text: String) -> String {
        // Code points, as libxlsxwriter counts them (a grapheme count can be lower).
        let limit = Worksheet.maxStringLength
        guard text.utf8.count > limit, text.unicodeScalars.count > limit else { return text }
        let marker = " […] (texte tronqué : \(text.unicodeScalars.count) caractères)"
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit - marker.unicodeScalars.count))) + marker
    }

    /// A rate that misses its target: red, and with one decimal, since « 80 % » in red
    /// beside a target of 80 % must read 79.6 %.
    static let missedTarget = CellFormat(bold: true, numberFormat: percentWithDecimal, fontColor: 0x9C0006, fillColor: 0xFFC7CE)

    /// « 85 % », with the no-break space French puts before %.
    static let percent = "0\"\u{00A0}\"%"
    static let percentWithDecimal = "0.0\"\u{00A0}\"%"

    /// Total rows above which the workbook is written in constant-memory mode.
    public static let defaultConstantMemoryRows = 200_000

    /// Total rows from which the largest sheets are written on the other core: below, a
    /// thread would cost more than it saves.
    public static let defaultTwoCoresRows = 20_000

    /// A month as « juin 2022 » whatever the reader's language (LCID 040C: French).
    static let monthFormat = "[$-40C]mmmm yyyy"

    static func numberFormat(_ style: Cell.NumberStyle) -> String {
        switch style {
        case .integer: "0"
        case .decimal: "0.00"
        case .percent: percent
        case .euros: "#,##0.00 \"€\""
        case .hours: "#,##0.0"
        case .score: "0.0"
        case .atLeast: "\"≥\u{00A0}\"" + percent
        case .atMost: "\"≤\u{00A0}\"" + percent
        case .points: "+0.0\"\u{00A0}pt\";-0.0\"\u{00A0}pt\";0\"\u{00A0}pt\""
        }
    }

    /// Wrapped: « sans questionnaire » or « masqué (< 3 réponses) » in a narrow figure column
    /// reads whole on two lines rather than cut.
    static let noteLook = CellFormat(italic: true, fontColor: 0x7F7F7F, wrap: true, alignment: .right, alignTop: true)

    static func look(_ role: Cell.Role, _ numberFormat: String?) -> CellFormat {
        // Top-aligned everywhere, so a row with a wrapped cell reads from the top.
        var f = CellFormat(numberFormat: numberFormat, alignTop: true)
        switch role {
        case .body: break
        case .upwardHeader:
            f.bold = true
            f.wrap = true
            f.rotation = 90
            f.alignment = .center
            f.alignTop = false
        case .header, .numberHeader:
            f.bold = true
            f.wrap = true
            f.alignTop = true
            if role == .numberHeader { f.alignment = .right }
        case .title:
            f.bold = true
            f.fontSize = 14
        case .label: f.bold = true
        case .labelWrap:
            f.bold = true
            f.wrap = true
        case .wrap:
            f.wrap = true
            f.alignTop = true
        case .warning: f.fontColor = 0xC00000
        case .flagged: f.fillColor = 0xFFC7CE
        }
        return f
    }

    static func insert(_ plan: ChartPlan, on sheet: Worksheet, sheetName: String, workbook: Workbook) throws {
        let kind: ChartKind =
            switch plan.kind {
            case .column: .column
            case .barStackedPercent: .barStackedPercent
            case .line: .line
            }
        let chart = try workbook.addChart(kind)
        chart.setTitle(plan.title)
        for s in plan.series {
            try chart.addSeries(
                name: s.name,
                categories: .init(
                    sheet: sheetName, firstRow: s.categories.0, firstColumn: s.categories.1,
                    lastRow: s.categories.2, lastColumn: s.categories.3),
                values: .init(
                    sheet: sheetName, firstRow: s.values.0, firstColumn: s.values.1,
                    lastRow: s.values.2, lastColumn: s.values.3),
                markers: plan.monthly, color: s.color)
        }
        if plan.monthly {
            chart.setCategoryAxis(numberFormat: "[$-40C]mmm yyyy")
            chart.connectAcrossBlanks()
        }
        chart.setValueAxis(title: plan.valueAxisTitle, numberFormat: plan.valueAxisFormat, min: plan.valueAxisMin, max: plan.valueAxisMax)
        chart.legendAtBottom()
        try sheet.insert(chart, row: plan.anchorRow, column: plan.anchorColumn, xScale: plan.scale.x, yScale: plan.scale.y)
    }
}
