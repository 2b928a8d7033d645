/// Formats made beforehand for sheets written on another thread: `Workbook.format(_:)`
/// is not thread-safe, so a sheet written beside others only reads formats made (and
/// numbered, see there) before that thread started. Read-only once made.
public struct PreparedFormats: @unchecked Sendable {
    private var handles: [CellFormat: FormatHandle] = [:]

    /// The handle for a look prepared here; nil for a look that was not.
    public func handle(_ look: CellFormat) -> FormatHandle? { handles[look] }

    fileprivate mutating func add(_ look: CellFormat, _ handle: FormatHandle) { handles[look] = handle }
}

extension Workbook {
    /// Makes the formats of `looks` here, in the order given (so the file's styles come out
    /// the same run after run), for a sheet to be written on another thread.
    public func prepare(_ looks: some Sequence<CellFormat>) -> PreparedFormats {
        var prepared = PreparedFormats()
        for look in looks where prepared.handle(look) == nil { prepared.add(look, handle(look)) }
        return prepared
    }
}

/// A sheet handed to another thread, which alone writes its cells until it is done; the
/// workbook is closed after that thread has finished.
public struct SheetOnAnotherThread: @unchecked Sendable {
    public let sheet: Worksheet
    public init(_ sheet: Worksheet) { self.sheet = sheet }
}
