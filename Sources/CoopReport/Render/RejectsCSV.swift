/// `rejects.csv`: every rejected row, `;`-separated UTF-8 with a BOM so French Excel
/// opens it directly, and safe there: a value starting with `=`, `+`, `-`, `@`, tab or CR
/// is prefixed with `'` so Excel never reads it as a formula.
public enum RejectsCSV {
    /// `scope` says where each row stands against the period: `période`, `hors période`
    /// (a session of another period) or `non rattachée` (no session could be read).
    public static func text(_ rejects: [Diagnostic], periodSessions: Set<SessionKey>) -> String {
        var out = "\u{FEFF}file;line;column;reason;scope;raw\r\n"
        for d in rejects {
            let scope = d.scope(inPeriod: periodSessions).rawValue
            out += [d.file, String(d.line), d.column ?? "", d.message, scope, d.raw ?? ""].map(field).joined(separator: ";") + "\r\n"
        }
        return out
    }

    /// One CSV field: neutralised, then quoted when it holds `;`, `"` or a line break.
    static func field(_ value: String) -> String {
        var v = value
        if let first = v.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { v = "'" + v }
        guard v.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
