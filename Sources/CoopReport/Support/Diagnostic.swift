/// A problem found in one row: the row is rejected (`error`) or kept and reported
/// (`warning`). Collected while the run goes on; never thrown.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public let severity: Severity
    /// The input file as given on the command line or in the job.
    public let file: String
    /// 1-based line where the record starts (header = line 1); 0 for the whole file.
    public let line: Int
    /// The canonical column at fault, or nil for the whole row.
    public let column: String?
    public let message: String
    /// The field's text that was refused (rejected rows), nil when the whole row is at fault.
    public var value: String?
    /// The row as it was in the file (rejected rows only), its e-mail addresses and phone
    /// numbers masked (`FreeTextMask`): rejects.csv travels too; file and line find the original.
    public let raw: String?
    /// The row with names and e-mail masked, as workbooks show it.
    public let redactedRaw: String?
    /// The session the row belongs to, when it could be read (a rejected row of another
    /// month is counted, not listed, in a monthly report).
    public var session: SessionKey?
    /// The cooperative the rejected row names, as written, when it has one: a member's own
    /// workbook lists its rejected rows (`CooperativeParts`).
    public var cooperative: String?

    public init(
        severity: Severity, file: String, line: Int, column: String?, message: String, raw: String? = nil, redactedRaw: String? = nil,
        session: SessionKey? = nil
    ) {
        self.session = session
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.raw = raw.map(FreeTextMask.masked)
        self.redactedRaw = (redactedRaw ?? raw).map(FreeTextMask.masked)
    }

    /// Where a rejected row stands against the reported period: one of its sessions, a
    /// session of another period (a monthly report counts it, lists it in rejects.csv), or
    /// not placed (its programme or session could not be read: always listed).
    public enum Scope: String, Sendable {
        case period = "période"
        case outside = "hors période"
        case unplaced = "non rattachée"
    }

    public func scope(inPeriod sessions: Set<SessionKey>) -> Scope {
        guard let session else { return .unplaced }
        return sessions.contains(session) ? .period : .outside
    }

    /// Compiler style, in French: `input/registrations.csv:14 : ligne écartée — colonne « status » : …`
    /// for a rejected row, `… : alerte : …` for a warning.
    public var description: String { described(file, column) }

    /// The same with the file shown as `paths` shows it, the column as its file names it.
    public func described(with paths: DisplayPaths, columns: ColumnNames = .canonical) -> String {
        described(paths.show(file), column.map { columns.show($0, in: file) })
    }

    private func described(_ shownFile: String, _ shownColumn: String?) -> String {
        let place = shownColumn.map { "colonne « \($0) » : " } ?? ""
        let at = line > 0 ? "\(shownFile):\(line) : " : shownFile.isEmpty ? "" : "\(shownFile) : "
        switch severity {
        case .error: return "\(at)ligne écartée — \(place)\(message)"
        case .warning: return "\(at)alerte : \(place)\(message)"
        }
    }
}
