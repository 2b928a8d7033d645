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
    /// on failure the partial file is removed.
    public static func write(
        _ sheets: [SheetPlan], properties: Properties, to path: String,
        constantMemoryRows: Int = defaultConstantMemoryRows
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
            for plan in sheets { try write(plan, into: workbook, footer: footer, constantMemory: constantMemory) }
            try workbook.close()
        } catch let error as XlsxError {
            unlink(path)
            if error.operation.hasPrefix("write ") { throw OutputError.notWritable(path: path, reason: error.reason) }
            throw OutputError.workbook(path: path, reason: error.description)
        }
    }

    static func write(_ plan: SheetPlan, into workbook: Workbook, footer: String, constantMemory: Bool) throws {
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
        // Rows strictly in order, each height set just before its cells (constant-memory
        // mode flushes a row as soon as the next one starts).
        for (r, row) in plan.rows.enumerated() {
            if let height = plan.rowHeights[r] { try sheet.setRow(r, height: height) }
            for (c, cell) in row.enumerated() {
                if let name = names[r]?[c] {
                    try write(Cell(.text(name), cell.role), row: r, column: c, on: sheet)
                } else {
                    try write(cell, row: r, column: c, on: sheet)
                }
            }
        }
        if let generated = plan.generated {
            var writer = RowWriter(sheet: sheet, workbook: workbook)
            for i in 0..<generated.count {
                writer.row = plan.rows.count + i
                writer.flagged = false
                try generated.write(i, &writer)
            }
        }
    }

    static func write(_ cell: Cell, row: Int, column: Int, on sheet: Worksheet) throws {
        switch cell.value {
        case .empty:
            if cell.role == .header { try sheet.writeBlank(row: row, column: column, format: look(.header, nil)) }
        case .text(let s): try sheet.write(text: clip(s), row: row, column: column, format: look(cell.role, nil))
        case .note(let s): try sheet.write(text: clip(s), row: row, column: column, format: noteLook)
        case .link(let target, let text):
            let escaped = target.replacingOccurrences(of: "'", with: "''")
            try sheet.write(
                url: "internal:'\(escaped)'!A1", text: text, row: row, column: column,
                format: CellFormat(fontColor: 0x0563C1, alignTop: true))
        case .fileLink(let path, let text):
            try sheet.write(
                url: "external:" + path, text: text, row: row, column: column, format: CellFormat(fontColor: 0x0563C1, alignTop: true))
        case .number(let x, let style): try sheet.write(number: x, row: row, column: column, format: look(cell.role, numberFormat(style)))
        case .date(let d): try sheet.write(number: d.excelSerial, row: row, column: column, format: look(cell.role, "dd/mm/yyyy"))
        case .month(let d): try sheet.write(number: d.excelSerial, row: row, column: column, format: look(cell.role, Self.monthFormat))
        case .dateTime(let t):
            let format = t.secondsOfDay == nil ? "dd/mm/yyyy" : "dd/mm/yyyy hh:mm"
            try sheet.write(number: t.excelSerial, row: row, column: column, format: look(cell.role, format))
        }
    }

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
