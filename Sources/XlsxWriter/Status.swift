import CXlsxWriter

/// Turns a libxlsxwriter status into a thrown `XlsxError`; the only place that reads
/// `lxw_error` values.
func check(_ status: lxw_error, _ operation: @autoclosure () -> String) throws {
    guard status != LXW_NO_ERROR else { return }
    let reason = lxw_strerror(status).map { String(cString: $0) } ?? "unknown error"
    throw XlsxError(operation: operation(), code: Int32(status.rawValue), reason: reason)
}

/// Excel's cell reference for a zero-based row and column, e.g. (3, 1) → `B4`.
public func cellName(row: Int, column: Int) -> String {
    var letters = ""
    var c = column + 1
    while c > 0 {
        let r = (c - 1) % 26
        letters = String(UnicodeScalar(UInt8(65 + r))) + letters
        c = (c - 1) / 26
    }
    return "\(letters)\(row + 1)"
}
