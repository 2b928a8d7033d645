/// What goes in which cell of one sheet: a pure value, built by the planners and tested
/// without libxlsxwriter; `WorkbookWriter` turns it into a file.
public struct SheetPlan: Sendable {
    public let name: String
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

    /// Pages across when printed landscape on A4: one for a sheet up to about 200
    /// characters wide (Excel shrinks it), more for the wide figure tables, so that the
    /// print stays legible.
    public var printPagesWide: Int { max(1, Int((columnWidths.reduce(0, +) / 200).rounded(.up))) }

    public init(name: String) { self.name = name }

    /// Columns of the table under header row 0 that hold a share compared with the
    /// satisfaction target (`Metric.hasTarget`, `QuestionFigure.satisfied`, objectives
    /// met): set by the sheet that lays them out.
    public var targetColumns: [Int] = []

    /// Highlights, in the table under header row 0, the `targetColumns` where a value is
    /// below `threshold`.
    public mutating func highlightTargets(below threshold: Double) {
        let last = (rows.dropFirst().firstIndex { $0.isEmpty } ?? rows.count) - 1
        guard last >= 1 else { return }
        for c in targetColumns {
            highlights.append(Highlight(firstRow: 1, firstColumn: c, lastRow: last, lastColumn: c, below: threshold))
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
                case .text(let t) where cell.role == .wrap: text = t
                case .note(let t): text = t
                default: continue
                }
                let perLine = max(1, Int(columnWidths[c]) - 1)
                let needed = text.split(separator: "\n", omittingEmptySubsequences: false)
                    .reduce(0) { $0 + max(1, ($1.unicodeScalars.count + perLine - 1) / perLine) }
                lines = max(lines, needed)
            }
            if lines > 1 { rowHeights[r] = Double(min(lines, 30)) * lineHeight }
        }
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
    }

    /// The number formats the reports use.
    public enum NumberStyle: String, Sendable {
        case integer, decimal, percent, euros, hours, score
    }

    /// Emphasis.
    public enum Role: Sendable {
        case body, header, title, label, wrap, warning
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

    /// Characters the cell shows, for column widths.
    var displayLength: Int {
        switch value {
        case .empty: return 0
        case .text(let s), .note(let s), .link(_, let s):
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
}

/// Numbers of a block below a threshold, shown in red (an Excel conditional format).
public struct Highlight: Sendable, Equatable {
    public let firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int
    public let below: Double
}

extension SheetPlan {
    /// Rows in the sheet, generated ones included.
    public var rowCount: Int { rows.count + (generated?.count ?? 0) }
}
