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
    /// An evaluations file in which no survey question is found (objective columns or not).
    case noQuestionColumns(path: String, questions: [String], found: [String])
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
    /// An input path names a file the tool wrote (a report, its rejects, its manifest).
    case ownOutput(path: String)
    /// A file read as an `.xlsx` workbook that cannot be: `reason` says what the file is
    /// (empty, encrypted, damaged, a bomb) and what to do.
    case badWorkbook(path: String, reason: String)
    /// The catalogue breaks a rule; `keyPath` is like `programmes[0].sessions[2].kind`.
    case catalogue(path: String, line: Int, keyPath: String, message: String)
    /// One file given for two inputs (`roles`: the first input naming it, then the second).
    case sameFile(path: String, roles: [InputKind])

    public var errorDescription: String? {
        switch self {
        case .fileNotFound(let path):
            return
                "\(path) : erreur : fichier introuvable. Vérifiez le chemin : dans un fichier de tâche, un chemin relatif part du dossier du fichier de tâche ; en ligne de commande, du dossier courant."
        case .noMatch(let pattern):
            return "\(pattern) : erreur : aucun fichier ne correspond à ce motif. Vérifiez le dossier et le motif du nom de fichier."
        case .unreadable(let path, let reason):
            return "\(path) : erreur : lecture impossible (\(reason)). Vérifiez ses droits d'accès."
        case .emptyFile(let path):
            return "\(path) : erreur : le fichier est vide ; attendu : une ligne d'en-tête puis une ligne par enregistrement."
        case .missingColumns(let path, let missing, let found, let expected, let nearest):
            let hints = missing.map { name in
                nearest[name].map { "« \(name) » (en-tête le plus proche : « \($0) »)" } ?? "« \(name) »"
            }
            return
                "\(path):1 : erreur : \(missing.count > 1 ? "colonnes obligatoires absentes" : "colonne obligatoire absente") : \(hints.joined(separator: ", ")). "
                + "En-têtes trouvés : \(Self.list(found)). "
                + "Attendu au moins : \(expected.joined(separator: ", ")). "
                + "Renommez l'en-tête ou faites-le correspondre dans le fichier de tâche."
        case .unmatchedHeaders(let path, let entries, let found):
            let lines = entries.map { e in
                "\(e.section) : « \(e.entry) » n'est pas un en-tête de ce fichier"
                    + (e.nearest.map { " (le plus proche : « \($0) »)" } ?? "")
            }
            return
                "\(path):1 : erreur : le fichier de tâche fait correspondre des en-têtes que le fichier n'a pas : \(lines.joined(separator: " ; ")). "
                + "En-têtes trouvés : \(Self.list(found)). "
                + "Corrigez la correspondance du fichier de tâche : un en-tête qui ne correspond à rien ferait disparaître sa colonne sans bruit."
        case .noAnswerColumns(let path, let questions, let found):
            return "\(path):1 : erreur : aucune question du questionnaire ni colonne d'objectif trouvée, chaque réponse serait donc vide. "
                + "Attendu : \(questions.isEmpty ? "" : "l'une de \(questions.joined(separator: ", ")) ou ")objective_1… ; trouvé : \(Self.list(found)). "
                + "Faites correspondre les en-têtes des questions avec « questions: » dans le fichier de tâche (docs/jobs.md)."
        case .noQuestionColumns(let path, let questions, let found):
            return
                "\(path):1 : erreur : aucune question du questionnaire trouvée dans l'en-tête, chaque chiffre de satisfaction serait donc vide. "
                + "Attendu : l'une de \(Self.list(questions)) ; trouvé : \(Self.list(found)). "
                + "Faites correspondre les en-têtes des questions avec « questions: » dans le fichier de tâche (docs/jobs.md), "
                + "ou écrivez « questions: [] » si ce questionnaire n'a pas de question de satisfaction."
        case .noRows(let path):
            return
                "\(path) : erreur : les inscriptions ont un en-tête et aucune ligne ; rien n'est écrit et le rapport précédent est conservé. "
                + "Vérifiez l'export (un filtre resté actif, une mauvaise période) et relancez."
        case .duplicateHeaders(let path, let column, let headers):
            return
                "\(path):1 : erreur : les en-têtes \(headers.map(quoted).joined(separator: " et ")) désignent tous deux la colonne « \(column) » ; "
                + "gardez-en un (renommez ou supprimez l'autre, ou faites-le correspondre à une autre colonne dans le fichier de tâche)."
        case .utf16(let path):
            return
                "\(path) : erreur : ce fichier est en UTF-16 (« Texte Unicode » d'Excel) ; enregistrez-le en « CSV UTF-8 (délimité par des virgules) » ou en CSV avec « ; », puis relancez."
        case .noSheet(let path, let sheet, let found):
            let near = Nearest.header(for: [sheet], in: found).map { " (la plus proche : « \($0) »)" } ?? ""
            return
                "\(path) : erreur : aucune feuille nommée « \(sheet) »\(near) ; feuilles du classeur : \(Self.list(found)). Corrigez « sheet: » dans le fichier de tâche."
        case .sameFile(let path, let roles):
            return
                "\(path) : erreur : ce fichier est donné pour deux entrées (\(roles.map(\.rawValue).joined(separator: " et "))) ; ses lignes seraient lues et écartées deux fois. "
                + "Donnez à chaque entrée son propre fichier : vérifiez les chemins et les motifs du fichier de tâche."
        case .unsupportedFormat(let path, let format):
            return
                "\(path) : erreur : les fichiers \(format) ne sont pas lus. Ouvrez le fichier dans Excel ou LibreOffice Calc et enregistrez-le en "
                + "« Classeur Excel (.xlsx) » (Fichier > Enregistrer sous) ou en CSV (séparateur point-virgule, UTF-8), puis indiquez le nouveau fichier dans le fichier de tâche."
        case .ownOutput(let path):
            return
                "\(path) : erreur : ce fichier est une sortie de coopreport (un rapport, ses rejets ou son manifeste), pas un export à lire ; "
                + "indiquez l'export d'origine, ou un dossier de sortie (« output: ») hors des dossiers d'entrée."
        case .badWorkbook(let path, let reason):
            return "\(path) : erreur : classeur illisible : \(reason)."
        case .catalogue(let path, let line, let keyPath, let message):
            return "\(path):\(line) : erreur : \(keyPath) : \(message)"
        }
    }

    /// Headers in a message: each quoted and shortened (`quoted`), at most 40 of them, so
    /// that a file whose header is a megabyte long does not flood the terminal.
    static func list(_ headers: [String]) -> String {
        let shown = headers.prefix(40).map(quoted).joined(separator: ", ")
        return headers.count > 40 ? shown + " … (\(headers.count - 40) de plus)" : shown
    }
}
