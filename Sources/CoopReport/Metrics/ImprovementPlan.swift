/// The improvement points beside the action register (indicator 32, `reports.md`): each
/// point with the actions joined to it, points without action, actions past due, and an
/// action's measured effect when a later session or edition scored the same question.
///
/// Join (docs/decisions.md, « Registers »): an action joins a point when it names the
/// same programme and the same question or objective number, and the same session or
/// none (then it joins every session of that programme with that question).
public struct ImprovementPlan: Sendable {
    /// A later session's score of the point's question (or of an objective with the same
    /// wording): the share before is the point's, the share after is this one.
    public struct Effect: Sendable, Equatable {
        public let session: SessionKey
        public let start: Day
        public let n: Int
        public let satisfied: Double
    }

    /// An action as the plan shows it.
    public struct Entry: Sendable {
        public let action: ImprovementAction
        /// Past due at the as-of date and neither done nor abandoned.
        public let late: Bool
        public let effect: Effect?
    }

    /// One improvement point and its actions (none: « aucune action »).
    public struct Point: Sendable {
        public let point: Evidence.ImprovementRow
        public let actions: [Entry]
    }

    /// Whether the job gave an action register: without it, « registre non fourni ».
    public let actionsGiven: Bool
    public let points: [Point]
    /// Actions of the period joined to no point (a complaint's, a comment's, a question
    /// whose share met the target), by decision date.
    public let unjoined: [Entry]
    public let asOf: Day

    /// Every action of the period, joined or not, each once.
    public var actions: [Entry] {
        var seen = Set<String>()
        return (points.flatMap(\.actions) + unjoined).filter { seen.insert($0.action.id).inserted }
    }
    public var pointsWithoutAction: Int { actionsGiven ? points.filter { $0.actions.isEmpty }.count : 0 }
    public var lateActions: Int { actions.filter(\.late).count }

    /// Joins `actions` (nil: register not given) in `scope` to `points`, measuring effects
    /// on `data`'s responses (groups under `minGroupSize` are not measured).
    init(
        points: [Evidence.ImprovementRow], actions: [ImprovementAction]?, scope: RegisterScope, data: Dataset, minGroupSize: Int,
        hidden: Set<SessionKey> = []
    ) {
        asOf = scope.asOf
        actionsGiven = actions != nil
        let inScope = (actions ?? []).filter { scope.includes(programme: $0.programme, session: $0.session, date: $0.decidedOn) }
            .sorted { ($0.decidedOn, $0.line) < ($1.decidedOn, $1.line) }
        // The later sessions' scores measure an action's effect: read from the responses
        // only when some action may be joined.
        let scores = inScope.isEmpty ? nil : SessionScores(data, minGroupSize: minGroupSize, asOf: scope.asOf, hidden: hidden)
        var joined = Set<String>()
        self.points = points.map { point in
            let mine = inScope.filter { Self.joins($0, point, survey: data.catalogue.survey) }
            for a in mine { joined.insert(a.id) }
            return Point(
                point: point,
                actions: mine.map { a in
                    Entry(
                        action: a, late: a.isLate(at: scope.asOf),
                        effect: scores.flatMap { Self.effect(of: a, on: point, scores: $0, catalogue: data.catalogue) })
                })
        }
        unjoined = inScope.filter { !joined.contains($0.id) }.map { Entry(action: $0, late: $0.isLate(at: scope.asOf), effect: nil) }
    }

    /// Whether `action` aims at `point`.
    static func joins(_ action: ImprovementAction, _ point: Evidence.ImprovementRow, survey: Survey) -> Bool {
        guard action.programme == point.session.programme, let target = action.target else { return false }
        if let session = action.session, session != point.session.code { return false }
        switch (target, point.subject) {
        case (.objective(let k), .objective(let number, _)): return k == number
        case (.question(let i), .question(let q)): return survey.questions.indices.contains(i) && survey.questions[i].column == q.column
        default: return false
        }
    }

    /// The first later session that scored the point's question: of the same programme
    /// first, else of another programme (a later edition); later = starting after the
    /// action was decided and after the point's session, on or before the as-of date.
    static func effect(of action: ImprovementAction, on point: Evidence.ImprovementRow, scores: SessionScores, catalogue: Catalogue)
        -> Effect?
    {
        let after = max(action.decidedOn, point.session.start)
        let later = catalogue.programmes.flatMap(\.sessions)
            .filter { $0.survey && $0.start > after && $0.start <= scores.asOf && $0.key != point.session.key }
            .sorted { a, b in
                let (x, y) = (a.programme == point.session.programme ? 0 : 1, b.programme == point.session.programme ? 0 : 1)
                return (x, a.start, a.programme, a.code) < (y, b.start, b.programme, b.code)
            }
        for s in later {
            let score: (n: Int, satisfied: Double)?
            switch point.subject {
            case .question(let q):
                score = catalogue.survey.questions.firstIndex { $0.column == q.column }.flatMap { scores.question($0, of: s.key) }
            case .objective(_, let wording):
                // The same objective is the same wording: objective 1 of S2 is not objective 1 of S1.
                guard let wording, let k = s.objectives.firstIndex(of: wording) else { continue }
                score = scores.objective(k + 1, of: s.key)
            }
            if let score { return Effect(session: s.key, start: s.start, n: score.n, satisfied: score.satisfied) }
        }
        return nil
    }
}

/// The satisfied share of each question and objective of each session, from the
/// responses, for sessions with at least `minGroupSize` responses (the rule of
/// `Figures.question`: smaller groups are not shown, so not measured either) and not
/// hidden by complementary suppression (`hidden`).
struct SessionScores {
    let asOf: Day
    private let tallies: [SessionKey: Tally]
    private let objectives: [SessionKey: [Int: (n: Int, met: Int)]]
    private let minGroupSize: Int

    init(_ data: Dataset, minGroupSize: Int, asOf: Day, hidden: Set<SessionKey> = []) {
        self.asOf = asOf
        self.minGroupSize = minGroupSize
        let survey = data.catalogue.survey
        var tallies: [SessionKey: Tally] = [:]
        var objectives: [SessionKey: [Int: (n: Int, met: Int)]] = [:]
        for r in data.responseRows {
            let key = data.sessions.keys[Int(r.session)]
            guard !hidden.contains(key) else { continue }
            tallies[key, default: Tally(questionCount: survey.questions.count, scaleSize: survey.scale.max - survey.scale.min + 1)]
                .add(r, in: data)
            for k in 0..<Int(r.objectiveCount) {
                let at = Int(r.objectives) + 2 * k
                let number = Int(data.objectives[at])
                let met = Int(data.objectives[at + 1]) >= survey.scale.satisfiedFrom ? 1 : 0
                let old = objectives[key, default: [:]][number] ?? (0, 0)
                objectives[key, default: [:]][number] = (old.n + 1, old.met + met)
            }
        }
        self.tallies = tallies
        self.objectives = objectives
    }

    func question(_ index: Int, of session: SessionKey) -> (n: Int, satisfied: Double)? {
        guard let t = tallies[session] else { return nil }
        let (n, _, satisfied) = Figures(tally: t, minGroupSize: minGroupSize).question(index)
        return satisfied.map { (n, $0) }
    }

    func objective(_ number: Int, of session: SessionKey) -> (n: Int, satisfied: Double)? {
        guard let t = tallies[session], t.responses >= minGroupSize, let o = objectives[session]?[number], o.n > 0 else { return nil }
        return (o.n, Double(o.met) / Double(o.n))
    }
}
