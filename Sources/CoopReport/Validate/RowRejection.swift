/// Why a row cannot be used: the column at fault (nil for the whole row) and the reason.
public struct RowRejection: Error, Equatable, Sendable {
    public let column: String?
    public let reason: String
    public init(column: String?, _ reason: String) {
        self.column = column
        self.reason = reason
    }
}
