import XlsxWriter

/// Rows made and written one at a time, straight to the worksheet: the detail sheets
/// (a million rows) write their values without a `Cell` and a `String` each.
public struct GeneratedRows: Sendable {
    public let count: Int
    let write: @Sendable (Int, inout RowWriter) throws -> Void

    init(count: Int, write: @escaping @Sendable (Int, inout RowWriter) throws -> Void) {
        self.count = count
        self.write = write
    }
}

/// Writes the cells of one generated row; formats are made once per sheet.
struct RowWriter {
    let sheet: Worksheet
    /// The worksheet row being written.
    var row = 0
    /// The row needs attention (a prerequisite not met): every cell is filled in red.
    var flagged = false
    private let text: [FormatHandle], date: [FormatHandle], hours: [FormatHandle], integer: [FormatHandle], label: FormatHandle
    /// Reused for texts composed from parts.
    private var scratch: [UInt8] = []

    init(sheet: Worksheet, workbook: Workbook) {
        self.sheet = sheet
        let roles: [Cell.Role] = [.body, .flagged]
        text = roles.map { workbook.handle(WorkbookWriter.look($0, nil)) }
        date = roles.map { workbook.handle(WorkbookWriter.look($0, "dd/mm/yyyy")) }
        hours = roles.map { workbook.handle(WorkbookWriter.look($0, WorkbookWriter.numberFormat(.hours))) }
        integer = roles.map { workbook.handle(WorkbookWriter.look($0, WorkbookWriter.numberFormat(.integer))) }
        label = workbook.handle(WorkbookWriter.look(.label, nil))
        scratch.reserveCapacity(256)
    }

    private var look: Int { flagged ? 1 : 0 }

    mutating func text(_ column: Int, _ value: String) throws {
        try sheet.write(text: WorkbookWriter.clip(value), row: row, column: column, format: text[look])
    }

    /// A bold label (Parcours' outcome), never flagged.
    mutating func label(_ column: Int, _ value: String) throws {
        try sheet.write(text: WorkbookWriter.clip(value), row: row, column: column, format: label)
    }

    /// A text of the pool, handed to libxlsxwriter in place (the pool holds well-formed
    /// UTF-8 only: `RecordFields` repairs stray bytes before they reach it).
    mutating func text(_ column: Int, _ id: Int32, in pool: TextPool) throws {
        let format = text[look]
        let (sheet, row) = (self.sheet, self.row)
        try pool.withBytes(id) { bytes in
            if bytes.count > Worksheet.maxStringLength {
                try sheet.write(text: WorkbookWriter.clip(String(decoding: bytes, as: UTF8.self)), row: row, column: column, format: format)
            } else {
                try sheet.write(nulTerminated: bytes, row: row, column: column, format: format)
            }
        }
    }

    /// « DURAND Léa »: the last name in capitals, then the first name; composed on bytes
    /// when the capitals are plain (ASCII and Latin-1 letters), else through `String`.
    mutating func name(_ column: Int, last: Int32, first: Int32, in pool: TextPool) throws {
        scratch.removeAll(keepingCapacity: true)
        let plain = pool.withBytes(last) { Self.appendUppercased($0, to: &scratch) }
        guard plain else {
            return try text(column, People(pseudonymKey: nil).name(last: pool.string(last), first: pool.string(first), participant: ""))
        }
        if first != 0 {
            if !scratch.isEmpty { scratch.append(0x20) }
            pool.withBytes(first) { scratch.append(contentsOf: $0) }
        }
        if scratch.isEmpty { return try text(column, People.unnamed) }
        try writeScratch(column)
    }

    /// « ../input/registrations.csv:14 »: a file (its shown path, as bytes) and a line,
    /// composed on bytes (a million rows make no `String`).
    mutating func source(_ column: Int, file: [UInt8], line: Int) throws {
        try composed(column) { out in
            out.append(contentsOf: file)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: String(line).utf8)
        }
    }

    /// A text composed on bytes by `compose` (pool texts and literals appended in turn): a
    /// hundred thousand rows of the Alertes list make no `String` each.
    mutating func composed(_ column: Int, _ compose: (inout [UInt8]) -> Void) throws {
        scratch.removeAll(keepingCapacity: true)
        compose(&scratch)
        try writeScratch(column)
    }

    /// Writes the text composed in `scratch`, as a `String` (clipped) when longer than a
    /// cell holds.
    private mutating func writeScratch(_ column: Int) throws {
        if scratch.count > Worksheet.maxStringLength { return try text(column, String(decoding: scratch, as: UTF8.self)) }  // clipped
        scratch.append(0)
        let (sheet, row, format) = (self.sheet, self.row, text[look])
        try scratch.withUnsafeBufferPointer { b in
            try sheet.write(nulTerminated: UnsafeBufferPointer(rebasing: b.dropLast()), row: row, column: column, format: format)
        }
    }

    mutating func integer(_ column: Int, _ value: Int) throws {
        try sheet.write(number: Double(value), row: row, column: column, format: integer[look])
    }

    mutating func date(_ column: Int, _ day: Day) throws {
        try sheet.write(number: day.excelSerial, row: row, column: column, format: date[look])
    }

    mutating func hours(_ column: Int, _ value: Double) throws {
        try sheet.write(number: value, row: row, column: column, format: hours[look])
    }

    /// Appends `bytes` in capitals as `String.uppercased()` would write them; false when a
    /// character needs `String` (outside ASCII and Latin-1's à–þ).
    static func appendUppercased(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                out.append(b >= 0x61 && b <= 0x7A ? b - 32 : b)
                i += 1
            } else if b == 0xC3, i + 1 < bytes.count, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0xBE, bytes[i + 1] != 0x9F, bytes[i + 1] != 0xB7
            {
                // À–Þ stay, à–þ (but ÷) go up by 0x20; ß (C3 9F) becomes « SS »: left to String.
                let c = bytes[i + 1]
                out.append(0xC3)
                out.append(c >= 0xA0 ? c - 0x20 : c)
                i += 2
            } else {
                return false
            }
        }
        return true
    }
}
