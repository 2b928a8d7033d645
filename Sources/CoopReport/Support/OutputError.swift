import Foundation

/// A problem writing the outputs: it stops the run.
public enum OutputError: Error, Equatable, LocalizedError {
    /// The output folder or a file in it cannot be created or replaced.
    case notWritable(path: String, reason: String)
    /// libxlsxwriter refused a value or failed to write the workbook.
    case workbook(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .notWritable(let path, let reason):
            return
                "\(path): error: cannot write (\(reason)). Check that the output folder exists or can be created, and that you may write to it."
        case .workbook(let path, let reason):
            return "\(path): error: the workbook could not be written: \(reason)"
        }
    }
}
