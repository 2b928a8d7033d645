/// The cold evaluations (« évaluations à froid », `data-contract.md` §4) beside the hot
/// ones, per session of the period and objective (docs/decisions.md, « Cold
/// evaluations »): the share of objectives reached at the end of the session (à chaud)
/// beside the share applied months later (à froid: an answer ≥ `satisfied_from`), and the
/// cold response rate. Built once, read by the « À froid » sheet, metrics.json and
/// Indicateurs 11 and 30.
public struct ColdReport: Sendable {
    /// One objective of a session, à chaud and à froid.
    public struct Objective: Sendable, Equatable {
        public let number: Int
        /// The catalogue's wording, or nil when the catalogue does not describe objective k.
        public let wording: String?
        /// À chaud: objective k's answers, and those ≥ `satisfied_from` (the Objectifs sheet's).
        public let hotN: Int, hotMet: Int
        /// À froid: objective k's answers, and those ≥ `satisfied_from` (« appliqué »).
        public let coldN: Int, coldApplied: Int
    }

    /// One session of the period that has a questionnaire.
    public struct SessionRow: Sendable {
        public let session: Session
        /// Present at the session: the cold response rate's denominator.
        public let present: Int
        /// Cold responses kept (an identified person's later response wins).
        public let responses: Int
        /// The hot figures are hidden (small group, or no hot response): their shares are not shown.
        public let hotHidden: Bool
        /// Hot responses of the session.
        public let hotResponses: Int
        public let objectives: [Objective]
        /// The first and last day a cold response was submitted, when given.
        public let firstAnswer: Day?, lastAnswer: Day?
        let minGroupSize: Int

        /// At least one cold response: the session counts in the cold response rate. A
        /// session without any is « sans réponse à froid » (the file cannot tell a
        /// questionnaire not sent from one nobody answered).
        public var answered: Bool { responses > 0 }
        /// Fewer cold responses than `min_group_size`: the cold shares are hidden.
        public var coldSuppressed: Bool { answered && responses < minGroupSize }
        /// Cold responses / present; 0 / 0 for a session without cold response.
        public var responseRate: Figures.Ratio {
            answered ? .init(numerator: Double(responses), denominator: Double(present)) : .init(numerator: 0, denominator: 0)
        }
        /// Objective answers ≥ `satisfied_from` / objective answers, à froid.
        public var appliedRate: Figures.Ratio {
            .init(
                numerator: Double(objectives.reduce(0) { $0 + $1.coldApplied }),
                denominator: Double(objectives.reduce(0) { $0 + $1.coldN }))
        }
    }

    public let minGroupSize: Int
    /// The period's sessions with a questionnaire, in the report's order.
    public let sessions: [SessionRow]
    /// Cold responses of the period's sessions, and present at the sessions that have at
    /// least one.
    public let responses: Int
    public let present: Int
    /// When the cold responses of those sessions were submitted (Indicateurs' dates).
    public let dates: DateSpan

    /// Cold responses / present at the sessions with at least one cold response; empty
    /// (0 / 0) when no session has one.
    public var responseRate: Figures.Ratio { .init(numerator: Double(responses), denominator: Double(present)) }
    /// Every cold objective answer ≥ `satisfied_from` / every cold objective answer.
    public var appliedRate: Figures.Ratio {
        let rows = sessions.map(\.appliedRate)
        return .init(numerator: rows.reduce(0) { $0 + $1.numerator }, denominator: rows.reduce(0) { $0 + $1.denominator })
    }
    /// Fewer cold responses overall than `min_group_size`: the overall applied share is
    /// hidden (its denominator, a count of answers, stays).
    public var suppressed: Bool { responses > 0 && responses < minGroupSize }

    /// The cold responses (`cold`, de-duplicated like the evaluations) against the figures
    /// of the period. A cold response follows its session, as a hot one does; one submitted
    /// after the as-of date is not in `cold` (`LateRows`).
    public init(cold: Dataset, metrics: MetricsResult) {
        let minGroupSize = metrics.minGroupSize
        self.minGroupSize = minGroupSize
        let satisfiedFrom = cold.catalogue.survey.scale.satisfiedFrom
        var bySession: [SessionKey: [Response]] = [:]
        for r in cold.responses { bySession[r.session, default: []].append(r) }
        sessions = metrics.sessions.filter(\.session.survey).map { s -> SessionRow in
            let answers = bySession[s.session.key] ?? []
            var counts: [Int: (n: Int, applied: Int)] = [:]
            for r in answers {
                for (k, a) in r.objectives where k >= 1 {
                    counts[k, default: (0, 0)].n += 1
                    if a >= satisfiedFrom { counts[k, default: (0, 0)].applied += 1 }
                }
            }
            let count = max(s.objectives.count, counts.keys.max() ?? 0)
            let objectives: [Objective] =
                count == 0
                ? []
                : (1...count).map { k -> Objective in
                    let hot = k <= s.objectives.count ? s.objectives[k - 1] : nil
                    let c = counts[k] ?? (0, 0)
                    return Objective(
                        number: k, wording: k <= s.session.objectives.count ? s.session.objectives[k - 1] : nil,
                        hotN: hot?.n ?? 0, hotMet: hot?.met ?? 0, coldN: c.n, coldApplied: c.applied)
                }
            let days = answers.compactMap { $0.submittedAt?.day }
            return SessionRow(
                session: s.session, present: s.figures.tally.presentSurveyed, responses: answers.count,
                hotHidden: s.figures.suppressed || s.figures.withoutSurvey,
                hotResponses: s.figures.tally.responses, objectives: objectives,
                firstAnswer: days.min(), lastAnswer: days.max(), minGroupSize: minGroupSize)
        }
        let surveyed = Set(sessions.map(\.session.key))
        dates = DateSpan(cold.responses.filter { surveyed.contains($0.session) }.map { $0.submittedAt?.day })
        responses = sessions.reduce(0) { $0 + $1.responses }
        present = sessions.filter(\.answered).reduce(0) { $0 + $1.present }
    }
}
