/// The look of a cell, as a value: the workbook turns each distinct one into a single
/// libxlsxwriter format.
public struct CellFormat: Hashable, Sendable {
    /// Horizontal alignment.
    public enum Alignment: Hashable, Sendable { case general, left, center, right }

    public var bold = false
    public var italic = false
    /// Excel number format, e.g. `0.0%` or `dd/mm/yyyy`.
    public var numberFormat: String?
    /// Font colour as 0xRRGGBB.
    public var fontColor: UInt32?
    /// Solid fill colour as 0xRRGGBB.
    public var fillColor: UInt32?
    public var wrap = false
    public var alignment: Alignment = .general
    /// Top-aligned cell, so that wrapped neighbours read from the top.
    public var alignTop = false
    /// A thin border on all sides.
    public var border = false
    public var fontSize: Double?
    /// Text turned by this many degrees (90: reads upwards), for the headers of narrow
    /// figure columns.
    public var rotation: Int16 = 0

    public init(
        bold: Bool = false, italic: Bool = false, numberFormat: String? = nil,
        fontColor: UInt32? = nil, fillColor: UInt32? = nil, wrap: Bool = false,
        alignment: Alignment = .general, alignTop: Bool = false, border: Bool = false,
        fontSize: Double? = nil
    ) {
        self.bold = bold
        self.italic = italic
        self.numberFormat = numberFormat
        self.fontColor = fontColor
        self.fillColor = fillColor
        self.wrap = wrap
        self.alignment = alignment
        self.alignTop = alignTop
        self.border = border
        self.fontSize = fontSize
    }

    /// No formatting at all.
    public static let plain = CellFormat()
}
