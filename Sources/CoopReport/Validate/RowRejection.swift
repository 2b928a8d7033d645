/// Why a row cannot be used: the column at fault (nil for the whole row), the reason, and
/// the field's text that was refused (nil when the whole row is at fault).
public struct RowRejection: Error, Equatable, Sendable {
    public let column: String?
    public let reason: String
    /// The field's text as read, shown in rejects.csv and the Rejets sheet.
    public let value: String?
    public init(column: String?, _ reason: String, value: String? = nil) {
        self.column = column
        self.reason = reason
        self.value = value
    }
}

/// A value quoted in a message: `« peut-être »`, or its first 60 characters and its length
/// when longer, so that a runaway field does not flood the log and the reports.
func quoted(_ value: String) -> String {
    guard value.count > 60 else { return "« \(value) »" }
    return "« \(value.prefix(60))… » (\(value.count) caractères)"
}

/// « 3 autres lignes écartées concernent des sessions hors de la période » — what a report of
/// one period counts without listing; `rejected`: rows rather than alerts.
public func outsidePeriod(_ n: Int, rejected: Bool) -> String {
    let noun = rejected ? plural(n, "autre ligne écartée", "autres lignes écartées") : plural(n, "autre alerte", "autres alertes")
    return "\(noun) \(n > 1 ? "concernent" : "concerne") \(rejected ? "des sessions" : "des lignes de sessions") hors de la période"
}

/// « 1 session », « 2 sessions »: a count and its noun, plural from 2 on as in French.
public func plural(_ n: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
    "\(n) \(n > 1 ? pluralForm ?? singular + "s" : singular)"
}
