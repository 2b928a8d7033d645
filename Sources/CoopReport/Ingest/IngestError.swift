import Foundation

/// A problem with a whole input file: it stops the run (rows are diagnosed, not thrown).
public enum IngestError: Error, Equatable, LocalizedError {
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
    /// The catalogue breaks a rule; `keyPath` is like `programmes[0].sessions[2].kind`.
    case catalogue(path: String, line: Int, keyPath: String, message: String)

    public var errorDescription: String? {
        switch self {
        case .fileNotFound(let path):
            return "\(path): error: file not found. Check the path (relative paths start from the current folder)."
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
                + "Found: \(found.map { "'\($0)'" }.joined(separator: ", ")). "
                + "Expected at least: \(expected.joined(separator: ", ")). "
                + "Rename the header or map it in the job file."
        case .catalogue(let path, let line, let keyPath, let message):
            return "\(path):\(line): error: \(keyPath): \(message)"
        }
    }
}
