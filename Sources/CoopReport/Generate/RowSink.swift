import Foundation
import XlsxWriter

/// Where the generator writes a table's rows: a CSV file or an `.xlsx` sheet.
protocol RowSink: AnyObject {
    func row(_ fields: [String]) throws
    func close() throws
}

/// A CSV file: a field is quoted when it holds one of `quoting` (the separator, a quote, a
/// line break…), its quotes doubled.
final class CSVSink: RowSink {
    private let file: BufferedFile
    private let separator: String
    private let lineEnd: String
    private let quoting: Set<Character>

    init(path: String, separator: String, lineEnd: String, prefix: String = "", quoting: Set<Character>) throws {
        file = try BufferedFile(path: path)
        self.separator = separator
        self.lineEnd = lineEnd
        self.quoting = quoting
        file.write(prefix)
    }

    func row(_ fields: [String]) throws {
        let quoting = self.quoting
        let cells = fields.map { f in
            f.contains(where: quoting.contains) ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
        }
        file.write(cells.joined(separator: separator) + lineEnd)
    }
    func close() throws { try file.close() }
}

/// One sheet of a workbook written in constant-memory mode (rows go to disk as they come,
/// strings inline): numbers that read as numbers are number cells, the rest text.
final class XLSXSink: RowSink {
    private let book: Workbook
    private let sheet: Worksheet
    private var next = 0

    init(path: String, sheet name: String) throws {
        book = try Workbook(path: path, constantMemory: true)
        sheet = try book.addWorksheet(named: name)
    }

    func row(_ fields: [String]) throws {
        for (c, field) in fields.enumerated() where !field.isEmpty {
            if let x = Double(field), x.isFinite, field.first?.isNumber == true {
                try sheet.write(number: x, row: next, column: c)
            } else {
                try sheet.write(text: field, row: next, column: c)
            }
        }
        next += 1
    }

    func close() throws { try book.close() }
}
