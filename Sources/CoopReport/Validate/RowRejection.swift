/// Why a row cannot be used: the column at fault (nil for the whole row) and the reason.
public struct RowRejection: Error, Equatable, Sendable {
    public let column: String?
    public let reason: String
    public init(column: String?, _ reason: String) {
        self.column = column
        self.reason = reason
    }
}

/// A value quoted in a message: `'peut-être'`, or its first 60 characters and its length
/// when longer, so that a runaway field does not flood the log and the reports.
func quoted(_ value: String) -> String {
    guard value.count > 60 else { return "'\(value)'" }
    return "'\(value.prefix(60))…' (\(value.count) characters)"
}
