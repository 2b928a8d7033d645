import Foundation

/// A problem with a whole input file: it stops the run (rows are diagnosed, not thrown).
public enum IngestError: Error, Equatable, LocalizedError {
    /// A mapping entry the file does not match, and the closest header found.
    public struct Unmatched: Equatable, Sendable {
        public let entry: String
        /// `columns` or `questions`.
        public let section: String
        public let nearest: String?
    }

    /// The file does not exist.
    case fileNotFound(path: String)
    /// A glob matched no file.
    case noMatch(pattern: String)
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// The file holds no header line.
    case emptyFile(path: String)
    /// Required columns are absent. `expected` lists the required ones, `nearest` maps
    /// each missing column to the closest header found when one is a likely typo.
    case missingColumns(path: String, missing: [String], found: [String], expected: [String], nearest: [String: String])
    /// Headers the job maps (`columns:` renames, `questions:` headers) that the file lacks.
    case unmatchedHeaders(path: String, entries: [Unmatched], found: [String])
    /// An evaluations file in which no survey question and no objective column is found.
    case noAnswerColumns(path: String, questions: [String], found: [String])
    /// The registrations have a header and no row.
    case noRows(path: String)
    /// Two header cells name the same column.
    case duplicateHeaders(path: String, column: String, headers: [String])
    /// The file is UTF-16, which no export the tool reads uses.
    case utf16(path: String)
    /// The job's `sheet:` is not a sheet of the workbook.
    case noSheet(path: String, sheet: String, found: [String])
    /// A spreadsheet format that is not read (`.xls`, `.ods`).
    case unsupportedFormat(path: String, format: String)
    /// The catalogue breaks a rule; `keyPath` is like `programmes[0].sessions[2].kind`.
    case catalogue(path: String, line: Int, keyPath: String, message: String)

    public var errorDescription: String? {
        switch self {
        case .fileNotFound(let path):
            return
                "\(path): error: file not found. Check the path: in a job file, relative paths start from the job file's folder; on the command line, from the current folder."
        case .noMatch(let pattern):
            return "\(pattern): error: no file matches this pattern. Check the folder and the file name pattern."
        case .unreadable(let path, let reason):
            return "\(path): error: cannot read the file (\(reason)). Check its permissions."
        case .emptyFile(let path):
            return "\(path): error: the file is empty; expected a header line and one row per record."
        case .missingColumns(let path, let missing, let found, let expected, let nearest):
            let hints = missing.map { name in
                nearest[name].map { "'\(name)' (nearest found: '\($0)')" } ?? "'\(name)'"
            }
            return "\(path):1: error: missing required column(s) \(hints.joined(separator: ", ")). "
                + "Found: \(Self.list(found)). "
                + "Expected at least: \(expected.joined(separator: ", ")). "
                + "Rename the header or map it in the job file."
        case .unmatchedHeaders(let path, let entries, let found):
            let lines = entries.map { e in
                "\(e.section): '\(e.entry)' is not a header of this file" + (e.nearest.map { " (nearest header: '\($0)')" } ?? "")
            }
            return "\(path):1: error: the job maps header(s) the file does not have: \(lines.joined(separator: "; ")). "
                + "Headers found: \(Self.list(found)). "
                + "Correct the job's mapping: a header that matches nothing would silently drop its column."
        case .noAnswerColumns(let path, let questions, let found):
            return "\(path):1: error: no survey question and no objective column found, so every response would be empty. "
                + "Expected one of \(questions.joined(separator: ", ")) or objective_1…; found \(Self.list(found)). "
                + "Map the survey's question headers with `questions:` in the job (docs/jobs.md)."
        case .noRows(let path):
            return "\(path): error: the registrations have a header and no row; nothing is written and the previous report is kept. "
                + "Check the export (a filter left on, the wrong period) and run again."
        case .duplicateHeaders(let path, let column, let headers):
            return "\(path):1: error: the headers \(headers.map(quoted).joined(separator: " and ")) both name the column '\(column)'; "
                + "keep one (rename or remove the other, or map it to another column in the job)."
        case .utf16(let path):
            return
                "\(path): error: this file is UTF-16 (Excel's « Texte Unicode »); save it as « CSV UTF-8 (délimité par des virgules) » or as CSV with ';', then run again."
        case .noSheet(let path, let sheet, let found):
            let near = Nearest.header(for: [sheet], in: found).map { " (nearest: '\($0)')" } ?? ""
            return
                "\(path): error: no sheet named '\(sheet)'\(near); the workbook's sheets: \(Self.list(found)). Correct the job's `sheet:`."
        case .unsupportedFormat(let path, let format):
            return "\(path): error: \(format) files are not read. Open the file in Excel or LibreOffice Calc and save it as "
                + "« Classeur Excel (.xlsx) » (Fichier > Enregistrer sous) or as CSV (séparateur point-virgule, UTF-8), then point the job at the new file."
        case .catalogue(let path, let line, let keyPath, let message):
            return "\(path):\(line): error: \(keyPath): \(message)"
        }
    }

    /// Headers in a message: each quoted and shortened (`quoted`), at most 40 of them, so
    /// that a file whose header is a megabyte long does not flood the terminal.
    static func list(_ headers: [String]) -> String {
        let shown = headers.prefix(40).map(quoted).joined(separator: ", ")
        return headers.count > 40 ? shown + " … (\(headers.count) headers)" : shown
    }
}
