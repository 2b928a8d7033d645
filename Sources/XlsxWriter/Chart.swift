import CXlsxWriter

/// The chart types the reports use.
public enum ChartKind: Sendable {
    case column, bar, barStackedPercent, line

    var code: UInt8 {
        switch self {
        case .column: UInt8(LXW_CHART_COLUMN.rawValue)
        case .bar: UInt8(LXW_CHART_BAR.rawValue)
        case .barStackedPercent: UInt8(LXW_CHART_BAR_STACKED_PERCENT.rawValue)
        case .line: UInt8(LXW_CHART_LINE.rawValue)
        }
    }
}

/// A native Excel chart whose series read cell ranges of a sheet.
public final class Chart {
    let raw: UnsafeMutablePointer<lxw_chart>

    init(raw: UnsafeMutablePointer<lxw_chart>) { self.raw = raw }

    /// A zero-based, inclusive block of cells on a sheet.
    public struct Range: Sendable {
        public var sheet: String
        public var firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int
        public init(sheet: String, firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
            self.sheet = sheet
            self.firstRow = firstRow
            self.firstColumn = firstColumn
            self.lastRow = lastRow
            self.lastColumn = lastColumn
        }
    }

    /// Adds a series: its name, category labels and values, each read from the sheet;
    /// `markers`: a round marker on every point (a line chart's months stay visible).
    /// `color` (0xRRGGBB): the series' fill, line and markers.
    public func addSeries(name: String, categories: Range, values: Range, markers: Bool = false, color: UInt32? = nil) throws {
        guard let series = chart_add_series(raw, nil, nil) else {
            throw XlsxError(operation: "chart_add_series", code: -1, reason: "libxlsxwriter refused the series")
        }
        if markers {
            chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_CIRCLE.rawValue))
            chart_series_set_marker_size(series, 6)
        }
        if let color {
            var fill = lxw_chart_fill()
            fill.color = color
            var line = lxw_chart_line()
            line.color = color
            chart_series_set_fill(series, &fill)
            chart_series_set_line(series, &line)
            if markers {
                chart_series_set_marker_fill(series, &fill)
                chart_series_set_marker_line(series, &line)
            }
        }
        XMLText.clean(name).withCString { chart_series_set_name(series, $0) }
        categories.sheet.withCString {
            chart_series_set_categories(
                series, $0, lxw_row_t(categories.firstRow), lxw_col_t(categories.firstColumn),
                lxw_row_t(categories.lastRow), lxw_col_t(categories.lastColumn))
        }
        values.sheet.withCString {
            chart_series_set_values(
                series, $0, lxw_row_t(values.firstRow), lxw_col_t(values.firstColumn),
                lxw_row_t(values.lastRow), lxw_col_t(values.lastColumn))
        }
    }

    /// Sets the chart's title.
    public func setTitle(_ title: String) { XMLText.clean(title).withCString { chart_title_set_name(raw, $0) } }

    /// Sets the value axis' title and number format (e.g. `0%`).
    public func setValueAxis(title: String?, numberFormat: String?, min: Double? = nil, max: Double? = nil) {
        if let title { XMLText.clean(title).withCString { chart_axis_set_name(raw.pointee.y_axis, $0) } }
        if let numberFormat { numberFormat.withCString { chart_axis_set_num_format(raw.pointee.y_axis, $0) } }
        if let min { chart_axis_set_min(raw.pointee.y_axis, min) }
        if let max { chart_axis_set_max(raw.pointee.y_axis, max) }
    }

    /// The category axis' number format (`[$-40C]mmm yyyy`: dates as French months).
    public func setCategoryAxis(numberFormat: String) {
        numberFormat.withCString { chart_axis_set_num_format(raw.pointee.x_axis, $0) }
    }

    /// Draws the line on across an empty point (a month with no figure) instead of
    /// breaking it, so that a lone month between two empty ones still shows.
    public func connectAcrossBlanks() { chart_show_blanks_as(raw, UInt8(LXW_CHART_BLANKS_AS_CONNECTED.rawValue)) }

    /// Puts the legend below the plot.
    public func legendAtBottom() { chart_legend_set_position(raw, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue)) }
}
