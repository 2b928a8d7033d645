/// Where each wanted canonical column sits in a row's values, found once per file so that
/// the per-row path does no lookup by name.
struct ColumnPositions: Sendable {
    private let positions: [Int]

    /// `wanted[k]`'s position among `columns`, for each k.
    init(_ wanted: [String], in columns: [String]) {
        positions = wanted.map { columns.firstIndex(of: $0) ?? -1 }
    }

    /// The value of wanted column `k` in `values`, or "" when the file lacks it.
    @inline(__always) func value(_ k: Int, in values: [String]) -> String {
        let p = positions[k]
        return p >= 0 && p < values.count ? values[p] : ""
    }
}
