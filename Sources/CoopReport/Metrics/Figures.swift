/// The figures of one group, derived from its `Tally`: every rate from its numerator and
/// denominator, nil when the denominator is 0, and the satisfaction figures nil when the
/// group has fewer responses than `minGroupSize` (`suppressed`).
public struct Figures: Sendable, Equatable {
    public let tally: Tally
    /// Fewer responses than the minimum group size: satisfaction figures are hidden.
    public let suppressed: Bool

    public init(tally: Tally, minGroupSize: Int) {
        self.tally = tally
        suppressed = tally.responses < minGroupSize
    }

    /// A rate's parts (`value = numerator / denominator`), for rates and the NPS.
    public struct Ratio: Sendable, Equatable {
        public let numerator: Double, denominator: Double
        /// nil when the denominator is 0.
        public var value: Double? { denominator == 0 ? nil : numerator / denominator }
    }

    /// The numerator and denominator behind a rate, or nil for a figure that is not a
    /// rate or does not apply to this group. Not affected by suppression.
    public func ratio(_ id: String) -> Ratio? {
        let t = tally
        func r(_ n: Int, _ d: Int) -> Ratio { Ratio(numerator: Double(n), denominator: Double(d)) }
        switch id {
        case "attendance_rate": return r(t.present, t.present + t.absent)
        case "fill_rate": return r(t.registeredWithCapacity, t.capacity)
        case "response_rate": return r(t.responses, t.present)
        case "satisfaction_rate": return t.questions.first.map { r($0.satisfied, $0.n) }
        case "objectives_met_rate": return r(t.objectivesMet, t.objectiveAnswers)
        case "nps": return Ratio(numerator: Double(t.promoters - t.detractors), denominator: Double(t.recommendAnswers))
        case "completion_rate": return t.journeys.map { r($0.completed, $0.started) }
        case "dropout_rate": return t.journeys.map { r($0.endedStarted - $0.endedCompleted, $0.endedStarted) }
        default: return nil
        }
    }

    /// Whether the group carries this figure at all (journey figures: not per session or month).
    public func applies(_ metric: MetricDefinition) -> Bool { metric.scope == .everyGroup || tally.journeys != nil }

    /// The figure's value, or nil: empty rate, no capacity/price, suppressed, not applicable.
    public func value(_ id: String) -> Double? {
        guard let metric = MetricDefinition.named(id), applies(metric) else { return nil }
        if metric.suppressible && suppressed { return nil }
        let t = tally
        switch id {
        case "registered": return Double(t.registered)
        case "cancelled": return Double(t.cancelled)
        case "waitlisted": return Double(t.waitlisted)
        case "present": return Double(t.present)
        case "absent": return Double(t.absent)
        case "unrecorded": return Double(t.unrecorded)
        case "hours_trainee": return t.hoursTrainee
        case "revenue_ht": return t.priced ? t.revenueHT : nil
        case "prerequisite_violations": return Double(t.prerequisiteViolations)
        case "responses": return Double(t.responses)
        case "participants": return t.journeys.map { Double($0.participants) }
        case "started": return t.journeys.map { Double($0.started) }
        case "completed": return t.journeys.map { Double($0.completed) }
        case "dropout_rate":
            guard t.journeys?.anyEnded == true else { return nil }
            return ratio(id)?.value
        case "nps": return ratio(id)?.value.map { $0 * 100 }
        default: return ratio(id)?.value
        }
    }

    /// Per-question figures: n, and unless suppressed the mean and satisfied share.
    public func question(_ index: Int) -> (n: Int, mean: Double?, satisfied: Double?) {
        guard tally.questions.indices.contains(index) else { return (0, nil, nil) }
        let q = tally.questions[index]
        guard !suppressed, q.n > 0 else { return (q.n, nil, nil) }
        return (q.n, Double(q.sum) / Double(q.n), Double(q.satisfied) / Double(q.n))
    }
}
