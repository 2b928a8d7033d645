/// A failure reported by libxlsxwriter, or a value the wrapper refuses before it reaches
/// the C library (it would corrupt the file or be silently altered).
public struct XlsxError: Error, Equatable, CustomStringConvertible {
    /// What was being done, e.g. `write_string at Sessions!B4`.
    public let operation: String
    /// libxlsxwriter's `lxw_error` number, or -1 for a value the wrapper refused.
    public let code: Int32
    /// libxlsxwriter's own text (`lxw_strerror`) or the wrapper's reason.
    public let reason: String

    public init(operation: String, code: Int32, reason: String) {
        self.operation = operation
        self.code = code
        self.reason = reason
    }

    public var description: String { "\(operation): \(reason) (libxlsxwriter error \(code))" }
}
