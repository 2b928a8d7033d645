/// The figures of one group, derived from its `Tally`: every rate from its numerator and
/// denominator, nil when the denominator is 0; satisfaction figures hidden when the group
/// has fewer responses than `minGroupSize` (`suppressed`) and « sans questionnaire » when
/// none of its sessions has one (`surveyed` false).
public struct Figures: Sendable, Equatable {
    public let tally: Tally
    /// Why the satisfaction figures are hidden, or nil when they are shown.
    public private(set) var suppression: Suppression?
    /// Satisfaction figures hidden: fewer responses than the minimum group size, or hidden
    /// beside another group of its set (complementary suppression).
    public var suppressed: Bool { suppression != nil }

    /// Why a group's satisfaction figures are hidden (`metrics.md`, Small groups); the raw
    /// value is metrics.json's `suppressed_by`.
    public enum Suppression: String, Sendable {
        /// Fewer responses than `min_group_size`.
        case smallGroup = "min_group_size"
        /// Hidden too because another group of a set adding up to a visible total is
        /// (`ComplementarySuppression`).
        case complementary
    }

    public init(tally: Tally, minGroupSize: Int) {
        self.tally = tally
        suppression = tally.surveyed && tally.responses < minGroupSize ? .smallGroup : nil
    }

    /// The same figures, hidden by complementary suppression (a group already hidden stays
    /// as it is).
    func hiddenAsComplement() -> Figures {
        var f = self
        if f.suppression == nil { f.suppression = .complementary }
        return f
    }

    /// Whether any session of the group has a questionnaire.
    public var surveyed: Bool { tally.surveyed }
    /// Sessions, none with a questionnaire: « sans questionnaire », not a hidden figure.
    public var withoutSurvey: Bool { tally.hasSessions && !tally.surveyed }

    /// A rate's parts (`value = numerator / denominator`), for rates and the NPS.
    public struct Ratio: Sendable, Equatable {
        public let numerator: Double, denominator: Double
        /// nil when the denominator is 0.
        public var value: Double? { denominator == 0 ? nil : numerator / denominator }
    }

    /// What a figure's cell and JSON value hold.
    public enum State: Sendable, Equatable {
        case value(Double)
        /// A zero denominator, no capacity or no price: an empty cell, `null`.
        case empty
        /// Hidden: fewer responses than the minimum group size.
        case suppressed
        /// No session of the group has a questionnaire.
        case withoutSurvey
        /// No programme of the group has ended yet (dropout rate).
        case inProgress
        /// The group does not carry the figure (journey figures of a session or a month).
        case notApplicable

        public var number: Double? { if case .value(let v) = self { v } else { nil } }
    }

    /// The numerator and denominator behind a rate, or nil for a figure that is not a
    /// rate or does not apply to this group. Not affected by suppression.
    public func ratio(_ metric: Metric) -> Ratio? { metric.ratio(in: tally) }

    /// A rate's numerator and denominator as the reports show them beside it: the
    /// numerator hidden with a suppressed figure (the denominator, a count of answers, is
    /// always shown), neither for a group without questionnaire. Both are shown when the
    /// rate is empty for a zero denominator or still « en cours ». nil for a figure that is
    /// neither a rate nor the NPS, or that the group does not carry.
    public func shownParts(_ metric: Metric) -> (numerator: Double?, denominator: Double?)? {
        guard let r = ratio(metric) else { return nil }
        switch state(metric) {
        case .suppressed: return (nil, r.denominator)
        case .withoutSurvey, .notApplicable: return (nil, nil)
        case .value, .empty, .inProgress: return (r.numerator, r.denominator)
        }
    }

    /// Whether the group carries this figure at all (journey figures: not per session or month).
    public func applies(_ metric: Metric) -> Bool { metric.scope == .everyGroup || tally.journeys != nil }

    /// The figure as a cell or the JSON shows it: the rules common to every figure
    /// (questionnaire, small groups, groups that do not carry it); the value itself is the
    /// figure's own (`Metric.ratio(in:)`, `Metric.amount(in:)`).
    public func state(_ metric: Metric) -> State {
        guard applies(metric) else { return .notApplicable }
        if metric.needsSurvey {
            if withoutSurvey { return .withoutSurvey }
            if !surveyed { return .empty }
            if metric.isSatisfaction && suppressed { return .suppressed }
        }
        if metric.inProgress(tally) { return .inProgress }
        if let r = metric.ratio(in: tally) { return metric.value(of: r).map(State.value) ?? .empty }
        return metric.amount(in: tally).map(State.value) ?? .empty
    }

    /// The figure's value, or nil: empty rate, no capacity/price, hidden, without
    /// questionnaire, still running, not applicable.
    public func value(_ metric: Metric) -> Double? { state(metric).number }

    /// The answers to question `index` at or above `satisfied_from`: the numerator of its
    /// satisfied share, whose denominator is n. nil when the share is hidden (small group,
    /// no questionnaire).
    public func questionSatisfied(_ index: Int) -> Int? {
        guard tally.questions.indices.contains(index), surveyed, !suppressed else { return nil }
        return tally.questions[index].satisfied
    }

    /// Per-question figures: n, and unless hidden the mean and satisfied share.
    public func question(_ index: Int) -> (n: Int, mean: Double?, satisfied: Double?) {
        guard tally.questions.indices.contains(index) else { return (0, nil, nil) }
        let q = tally.questions[index]
        guard surveyed, !suppressed, q.n > 0 else { return (q.n, nil, nil) }
        return (q.n, Double(q.sum) / Double(q.n), Double(q.satisfied) / Double(q.n))
    }
}
