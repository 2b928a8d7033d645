/// The other period's figures, set beside the report's (`compare:`): the same definitions,
/// filter and as-of date, over another date range or edition.
public struct ComparedPeriod: Sendable {
    public let period: Period
    public let overall: Figures
    /// The other period's groups of the breakdown, when one is asked (same grouping).
    public let breakdown: FigureTable?

    /// How a person names it: the edition's code, or its dates.
    public var label: String { period.programme ?? period.french }

    /// The difference in points between two rates (0.92 and 0.85 → 7), nil when either is
    /// empty or hidden; for other figures, the plain difference.
    public static func gap(_ metric: Metric, _ now: Figures, _ before: Figures) -> Double? {
        guard let a = now.value(metric), let b = before.value(metric) else { return nil }
        return metric.unit == .rate ? (a - b) * 100 : a - b
    }
}
