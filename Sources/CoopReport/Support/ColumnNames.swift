/// Columns as a person knows them: by the header of their own file (« Événement »), not
/// by the canonical name the code uses (`programme`), which rejects.csv keeps for programs.
public struct ColumnNames: Sendable, Equatable {
    /// Per input file, each canonical column's header in that file.
    var headers: [String: [String: String]] = [:]

    public init(_ inputs: [InputSummary]) {
        for input in inputs where !input.headers.isEmpty { headers[input.path] = input.headers }
    }

    public static let canonical = ColumnNames([])

    /// The file's own header for a column, or the column's name when the file has none.
    public func show(_ column: String, in file: String) -> String {
        guard let header = headers[file]?[column], !header.isEmpty else { return column }
        return header
    }
}
