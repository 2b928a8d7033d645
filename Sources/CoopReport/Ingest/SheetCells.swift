import Foundation

/// How a cell's stored value becomes the text the validators read.
struct SheetCells: Sendable {
    let shared: [String]
    /// Style indices (`s`) whose number format is a date.
    let dateStyles: Set<Int>

    /// Reads the 1904 date system (Mac workbooks) as such.
    let date1904: Bool
    /// Style indices whose number format shows a time or a duration (`h:mm`, `[h]:mm`).
    var timeStyles: Set<Int> = []
    /// The sheet's columns that hold hours (`hours_attended`): there a time-formatted cell
    /// is a duration, a fraction of a day, read as hours.
    var hourColumns: Set<Int> = []

    /// The cell's text; nil for a shared string the workbook does not hold.
    func text(_ raw: String, type: String, style: Int, column: Int = -1) -> String? {
        switch type {
        case "s": return Int(raw).flatMap { shared.indices.contains($0) ? shared[$0] : nil }
        case "inlineStr", "str", "e", "d": return raw
        case "b": return raw == "1" ? "TRUE" : "FALSE"
        default:
            guard !raw.isEmpty, let number = Double(raw), number.isFinite else { return raw }
            if dateStyles.contains(style) { return Self.isoDate(serial: number, date1904: date1904) ?? raw }
            if timeStyles.contains(style) && hourColumns.contains(column) { return Self.shortest(Self.hours(days: number)) }
            return Self.shortest(number)
        }
    }

    /// A cell's `t`: how its stored value is read.
    enum Kind {
        /// `s`: an index into the shared strings.
        case shared
        /// `inlineStr`, `str` (a formula's text), `e` (an error), `d` (an ISO date): the text as stored.
        case text
        /// `b`: `1` is TRUE, anything else FALSE.
        case boolean
        /// `n`, no `t`, or a type Excel does not write: a number, else the text as stored.
        case number

        /// The kind of the `t` value `type`.
        init(_ type: UnsafeBufferPointer<UInt8>) {
            switch type.count {
            case 1 where type[0] == UInt8(ascii: "s"): self = .shared
            case 1 where type[0] == UInt8(ascii: "e") || type[0] == UInt8(ascii: "d"): self = .text
            case 1 where type[0] == UInt8(ascii: "b"): self = .boolean
            case 3 where XMLScanner.equals(type, 0..<3, "str"), 9 where XMLScanner.equals(type, 0..<9, "inlineStr"): self = .text
            default: self = .number
            }
        }
    }

    /// Turns the stored value at `bytes[start...]` into the cell's text, in place — what
    /// `text(_:type:style:column:)` makes of it, without a String for the usual cells
    /// (text, a whole number). False for a shared string the workbook does not hold.
    func convert(_ bytes: inout [UInt8], from start: Int, kind: Kind, style: Int, column: Int) -> Bool {
        switch kind {
        case .text: return true
        case .shared:
            let index = bytes.withUnsafeBufferPointer { Self.integer(UnsafeBufferPointer(rebasing: $0[start...])) }
            guard let index, shared.indices.contains(index) else { return false }
            bytes.removeSubrange(start...)
            bytes.append(contentsOf: shared[index].utf8)
            return true
        case .boolean:
            let one = bytes.count == start + 1 && bytes[start] == UInt8(ascii: "1")
            bytes.removeSubrange(start...)
            bytes.append(contentsOf: (one ? "TRUE" : "FALSE").utf8)
            return true
        case .number:
            guard bytes.count > start else { return true }
            let dated = dateStyles.contains(style) || (timeStyles.contains(style) && hourColumns.contains(column))
            if !dated && bytes.withUnsafeBufferPointer({ Self.isWholeNumber(UnsafeBufferPointer(rebasing: $0[start...])) }) { return true }
            let raw = String(decoding: bytes[start...], as: UTF8.self)
            let text = self.text(raw, type: "n", style: style, column: column) ?? raw
            bytes.removeSubrange(start...)
            bytes.append(contentsOf: text.utf8)
            return true
        }
    }

    /// Whether the bytes are a whole number as `shortest` writes it (`0`, `-12`, at most
    /// 15 digits, no leading zero): the cell's text is then the bytes themselves.
    static func isWholeNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let digits = bytes.first == UInt8(ascii: "-") ? UnsafeBufferPointer(rebasing: bytes.dropFirst()) : bytes
        guard (1...15).contains(digits.count), digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return false
        }
        return digits[0] != UInt8(ascii: "0") || (digits.count == 1 && digits.count == bytes.count)
    }

    /// `Int(String)` of the bytes: an optional sign and digits, nil on anything else or overflow.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            i = 1
        }
        guard i < bytes.count else { return nil }
        var value = 0
        while i < bytes.count {
            let d = Int(bytes[i]) - 48
            guard d >= 0 && d <= 9 else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? times.subtractingReportingOverflow(d) : times.addingReportingOverflow(d)
            guard !o1 && !o2 else { return nil }
            value = next
            i += 1
        }
        return value
    }

    /// A duration stored as a fraction of a day, in hours to the second: 0.2916… (« 7:00 ») → 7,
    /// 0.3055… (« 7:20 ») → 7.333….
    static func hours(days: Double) -> Double {
        guard abs(days) < 1e9 else { return days * 24 }
        return (days * 86_400).rounded() / 3_600
    }

    /// `7` for 7.0, `3.5` for 3.5: how the number would be typed.
    static func shortest(_ x: Double) -> String {
        if x.rounded() == x, abs(x) < 1e15 { return String(Int64(x)) }
        return String(x)
    }

    /// An Excel serial as `2022-06-30` or `2022-06-30T14:05:00`: days since 1899-12-30 (the
    /// time as the fraction), except that serials 1–59 count from 1899-12-31 and 60 is
    /// Excel's 29 February 1900, which never was (nil); in the 1904 system, days since
    /// 1904-01-01.
    static func isoDate(serial: Double, date1904: Bool = false) -> String? {
        guard serial >= (date1904 ? 0 : 1), serial < 2_958_466 else { return nil }  // … 9999-12-31
        var value = serial
        if date1904 {
            value += 1462
        } else if serial < 61 {
            guard serial.rounded(.down) != 60 else { return nil }
            if serial < 60 { value += 1 }
        }
        let days = Int(value.rounded(.down))
        let seconds = Int(((value - Double(days)) * 86_400).rounded())
        let day = Day(daysSinceEpoch: days - 25_569 + seconds / 86_400)
        let s = seconds % 86_400
        guard s != 0 else { return day.iso }
        return day.iso + String(format: "T%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
    }
}
