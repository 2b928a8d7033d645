import XlsxWriter

/// `rejects.csv`: every rejected row, `;`-separated UTF-8 with a BOM so French Excel
/// opens it directly, and safe there: a value starting with `=`, `+`, `-`, `@`, tab or CR
/// is prefixed with `'` so Excel never reads it as a formula; control characters are
/// treated as the workbook treats them (`XMLText.clean`: NUL becomes U+FFFD, ESC, BEL and
/// the like are left out), so no raw byte reaches a terminal or a spreadsheet.
public enum RejectsCSV {
    /// `role` is the input's role as the job names it (`registrations`, `evaluations`,
    /// `catalogue`; from `inputs`), `value` the field's text that was refused (empty when
    /// the whole row is at fault), `scope` where each row stands against the period:
    /// `période`, `hors période` (a session of another period) or `non rattachée` (no
    /// session could be read).
    public static func text(_ rejects: [Diagnostic], periodSessions: Set<SessionKey>, inputs: [InputSummary] = []) -> String {
        var roles: [String: String] = [:]
        for input in inputs where roles[input.path] == nil { roles[input.path] = input.role.rawValue }
        var out = "\u{FEFF}file;role;line;column;value;reason;scope;raw\r\n"
        for d in rejects {
            let scope = d.scope(inPeriod: periodSessions).rawValue
            let fields = [d.file, roles[d.file] ?? "", String(d.line), d.column ?? "", d.value ?? "", d.message, scope, d.raw ?? ""]
            out += fields.map(field).joined(separator: ";") + "\r\n"
        }
        return out
    }

    /// One CSV field: cleaned, neutralised, then quoted when it holds `;`, `"` or a line break.
    static func field(_ value: String) -> String {
        var v = XMLText.clean(value)
        if let first = v.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { v = "'" + v }
        guard v.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
