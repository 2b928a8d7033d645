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
    public func ratio(_ metric: Metric) -> Ratio? {
        let t = tally
        func r(_ n: Int, _ d: Int) -> Ratio { Ratio(numerator: Double(n), denominator: Double(d)) }
        switch metric {
        case .attendanceRate: return r(t.present, t.present + t.absent)
        case .projectRate: return r(t.projectsDone, t.projectsDone + t.projectsNotDone)
        case .fillRate: return r(t.registeredWithCapacity, t.capacity)
        case .responseRate: return r(t.responses, t.presentSurveyed)
        case .satisfactionRate: return t.questions.first.map { r($0.satisfied, $0.n) }
        case .objectivesMetRate: return r(t.objectivesMet, t.objectiveAnswers)
        case .nps: return r(t.promoters - t.detractors, t.recommendAnswers)
        case .completionRate: return t.journeys.map { r($0.completed, $0.started) }
        case .dropoutRate: return t.journeys.map { r($0.dropped, $0.endedStarted) }
        case .registered, .cancelled, .waitlisted, .present, .absent, .unrecorded, .projectsDone, .projectsNotDone, .hoursTrainee,
            .revenueHT, .prerequisiteViolations, .participants, .responses, .started, .completed, .dropped, .unverified:
            return nil
        }
    }

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

    /// The figure as a cell or the JSON shows it.
    public func state(_ metric: Metric) -> State {
        guard applies(metric) else { return .notApplicable }
        if metric.isSatisfaction || metric == .responseRate {
            if withoutSurvey { return .withoutSurvey }
            if !surveyed { return .empty }
            if metric.isSatisfaction && suppressed { return .suppressed }
        }
        let t = tally
        let j = t.journeys ?? JourneyTally()
        func count(_ n: Int) -> State { .value(Double(n)) }
        func rate() -> State { ratio(metric)?.value.map(State.value) ?? .empty }
        switch metric {
        case .registered: return count(t.registered)
        case .cancelled: return count(t.cancelled)
        case .waitlisted: return count(t.waitlisted)
        case .present: return count(t.present)
        case .absent: return count(t.absent)
        case .unrecorded: return count(t.unrecorded)
        case .projectsDone: return count(t.projectsDone)
        case .projectsNotDone: return count(t.projectsNotDone)
        case .hoursTrainee: return .value(t.hoursTrainee)
        case .revenueHT: return t.priced ? .value(t.revenueHT) : .empty
        case .prerequisiteViolations: return count(t.prerequisiteViolations)
        case .participants: return count(t.participants)
        case .responses: return count(t.responses)
        case .started: return count(j.started)
        case .completed: return count(j.completed)
        case .dropped: return count(j.dropped)
        case .unverified: return count(j.unverified)
        // « en cours » while the group's journeys all belong to running programmes; a group
        // with no journey at all (responses only) just has no rate.
        case .dropoutRate: return j.anyEnded || j.journeys == 0 ? rate() : .inProgress
        case .nps: return ratio(.nps)?.value.map { .value($0 * 100) } ?? .empty
        case .attendanceRate, .projectRate, .fillRate, .responseRate, .satisfactionRate, .objectivesMetRate, .completionRate:
            return rate()
        }
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
