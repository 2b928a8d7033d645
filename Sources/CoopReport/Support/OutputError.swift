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
                "\(path) : erreur : écriture impossible (\(reason)). Vérifiez que le dossier de sortie existe ou peut être créé, et que vous avez le droit d'y écrire."
        case .workbook(let path, let reason):
            return "\(path) : erreur : le classeur n'a pas pu être écrit : \(reason)"
        }
    }
}
