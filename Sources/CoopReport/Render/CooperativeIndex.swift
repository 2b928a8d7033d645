/// `cooperatives/index.csv`, beside the cooperatives' workbooks, for a mail merge: one line
/// per workbook — the cooperative, its file (beside the index), its contact e-mail (from the
/// member list), and its figures exactly as metrics.json's `cooperatives` array gives them
/// (counts as integers, rates as fractions 0–1 written as metrics.json writes them, empty
/// when hidden or not computable). `;`-separated UTF-8 with a BOM, fields neutralised like
/// rejects.csv (`RejectsCSV.field`).
public enum CooperativeIndex {
    /// The figures of each line, in column order; their ids are the column names.
    public static let figures: [Metric] = [.registered, .present, .attendanceRate, .satisfactionRate, .completionRate]

    public static let header = (["cooperative", "file", "contact_email"] + figures.map(\.id)).joined(separator: ";")

    public static func text(_ parts: CooperativeParts, contact: (String) -> String?) -> String {
        var out = "\u{FEFF}" + header + "\r\n"
        for part in parts.parts {
            let values = figures.map { metric -> String in
                guard let v = part.figures.value(metric) else { return "" }
                return (metric.unit == .count ? JSONValue.int(Int(v)) : JSONValue.number(v)).inline
            }
            let fields = [part.name, part.file, contact(part.name) ?? ""].map(RejectsCSV.field) + values
            out += fields.joined(separator: ";") + "\r\n"
        }
        return out
    }
}
