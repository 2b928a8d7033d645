/// What goes in which cell of one sheet: a pure value, built by the planners and tested
/// without libxlsxwriter; `WorkbookWriter` turns it into a file.
public struct SheetPlan: Sendable {
    public private(set) var name: String
    /// Rows from the top of the sheet; a row may be shorter than others.
    public var rows: [[Cell]] = []
    /// Width of each column in characters (computed from the content when empty).
    public var columnWidths: [Double] = []
    /// Rows kept in view while scrolling (the header).
    public var frozenRows = 0
    public var tables: [TablePlan] = []
    public var charts: [ChartPlan] = []
    /// Heights in points of rows that need more than one line (wrapped headers).
    public var rowHeights: [Int: Double] = [:]
    /// Rows made on demand after `rows`: the detail sheets, whose million rows are never
    /// held as cells at once.
    public var generated: GeneratedRows?
    /// Blocks whose numbers below a threshold are highlighted (conditional formatting).
    public var highlights: [Highlight] = []
    /// Columns repeated at the left of each printed page (the group's name).
    public var keyColumns = 0

    /// Columns grouped in a collapsed Excel outline (level 1, hidden until its button is
    /// pressed): the numerators and denominators of the group sheets. Not printed.
    public var outlineColumns: ClosedRange<Int>?
    /// Only this block is printed (the one-page Synthèse).
    public var printArea: (lastRow: Int, lastColumn: Int)?
    /// Pages down the print is fitted on (0: as many as the rows need).
    public var printPagesTall = 0

    /// Pages across, when the sheet fixes it (the group sheets: one).
    public var pagesWide: Int?
    /// A fixed print scale in percent, instead of fitting (page breaks then hold in Excel).
    public var printScale: Int?
    /// Printed upright (the certificates); landscape otherwise.
    public var portrait = false
    /// Rows that start a new printed page (the certificates: one page each). With them,
    /// `pagesWide` is 0: Excel ignores manual breaks in a sheet fitted to pages, so the
    /// columns are sized to fit the page instead.
    public var pageBreaks: [Int] = []

    /// Pages across when printed landscape on A4: one for a sheet up to about 200
    /// characters wide (Excel shrinks it), more for the wider tables, so that the print
    /// stays legible. Columns of a collapsed outline are not printed.
    public var printPagesWide: Int {
        if let pagesWide { return pagesWide }
        let printed = columnWidths.enumerated().filter { outlineColumns?.contains($0.offset) != true }
        return max(1, Int((printed.reduce(0) { $0 + $1.element } / 200).rounded(.up)))
    }

    public init(name: String) { self.name = name }

    /// The same sheet under another name (« Alertes (2) »).
    func renamed(_ name: String) -> SheetPlan {
        var copy = self
        copy.name = name
        return copy
    }

    /// Columns of the table under header row 0 that hold a rate with a target (the
    /// satisfied share of a question compares with the satisfaction rate's): set by the
    /// sheet that lays them out.
    public var targetColumns: [Int: Metric] = [:]

    /// Highlights, in the table under header row 0, the `targetColumns` whose value misses
    /// its target (below a floor, above a ceiling).
    public mutating func highlightTargets(_ options: ReportOptions) {
        let last = (rows.dropFirst().firstIndex { $0.isEmpty } ?? rows.count) - 1
        guard last >= 1 else { return }
        for (c, metric) in targetColumns.sorted(by: { $0.key < $1.key }) {
            guard let target = options.target(metric) else { continue }
            highlights.append(
                Highlight(firstRow: 1, firstColumn: c, lastRow: last, lastColumn: c, below: target, above: metric.targetIsCeiling))
        }
    }

    /// Appends a row and returns its index.
    @discardableResult
    public mutating func append(_ row: [Cell]) -> Int {
        rows.append(row)
        return rows.count - 1
    }

    /// The cell at a position, or `.empty`.
    public func cell(_ row: Int, _ column: Int) -> Cell {
        guard rows.indices.contains(row), rows[row].indices.contains(column) else { return .empty }
        return rows[row][column]
    }

    /// Heights for rows whose wrapped text needs several lines: libxlsxwriter does not
    /// measure text, and LibreOffice does not grow such rows itself. Call after the widths.
    public mutating func fitRowHeights(lineHeight: Double = 15) {
        for (r, row) in rows.enumerated() where rowHeights[r] == nil {
            var lines = 1
            for (c, cell) in row.enumerated() where c < columnWidths.count {
                // Wrapped texts, and notes (always wrapped: `WorkbookWriter.noteLook`).
                let text: String
                switch cell.value {
                case .text(let t) where cell.role == .wrap || cell.role == .labelWrap: text = t
                case .note(let t): text = t
                default: continue
                }
                // A column width counts the digit « 0 »; text of proportional letters
                // holds about a tenth more a line.
                let perLine = max(1, Int(columnWidths[c] * 1.1) - 1)
                lines = max(lines, Self.lines(text, perLine: perLine))
            }
            if lines > 1 { rowHeights[r] = Double(min(lines, 30)) * lineHeight }
        }
    }

    /// The lines `text` takes at `perLine` characters a line: each of its own lines (split
    /// at « \n », as `Character`s are: a « \r\n » is not split) takes at least one. One pass
    /// over the bytes: a hundred thousand comments are measured at a million registrations.
    static func lines(_ text: String, perLine: Int) -> Int {
        var (lines, scalars) = (0, 0)
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x0A && previous != 0x0D {
                lines += max(1, (scalars + perLine - 1) / perLine)
                scalars = 0
            } else if byte & 0xC0 != 0x80 {
                scalars += 1  // the first byte of a code point
            }
            previous = byte
        }
        return lines + max(1, (scalars + perLine - 1) / perLine)
    }

    /// Widths from the content: the longest line of each column, between 8 and `max`.
    public mutating func fitColumns(max maxWidth: Double = 60, fixed: [Int: Double] = [:]) {
        let count = rows.map(\.count).max() ?? 0
        columnWidths = (0..<count).map { c in
            if let w = fixed[c] { return w }
            let longest =
                rows.map { row -> Int in
                    guard row.indices.contains(c) else { return 0 }
                    return row[c].displayLength
                }.max() ?? 0
            return min(maxWidth, max(8, Double(longest) + 2))
        }
    }
}

/// One cell: a value and how it should look.
public struct Cell: Sendable, Equatable {
    /// What the cell holds.
    public enum Value: Sendable, Equatable {
        case empty
        /// Text from anywhere, inputs included: always a string cell, never a formula.
        case text(String)
        case number(Double, NumberStyle)
        case date(Day)
        /// A month, shown as « juin 2022 » (the first day of the month as an Excel date).
        case month(Day)
        case dateTime(Timestamp)
        /// A figure not shown (small group) or an explanation in place of a value.
        case note(String)
        /// A hyperlink to another sheet of the workbook, showing `text`.
        case link(sheet: String, text: String)
        /// A hyperlink to a file, by its path from the workbook's folder, showing `text`.
        case fileLink(path: String, text: String)
    }

    /// The number formats the reports use.
    public enum NumberStyle: String, Sendable {
        case integer, decimal, percent, euros, hours, score
        /// A target: « ≥ 90 % » (a floor), « ≤ 15 % » (a ceiling).
        case atLeast, atMost
        /// A gap between two rates in percentage points: « +7,0 pt ».
        case points
    }

    /// Emphasis.
    public enum Role: Sendable {
        case body, header, title, label, wrap, warning
        /// A label that wraps rather than being cut by the next cell.
        case labelWrap
        /// The header of a narrow figure column: turned to read upwards, wrapped.
        case upwardHeader
        /// A header over numbers: right-aligned like them.
        case numberHeader
        /// A row that needs attention (a prerequisite not met): filled in light red.
        case flagged
    }

    public var value: Value
    public var role: Role

    public init(_ value: Value, _ role: Role = .body) {
        self.value = value
        self.role = role
    }

    public static let empty = Cell(.empty)
    public static func text(_ s: String, _ role: Role = .body) -> Cell { Cell(.text(s), role) }
    public static func header(_ s: String) -> Cell { Cell(.text(s), .header) }
    public static func int(_ n: Int) -> Cell { Cell(.number(Double(n), .integer)) }
    public static func number(_ x: Double?, _ style: NumberStyle) -> Cell { x.map { Cell(.number($0, style)) } ?? .empty }

    /// Whether the cell holds a number (a date included).
    var isNumber: Bool {
        switch value {
        case .number, .date, .month, .dateTime: true
        default: false
        }
    }

    /// Characters the cell shows, for column widths.
    var displayLength: Int {
        switch value {
        case .empty: return 0
        case .text(let s), .note(let s), .link(_, let s), .fileLink(_, let s):
            if role == .title { return 0 }
            // Characters of the longest line, counted as scalars: close enough for a width,
            // and a hundred thousand comments are measured without grapheme breaking.
            var longest = 0
            var current = 0
            for u in s.unicodeScalars {
                if u == "\n" {
                    longest = max(longest, current)
                    current = 0
                } else {
                    current += 1
                }
            }
            return max(longest, current)
        case .number(_, let style): return style == .euros ? 12 : 8
        case .date: return 10
        case .month: return 14  // « septembre 2022 »
        case .dateTime: return 16
        }
    }
}

/// An Excel table (filter buttons, banded rows) over a block of the sheet.
public struct TablePlan: Sendable, Equatable {
    public let headerRow: Int
    public let firstColumn: Int
    public let lastRow: Int
    public let headers: [String]
}

/// A native chart whose series read ranges of the same sheet.
public struct ChartPlan: Sendable {
    public enum Kind: Sendable { case column, barStackedPercent, line }
    public struct Series: Sendable {
        public let name: String
        /// Zero-based inclusive cell ranges: (firstRow, firstColumn, lastRow, lastColumn).
        public let categories: (Int, Int, Int, Int)
        public let values: (Int, Int, Int, Int)
        /// 0xRRGGBB, or nil for the chart style's colour.
        public var color: UInt32? = nil
    }
    public let kind: Kind
    public let title: String
    public let series: [Series]
    public let anchorRow: Int, anchorColumn: Int
    public let valueAxisFormat: String?
    public let valueAxisTitle: String?
    /// A line chart over months: markers on every point, the line drawn across empty
    /// months, the category axis as French month names.
    public var monthly = false

    /// The value axis' bounds when they must not follow the data (a rate axis from 0, so
    /// that 86 % against 94 % is not drawn as a fall to nothing).
    public var valueAxisMin: Double? = nil
    public var valueAxisMax: Double? = nil

    /// The chart's size, as a multiple of Excel's default 480 × 288 pixels.
    public var scale: (x: Double, y: Double) = (2, 1.5)

    /// A value axis in percent, « 80 % ».
    static let percentAxis = "0\"\u{00A0}\"%"
}

/// Numbers of a block below a threshold (above it, for a ceiling), shown in red (an
/// Excel conditional format).
public struct Highlight: Sendable, Equatable {
    public let firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int
    public let below: Double
    public var above = false

    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int, below: Double, above: Bool = false) {
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
        self.below = below
        self.above = above
    }

    /// The highlight of one cell compared with a rate's target, or nil without target.
    static func of(_ metric: Metric, row: Int, column: Int, _ options: ReportOptions) -> Highlight? {
        options.target(metric).map {
            Highlight(firstRow: row, firstColumn: column, lastRow: row, lastColumn: column, below: $0, above: metric.targetIsCeiling)
        }
    }
}

extension SheetPlan {
    /// Rows in the sheet, generated ones included.
    public var rowCount: Int { rows.count + (generated?.count ?? 0) }
}
