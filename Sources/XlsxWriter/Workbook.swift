import CXlsxWriter
import CZipLevel

#if canImport(Glibc)
    import Glibc
#endif

/// An `.xlsx` file being written. Create it, add sheets and charts, then `close()`:
/// the file exists only after a successful close. Not thread-safe.
public final class Workbook {
    let raw: UnsafeMutablePointer<lxw_workbook>
    /// The file being written.
    public let path: String
    private var formats: [CellFormat: UnsafeMutablePointer<lxw_format>] = [:]
    private var recent: [(CellFormat, UnsafeMutablePointer<lxw_format>)] = []
    private var closed = false
    /// The custom properties' names so far, compared as Excel does (ignoring case).
    private var customNames: Set<String> = []

    /// Excel's longest custom property name or value (libxlsxwriter refuses longer ones).
    public static let maxPropertyLength = 255

    /// The deflate level of the archive: zlib's 2, as fast as its fastest (1) on sheet XML and
    /// 3 % smaller. libxlsxwriter 1.1.4 has no option for it; `CZipLevel` sets it where
    /// libxlsxwriter opens each part (zip_level.c says how and why).
    public static let deflateLevel: Int32 = 2

    /// Starts a workbook at `path`. `constantMemory` streams rows to disk (rows must then
    /// be written in order, and tables cannot be used: libxlsxwriter 1.1.4's rule).
    public init(path: String, constantMemory: Bool = false) throws {
        coopreport_set_zip_level(Self.deflateLevel)
        // A comma-decimal LC_NUMERIC would make libxlsxwriter write `1,5` into the XML.
        setlocale(LC_NUMERIC, "C")
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        let made = path.withCString { workbook_new_opt($0, &options) }
        guard let made else {
            throw XlsxError(operation: "workbook_new \(path)", code: -1, reason: "could not start the workbook")
        }
        raw = made
        self.path = path
    }

    deinit {
        // A workbook dropped without close() is abandoned: closing frees libxlsxwriter's
        // memory; the partial file is the caller's temporary, removed by the caller.
        if !closed { _ = workbook_close(raw) }
    }

    /// Adds a sheet. Names follow Excel's rules (≤ 31 characters, none of `[]:*?/\`,
    /// unique ignoring case); a name that breaks them throws instead of returning NULL.
    public func addWorksheet(named name: String) throws -> Worksheet {
        let status = name.withCString { workbook_validate_sheet_name(raw, $0) }
        try check(status, "add sheet '\(name)'")
        guard let sheet = name.withCString({ workbook_add_worksheet(raw, $0) }) else {
            throw XlsxError(operation: "add sheet '\(name)'", code: -1, reason: "libxlsxwriter refused the sheet")
        }
        return Worksheet(raw: sheet, name: name, workbook: self)
    }

    /// The single libxlsxwriter format for a look, made on first use.
    func format(_ look: CellFormat) -> UnsafeMutablePointer<lxw_format>? {
        if look == .plain { return nil }
        // Rows repeat a few looks: compared field by field before any hashing.
        for (seen, made) in recent where seen == look { return made }
        if let made = formats[look] {
            remember(look, made)
            return made
        }
        guard let f = workbook_add_format(raw) else { return nil }
        if look.bold { format_set_bold(f) }
        if look.italic { format_set_italic(f) }
        if let n = look.numberFormat { n.withCString { format_set_num_format(f, $0) } }
        if let c = look.fontColor { format_set_font_color(f, c) }
        if let c = look.fillColor {
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, c)
        }
        if look.wrap { format_set_text_wrap(f) }
        switch look.alignment {
        case .general: break
        case .left: format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        if look.alignTop { format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)) }
        if look.border { format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue)) }
        if let s = look.fontSize { format_set_font_size(f, s) }
        if look.rotation != 0 { format_set_rotation(f, look.rotation) }
        // Numbered now (libxlsxwriter would on first use, in a table the workbook shares):
        // a sheet written on another thread then only reads it (`PreparedFormats`).
        _ = lxw_format_get_xf_index(f)
        formats[look] = f
        remember(look, f)
        return f
    }

    private func remember(_ look: CellFormat, _ format: UnsafeMutablePointer<lxw_format>) {
        if recent.count == 8 { recent.removeFirst() }
        recent.append((look, format))
    }

    /// Adds a chart, to be placed on a sheet with `Worksheet.insert(_:row:column:)`.
    public func addChart(_ kind: ChartKind) throws -> Chart {
        guard let chart = workbook_add_chart(raw, kind.code) else {
            throw XlsxError(operation: "add chart", code: -1, reason: "libxlsxwriter refused the chart type")
        }
        return Chart(raw: chart)
    }

    /// Sets the document properties shown in Excel's File › Info. `created` is seconds
    /// since 1970 (pass the report's date, not the clock, for byte-stable files).
    public func setProperties(title: String, subject: String, author: String, created: Int) throws {
        try XMLText.clean(title).withCString { t in
            try XMLText.clean(subject).withCString { s in
                try XMLText.clean(author).withCString { a in
                    var p = lxw_doc_properties()
                    p.title = UnsafeMutablePointer(mutating: t)
                    p.subject = UnsafeMutablePointer(mutating: s)
                    p.author = UnsafeMutablePointer(mutating: a)
                    p.created = time_t(created)
                    try check(workbook_set_properties(raw, &p), "set document properties")
                }
            }
        }
    }

    /// Adds a custom document property (File › Properties › Custom), e.g. an input's hash.
    /// A name or value past 255 characters is clipped (« … »), and a name met before gets
    /// « (2) », « (3) »…: a long file name never stops the workbook.
    public func setCustomProperty(_ name: String, _ value: String) throws {
        let limit = Workbook.maxPropertyLength
        let unique = XMLText.unique(XMLText.clean(name), limit: limit, in: &customNames)
        let status = unique.withCString { n in
            XMLText.clipped(XMLText.clean(value), to: limit).withCString { v in workbook_set_custom_property_string(raw, n, v) }
        }
        try check(status, "set custom property '\(name)'")
    }

    /// Writes the file. libxlsxwriter frees the workbook even when this fails, and a bad
    /// output path is only detected here.
    public func close() throws {
        guard !closed else { return }
        closed = true
        try check(workbook_close(raw), "write \(path)")
    }
}
