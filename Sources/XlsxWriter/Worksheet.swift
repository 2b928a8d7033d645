import CXlsxWriter

/// One sheet of a `Workbook`. Rows and columns are zero-based.
public final class Worksheet {
    let raw: UnsafeMutablePointer<lxw_worksheet>
    /// The sheet's name, as shown on its tab.
    public let name: String
    unowned let workbook: Workbook

    /// Excel's longest string in a cell.
    public static let maxStringLength = 32_767
    /// Excel's last row (1,048,576 rows).
    public static let maxRows = 1_048_576

    init(raw: UnsafeMutablePointer<lxw_worksheet>, name: String, workbook: Workbook) {
        self.raw = raw
        self.name = name
        self.workbook = workbook
    }

    private func place(_ row: Int, _ column: Int) -> String { "\(name)!\(cellName(row: row, column: column))" }

    /// Writes text as a string cell (never a formula, whatever it starts with).
    /// Throws for text over 32,767 characters; U+FFFE and U+FFFF, which break the XML,
    /// are replaced by U+FFFD.
    public func write(text: String, row: Int, column: Int, format: CellFormat = .plain) throws {
        try write(text: text, row: row, column: column, format: workbook.handle(format))
    }

    /// `write(text:)` with a format made beforehand.
    public func write(text: String, row: Int, column: Int, format: FormatHandle) throws {
        // Counted as libxlsxwriter counts: code points. UTF-8 bytes bound them from above,
        // so the exact count is taken only for long text.
        let limit = Worksheet.maxStringLength
        guard text.utf8.count <= limit || text.unicodeScalars.count <= limit else {
            throw XlsxError(
                operation: "write_string at \(place(row, column))", code: -1,
                reason: "text of \(text.unicodeScalars.count) characters exceeds Excel's 32,767")
        }
        var safe = Worksheet.xmlSafe(text)
        // Escaping a literal `_xHHHH_` lengthens the text: a text at the limit loses its end.
        if safe.utf8.count > limit && safe.unicodeScalars.count > limit {
            safe = String(String.UnicodeScalarView(safe.unicodeScalars.prefix(limit)))
        }
        let status = safe.withCString {
            worksheet_write_string(raw, lxw_row_t(row), lxw_col_t(column), $0, format.pointer)
        }
        try check(status, "write_string at \(place(row, column))")
    }

    /// Writes a number. NaN and infinities are refused: Excel would have to repair the file.
    public func write(number: Double, row: Int, column: Int, format: CellFormat = .plain) throws {
        try write(number: number, row: row, column: column, format: workbook.handle(format))
    }

    /// Writes an empty cell that carries a format.
    public func writeBlank(row: Int, column: Int, format: CellFormat) throws {
        try writeBlank(row: row, column: column, format: workbook.handle(format))
    }

    /// `writeBlank` with a format made beforehand.
    public func writeBlank(row: Int, column: Int, format: FormatHandle) throws {
        try check(
            worksheet_write_blank(raw, lxw_row_t(row), lxw_col_t(column), format.pointer),
            "write_blank at \(place(row, column))")
    }

    /// Writes a hyperlink to another place, e.g. `internal:'Sessions'!A1`.
    public func write(url: String, text: String, row: Int, column: Int, format: CellFormat = .plain) throws {
        try write(url: url, text: text, row: row, column: column, format: workbook.handle(format))
    }

    /// `write(url:)` with a format made beforehand.
    public func write(url: String, text: String, row: Int, column: Int, format: FormatHandle) throws {
        let status = url.withCString { u in
            text.withCString { t in
                worksheet_write_url_opt(raw, lxw_row_t(row), lxw_col_t(column), u, format.pointer, t, nil)
            }
        }
        try check(status, "write_url at \(place(row, column))")
    }

    /// Sets the width (in characters) of columns `first...last`.
    public func setColumns(_ first: Int, _ last: Int, width: Double, format: CellFormat = .plain) throws {
        try check(
            worksheet_set_column(raw, lxw_col_t(first), lxw_col_t(last), width, workbook.format(format)),
            "set_column on \(name)")
    }

    /// Puts columns `first...last` in an outline group at `level` (1 = the first level),
    /// hidden when `hidden`; `collapsed` marks the column beside a hidden group whose
    /// button shows it again.
    public func setColumns(_ first: Int, _ last: Int, width: Double, hidden: Bool, level: Int, collapsed: Bool = false) throws {
        var options = lxw_row_col_options()
        options.hidden = hidden ? 1 : 0
        options.level = UInt8(clamping: level)
        options.collapsed = collapsed ? 1 : 0
        try check(
            worksheet_set_column_opt(raw, lxw_col_t(first), lxw_col_t(last), width, nil, &options),
            "set_column_opt on \(name)")
    }

    /// Sets a row's height in points.
    public func setRow(_ row: Int, height: Double) throws {
        try check(worksheet_set_row(raw, lxw_row_t(row), height, nil), "set_row on \(name)")
    }

    /// Keeps rows above `row` and columns left of `column` in view while scrolling.
    public func freezePanes(row: Int, column: Int) {
        worksheet_freeze_panes(raw, lxw_row_t(row), lxw_col_t(column))
    }

    /// Makes this the sheet shown when the file opens.
    public func activate() { worksheet_activate(raw) }

    /// Excel's longest table column name, header and footer.
    public static let maxNameLength = 255

    /// The names a table's columns get from `headers`: clipped to 255 characters, unique
    /// ignoring case as Excel requires (the second « S1 » or « s1 » becomes « s1 (2) »),
    /// never empty. Excel repairs a file whose table breaks these rules by dropping the
    /// table; the header cells must hold these same names.
    public static func tableColumnNames(_ headers: [String]) -> [String] {
        var used: Set<String> = []
        return headers.enumerated().map { i, header in
            let clean = xmlSafe(header)
            let base = clean.allSatisfy(\.isWhitespace) ? "Colonne \(i + 1)" : clean
            return XMLText.unique(base, limit: maxNameLength, in: &used)
        }
    }

    /// Turns a written range into an Excel table (filter buttons, banded rows). The
    /// header row is `firstRow`; `headers` name its columns (libxlsxwriter writes them),
    /// made valid by `tableColumnNames`.
    public func addTable(
        firstRow: Int, firstColumn: Int, lastRow: Int, headers: [String],
        headerFormat: CellFormat = .plain
    ) throws {
        guard !headers.isEmpty else { return }
        // libxlsxwriter copies every string it is given, so the C strings may live only
        // for this call.
        let cStrings = Worksheet.tableColumnNames(headers).map { strdup($0) }
        defer { for c in cStrings { free(c) } }
        var columns = cStrings.map { header -> lxw_table_column in
            var c = lxw_table_column()
            c.header = header
            c.header_format = workbook.format(headerFormat)
            return c
        }
        let status: lxw_error = columns.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return LXW_ERROR_NULL_PARAMETER_IGNORED }
            var pointers: [UnsafeMutablePointer<lxw_table_column>?] = (0..<buffer.count).map { base + $0 }
            pointers.append(nil)
            return pointers.withUnsafeMutableBufferPointer { list in
                var options = lxw_table_options()
                options.style_type = UInt8(LXW_TABLE_STYLE_TYPE_MEDIUM.rawValue)
                options.style_type_number = 2
                options.columns = list.baseAddress
                return worksheet_add_table(
                    raw, lxw_row_t(firstRow), lxw_col_t(firstColumn),
                    lxw_row_t(max(lastRow, firstRow + 1)),
                    lxw_col_t(firstColumn + headers.count - 1), &options)
            }
        }
        try check(status, "add_table on \(name)")
    }

    /// Places a chart with its top-left corner at a cell, scaled from 480×288 pixels.
    public func insert(_ chart: Chart, row: Int, column: Int, xScale: Double = 1, yScale: Double = 1) throws {
        var options = lxw_chart_options()
        options.x_scale = xScale
        options.y_scale = yScale
        try check(
            worksheet_insert_chart_opt(raw, lxw_row_t(row), lxw_col_t(column), chart.raw, &options),
            "insert_chart on \(name)")
    }

    /// Text with the two non-characters that break the XML replaced by U+FFFD.
    static func xmlSafe(_ text: String) -> String { XMLText.clean(text) }
}

extension Worksheet {
    /// Print setup: orientation, pages across (0 = as many as needed), rows repeated at
    /// the top of each page, columns repeated at the left, and a footer
    /// (libxlsxwriter/Excel codes: `&P` page, `&N` pages, `&A` sheet name).
    public func setupPrint(
        landscape: Bool, pagesWide: Int, pagesTall: Int = 0, repeatRows: Int, repeatColumns: Int, header: String?, footer: String?
    ) throws {
        if landscape { worksheet_set_landscape(raw) }
        worksheet_set_paper(raw, 9)  // A4
        if pagesWide > 0 { worksheet_fit_to_pages(raw, UInt16(clamping: pagesWide), UInt16(clamping: pagesTall)) }
        if repeatRows > 0 { try check(worksheet_repeat_rows(raw, 0, lxw_row_t(repeatRows - 1)), "repeat_rows on \(name)") }
        if repeatColumns > 0 {
            try check(worksheet_repeat_columns(raw, 0, lxw_col_t(repeatColumns - 1)), "repeat_columns on \(name)")
        }
        if let header { try header.withCString { try check(worksheet_set_header(raw, $0), "set_header on \(name)") } }
        if let footer { try footer.withCString { try check(worksheet_set_footer(raw, $0), "set_footer on \(name)") } }
    }
}

extension Worksheet {
    /// Prints at this scale (10–400 %) instead of fitting to pages: manual page breaks
    /// hold, which Excel ignores in a sheet fitted to pages.
    public func setPrintScale(_ percent: Int) {
        worksheet_set_print_scale(raw, UInt16(clamping: min(400, max(10, percent))))
    }

    /// Prints only this block (zero-based, inclusive).
    public func setPrintArea(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) throws {
        try check(
            worksheet_print_area(raw, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow), lxw_col_t(lastColumn)),
            "print_area on \(name)")
    }
}

extension Worksheet {
    /// Excel's most manual page breaks across one sheet.
    public static let maxPageBreaks = 1023

    /// Starts a new printed page at each of these rows (zero-based, each above 0). Excel
    /// ignores them when the sheet is fitted to a number of pages: do not combine with
    /// `setupPrint(pagesWide:)` above 0.
    public func setPageBreaks(beforeRows rows: [Int]) throws {
        guard rows.count <= Self.maxPageBreaks, rows.allSatisfy({ $0 > 0 }) else {
            throw XlsxError(
                operation: "set_h_pagebreaks on \(name)", code: -1,
                reason: "au plus \(Self.maxPageBreaks) sauts de page, chacun sous la première ligne")
        }
        // The C array ends with 0: the breaks are copied, so it lives only for the call.
        var breaks = rows.map { lxw_row_t($0) } + [0]
        try check(worksheet_set_h_pagebreaks(raw, &breaks), "set_h_pagebreaks on \(name)")
    }
}

extension Worksheet {
    /// Highlights the numeric cells of a block that are below `threshold` (above it when
    /// `above`: a dropout rate's ceiling) with `format`
    /// (an Excel conditional format: it follows the values if someone edits them). A
    /// formula rule, `AND(ISNUMBER(B2),B2<0.8)`, so that an empty cell — a rate with no
    /// denominator — is not read as 0 and flagged.
    public func highlightBelow(
        _ threshold: Double, firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int,
        format: CellFormat, above: Bool = false
    ) throws {
        // Relative: written for the top-left cell, Excel shifts it over the block.
        let corner = cellName(row: firstRow, column: firstColumn)
        let formula = "AND(ISNUMBER(\(corner)),\(corner)\(above ? ">" : "<")\(threshold))"
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
        rule.format = workbook.format(format)
        try formula.withCString { text in
            rule.value_string = UnsafeMutablePointer(mutating: text)
            try check(
                worksheet_conditional_format_range(
                    raw, lxw_row_t(firstRow), lxw_col_t(firstColumn),
                    lxw_row_t(lastRow), lxw_col_t(lastColumn), &rule),
                "conditional_format on \(name)")
        }
    }
}

extension Worksheet {
    /// Filter buttons on a header row (what a table gives, for constant-memory workbooks,
    /// where libxlsxwriter refuses tables).
    public func autofilter(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) throws {
        try check(
            worksheet_autofilter(raw, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow), lxw_col_t(lastColumn)),
            "autofilter on \(name)")
    }
}

/// A format made once and reused for many cells, so that a million-row sheet does not
/// look its formats up cell by cell (`Workbook.handle(_:)`).
public struct FormatHandle {
    let pointer: UnsafeMutablePointer<lxw_format>?
}

extension Workbook {
    /// The format for a look, to write many cells with.
    public func handle(_ look: CellFormat) -> FormatHandle { FormatHandle(pointer: format(look)) }
}

extension Worksheet {
    /// Writes UTF-8 text handed over as bytes that a NUL follows (`bytes[bytes.count] == 0`),
    /// without making a String: the detail sheets' path. The bytes must be well-formed
    /// UTF-8 (the caller checks: libxlsxwriter copies them into the XML as they are). Text that needs the checks of
    /// `write(text:)` (over 32,767 bytes, or holding U+FFFE/U+FFFF) goes through it.
    public func write(nulTerminated bytes: UnsafeBufferPointer<UInt8>, row: Int, column: Int, format: FormatHandle) throws {
        guard let base = bytes.baseAddress, bytes.count <= Worksheet.maxStringLength, !Self.mayBreakXML(bytes) else {
            try write(text: String(decoding: bytes, as: UTF8.self), row: row, column: column, format: format)
            return
        }
        let status = base.withMemoryRebound(to: CChar.self, capacity: bytes.count + 1) {
            worksheet_write_string(raw, lxw_row_t(row), lxw_col_t(column), $0, format.pointer)
        }
        try check(status, "write_string at \(name)!\(cellName(row: row, column: column))")
    }

    /// `write(number:)` with a format handle.
    public func write(number: Double, row: Int, column: Int, format: FormatHandle) throws {
        guard number.isFinite else {
            throw XlsxError(
                operation: "write_number at \(name)!\(cellName(row: row, column: column))", code: -1,
                reason: "\(number) is not a finite number")
        }
        try check(
            worksheet_write_number(raw, lxw_row_t(row), lxw_col_t(column), number, format.pointer),
            "write_number at \(name)!\(cellName(row: row, column: column))")
    }

    /// Whether the bytes may need `XMLText.clean`: a control character (a NUL would end the
    /// C string), the start of U+FFFE/U+FFFF, or an `_` that may open `_xHHHH_`.
    static func mayBreakXML(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Most texts have none of these bytes: one pass, then `XMLText.clean` decides.
        XMLText.anyMayNeedWork(bytes)
    }
}
