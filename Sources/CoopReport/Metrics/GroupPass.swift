/// One computation of the figures (`MetricsCalculator`): the sessions counted and their
/// tallies, and the tallies of every grouping, filled as the rows go by.
struct GroupPass {
    let calculator: MetricsCalculator
    let data: Dataset
    let index: ParticipantIndex
    let attribution: Attribution
    let filter: ResolvedFilter

    /// The period's sessions that the filter keeps, and those of the months (the trend's).
    let inPeriod: [Session]
    /// Each period session's place in `inPeriod`: the order of every list by session.
    private let periodOrder: [SessionKey: Int]
    let inMonths: [Session]
    /// Every session counted somewhere (a « slot »), and each one's tally.
    private(set) var counted: [Session] = []
    private var slotOf: [Int]
    private var tallies: [Tally] = []
    /// Per slot: in the period (not only in the trend's months), ended at the as-of date,
    /// its required sessions by number (−1: not in the catalogue, so never done).
    private var scoped: [Bool] = []
    private var ended: [Bool] = []
    private var required: [[Int32]] = []

    /// Groupings decided by the session alone: the overall line, programmes, months, and
    /// the breakdowns of that kind. Their tallies are sums of their slots' tallies; per
    /// grouping and slot, the groups the slot belongs to (none when it does not count
    /// there: the months count the trend's slots, the others the period's).
    private var bySession: [GroupTallies]
    private var groupsOfSlot: [[[Int]]] = []
    /// Groupings that the row decides (cooperatives, roles…): counted row by row, over
    /// the period's slots.
    private var byRow: [GroupTallies]

    private var violations: [MetricsResult.PrerequisiteViolation] = []
    /// Comments wait for their session's and cooperative's response counts (`CommentView`).
    private var pending: [(slot: Int, coop: Int32, comment: MetricsResult.Comment)] = []
    private var coopResponses: [Int: [Int32: Int]] = [:]
    /// Objective answers by slot, then k − 1.
    private var objectiveCounts: [[(n: Int, sum: Int, met: Int)]] = []
    private var leftOut = MetricsResult.LeftOut()
    /// When the counted responses of the period were submitted (Indicateurs' dates).
    private var responseDates = DateSpan()
    private var unverified: [(step: Session, count: Int)] = []

    /// Positions of the fixed groupings in `bySession` and `byRow`.
    private static let overall = 0, programmes = 1, months = 2, cooperatives = 0

    init(calculator: MetricsCalculator, data: Dataset, index: ParticipantIndex, attribution: Attribution, filter: ResolvedFilter) {
        self.calculator = calculator
        self.data = data
        self.index = index
        self.attribution = attribution
        self.filter = filter
        let catalogue = data.catalogue
        let table = data.sessions
        let kept = { (s: Session) in table.find(s.key).map(filter.admits(session:)) ?? true }
        inPeriod = MetricsCalculator.sessions(of: catalogue, in: calculator.period).filter(kept)
        periodOrder = Dictionary(inPeriod.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        inMonths = calculator.trend.map { MetricsCalculator.sessions(of: catalogue, in: $0).filter(kept) } ?? inPeriod
        let survey = catalogue.survey
        let scaleSize = survey.scale.max - survey.scale.min + 1
        let make = { (grouping: Grouping) in
            { Tally(questionCount: survey.questions.count, scaleSize: scaleSize, journeys: grouping.carriesJourneys) }
        }
        let sessionGroupings = [Grouping.overall, Grouping([.programme]), Grouping([.month])] + calculator.breakdowns.filter(\.bySession)
        let rowGroupings = [Grouping([.cooperative])] + calculator.breakdowns.filter { !$0.bySession }
        bySession = sessionGroupings.map { GroupTallies($0, make: make($0)) }
        byRow = rowGroupings.map { GroupTallies($0, make: make($0)) }

        slotOf = [Int](repeating: -1, count: table.keys.count)
        let periodKeys = Set(inPeriod.map(\.key))
        let monthKeys = Set(inMonths.map(\.key))
        for s in inPeriod + inMonths {
            guard let n = table.find(s.key), slotOf[Int(n)] < 0 else { continue }
            slotOf[Int(n)] = counted.count
            counted.append(s)
            var t = make(.init([.session]))()
            t.addSession(s)
            tallies.append(t)
            scoped.append(periodKeys.contains(s.key))
            ended.append(s.end <= calculator.asOf)
            required.append(s.requires.map { table.find(SessionKey(s.programme, $0)) ?? -1 })
            objectiveCounts.append([])
        }
        // Each slot's groups in the groupings decided by the session.
        for g in bySession.indices {
            let isMonths = g == Self.months
            groupsOfSlot.append(
                counted.enumerated().map { slot, s in
                    guard isMonths ? monthKeys.contains(s.key) : scoped[slot], let n = table.find(s.key) else { return [] }
                    var groups: [Int] = []
                    GroupTallies.combinations(
                        bySession[g].grouping, session: n, person: .init(cooperative: -1, role: -1), attribution: attribution
                    ) { a, b in groups.append(bySession[g].group(a, b)) }
                    return groups
                })
        }
        // The overall line exists even with no session.
        _ = bySession[Self.overall].group(0, 0)
    }

    // MARK: - Rows

    /// Counts each registration of a counted session in its slot and in its groups.
    mutating func countRegistrations() {
        let reference = DatasetReference(data)
        let peopleByRow = byRow.indices.filter { !byRow[$0].grouping.carriesJourneys }
        let peopleBySession = bySession.indices.filter { !bySession[$0].grouping.carriesJourneys }
        for (i, r) in data.registrationRows.enumerated() {
            let slot = slotOf[Int(r.session)]
            guard slot >= 0 else { continue }
            let person = attribution.people(r)
            if filter.filtersPeople, filter.admits(person) != .yes { continue }
            let s = counted[slot]
            tallies[slot].add(r, session: s, ended: ended[slot])
            var violated = false
            if r.status == .registered, !required[slot].isEmpty {
                let missing = index.missingPrerequisites(r.participant, required: required[slot])
                if !missing.isEmpty {
                    violated = true
                    tallies[slot].prerequisiteViolations += 1
                    if scoped[slot] { violations.append(.init(rows: reference, index: Int32(i), missing: missing.map { s.requires[$0] })) }
                }
            }
            if scoped[slot] {
                for g in byRow.indices {
                    let meets = r.status == .registered && peopleByRow.contains(g)
                    GroupTallies.combinations(byRow[g].grouping, session: r.session, person: person, attribution: attribution) { a, b in
                        let group = byRow[g].group(a, b)
                        byRow[g].update(group) { t in
                            t.add(r, session: s, ended: ended[slot])
                            if violated { t.prerequisiteViolations += 1 }
                        }
                        if meets { byRow[g].meet(r.participant, in: group) }
                    }
                }
            }
            guard r.status == .registered else { continue }
            for g in peopleBySession { for group in groupsOfSlot[g][slot] { bySession[g].meet(r.participant, in: group) } }
        }
    }

    /// Counts each response of a counted session in its slot and its groups; keeps its
    /// comment and its objective answers.
    mutating func countResponses() {
        let survey = data.catalogue.survey
        let satisfiedFrom = survey.scale.satisfiedFrom
        for response in data.responseRows {
            let slot = slotOf[Int(response.session)]
            guard slot >= 0 else { continue }
            let person =
                scoped[slot] || filter.filtersPeople ? attribution.people(response) : .init(cooperative: -1, role: -1)
            if filter.filtersPeople {
                switch filter.admits(person) {
                case .yes: break
                case .no: continue
                case .unattributed:
                    if scoped[slot] { leftOut.responses += 1 }
                    continue
                }
            }
            tallies[slot].add(response, in: data)
            guard scoped[slot] else { continue }
            for g in byRow.indices {
                GroupTallies.combinations(byRow[g].grouping, session: response.session, person: person, attribution: attribution) {
                    a, b in
                    byRow[g].update(byRow[g].group(a, b)) { $0.add(response, in: data) }
                }
            }
            coopResponses[slot, default: [:]][person.cooperative, default: 0] += 1
            responseDates.add(response.submittedAt.timestamp?.day)
            var lowObjectives: [Int] = []
            for k in 0..<Int(response.objectiveCount) {
                let at = Int(response.objectives) + 2 * k
                let (number, a) = (Int(data.objectives[at]), Int(data.objectives[at + 1]))
                guard number >= 1 else { continue }
                while objectiveCounts[slot].count < number { objectiveCounts[slot].append((0, 0, 0)) }
                objectiveCounts[slot][number - 1].n += 1
                objectiveCounts[slot][number - 1].sum += a
                if a >= satisfiedFrom { objectiveCounts[slot][number - 1].met += 1 } else { lowObjectives.append(number) }
            }
            if response.comment != 0 {
                let first = Int(response.answers)
                let lowQuestions = survey.questions.indices.filter {
                    let a = data.answers[first + $0]
                    return a != .min && Int(a) < satisfiedFrom
                }
                pending.append(
                    (
                        slot, person.cooperative,
                        .init(
                            session: counted[slot].key, submittedAt: response.submittedAt.timestamp,
                            cooperative: attribution.name(.cooperative, person.cooperative), text: data.pool.string(response.comment),
                            lowQuestions: lowQuestions, lowObjectives: lowObjectives)
                    ))
            }
        }
    }

    // MARK: - Journeys

    /// The journeys of the programmes with a session kept in the period, each counted in
    /// the groups of every grouping that carries journeys (`Dimension.carriesJourneys`).
    private mutating func countJourneys() {
        let programmes = Set(inPeriod.map(\.programme))
        var steps: [JourneyStep.State] = []
        for p in data.catalogue.programmes.sorted(by: { $0.code < $1.code }) where programmes.contains(p.code) {
            guard let programme = data.sessions.programmeNumber(p.code) else { continue }
            let mandatory = p.mandatorySessions
            let numbers = mandatory.map { data.sessions.find($0.key) ?? -1 }
            let programmeEnded = p.hasEnded(at: calculator.asOf)
            var unverifiedSteps = [Int](repeating: 0, count: numbers.count)
            for participant in index.registered[Int(programme)] {
                let person = attribution.people(journeyOf: participant, programme: programme)
                if filter.filtersPeople, filter.admits(person) != .yes { continue }
                steps.removeAll(keepingCapacity: true)
                for n in numbers { steps.append(index.step(participant, session: n)) }
                let outcome = JourneyOutcome.of(steps, programmeEnded: programmeEnded)
                func count(in g: inout GroupTallies) {
                    guard g.grouping.carriesJourneys else { return }
                    let v = g.grouping.dimensions.map { attribution.value($0, journeyIn: programme, person: person) }
                    let group = g.group(v.first ?? 0, v.dropFirst().first ?? 0)
                    g.update(group) { t in
                        t.journeys = t.journeys ?? JourneyTally()
                        t.journeys?.add(outcome, programmeEnded: programmeEnded)
                    }
                    g.meet(participant, in: group)
                }
                for g in bySession.indices { count(in: &bySession[g]) }
                for g in byRow.indices { count(in: &byRow[g]) }
                if outcome == .unverified {
                    for (k, s) in steps.enumerated() where s == .unrecorded { unverifiedSteps[k] += 1 }
                }
            }
            for (k, count) in unverifiedSteps.enumerated() where count > 0 { unverified.append((mandatory[k], count)) }
        }
    }

    // MARK: - Result

    /// Sums the groupings decided by the session, counts the journeys, and lays every
    /// grouping out as a table.
    mutating func result() -> MetricsResult {
        for slot in counted.indices {
            // One registration per (session, participant): the registered are distinct people.
            tallies[slot].participants = tallies[slot].registered
            for g in bySession.indices {
                for group in groupsOfSlot[g][slot] { bySession[g].update(group) { $0.add(tallies[slot]) } }
            }
        }
        countJourneys()
        let minGroupSize = calculator.minGroupSize
        func figures(_ g: GroupTallies, _ group: Int) -> Figures {
            var t = g.tallies[group]
            t.participants = g.people[group]
            return Figures(tally: t, minGroupSize: minGroupSize)
        }
        let overall = figures(bySession[Self.overall], 0)

        // Programmes: every programme with a session kept in the period, by code.
        let programmeGroups = bySession[Self.programmes]
        let programmeRows: [(programme: Programme, figures: Figures)] = MetricsCalculator.programmes(
            of: data.catalogue, in: calculator.period
        ).compactMap { p in
            guard let n = data.sessions.programmeNumber(p.code), let group = programmeGroups.find(n, 0) else { return nil }
            return (p, figures(programmeGroups, group))
        }

        // Months: the period's, or every month of the trend window, empty ones included.
        let monthGroups = bySession[Self.months]
        var monthRows: [(month: String, figures: Figures)] = monthGroups.values.indices.map {
            (attribution.name(.month, monthGroups.values[$0][0]), figures(monthGroups, $0))
        }
        if let trend = calculator.trend, var month = trend.from, let end = trend.to {
            let survey = data.catalogue.survey
            let empty = Tally(questionCount: survey.questions.count, scaleSize: survey.scale.max - survey.scale.min + 1)
            while month <= end {
                if !monthRows.contains(where: { $0.month == month.monthKey }) {
                    monthRows.append((month.monthKey, Figures(tally: empty, minGroupSize: minGroupSize)))
                }
                month = Day(daysSinceEpoch: month.lastOfMonth.daysSinceEpoch + 1)
            }
        }
        monthRows.sort { $0.month < $1.month }

        let sessionRows: [MetricsResult.SessionFigures] = inPeriod.map { s in
            let slot = data.sessions.find(s.key).map { slotOf[Int($0)] } ?? -1
            let t = slot >= 0 ? tallies[slot] : Tally(questionCount: data.catalogue.survey.questions.count, scaleSize: 0)
            let seen = slot >= 0 ? objectiveCounts[slot] : []
            let count = max(s.objectives.count, seen.count)
            let objectiveRows: [MetricsResult.ObjectiveFigures] =
                count == 0
                ? []
                : (1...count).map { k in
                    let o = k <= seen.count ? seen[k - 1] : (n: 0, sum: 0, met: 0)
                    return MetricsResult.ObjectiveFigures(
                        number: k, wording: k <= s.objectives.count ? s.objectives[k - 1] : nil, n: o.n, sum: o.sum, met: o.met)
                }
            return .init(session: s, figures: Figures(tally: t, minGroupSize: minGroupSize), objectives: objectiveRows)
        }

        let cooperatives = table(byRow[Self.cooperatives], figures: figures).groups.map { ($0.names[0], $0.figures) }
        let breakdowns = calculator.breakdowns.compactMap { grouping -> FigureTable? in
            if let g = bySession.first(where: { $0.grouping == grouping }) { return table(g, figures: figures) }
            return byRow.first { $0.grouping == grouping }.map { table($0, figures: figures) }
        }

        let comments = pending.map { p in
            var c = p.comment
            c.sessionResponses = tallies[p.slot].responses
            c.cooperativeResponses = coopResponses[p.slot]?[p.coop] ?? 0
            return c
        }
        var sessionTally: [SessionKey: Tally] = [:]
        for (slot, s) in counted.enumerated() where scoped[slot] { sessionTally[s.key] = tallies[slot] }
        let quality = DataQuality(data: data, index: index, sessions: inPeriod, tallies: sessionTally)
        var result = MetricsResult(
            period: calculator.period, asOf: calculator.asOf, minGroupSize: minGroupSize, survey: data.catalogue.survey,
            overall: overall, sessions: sessionRows, programmes: programmeRows, cooperatives: cooperatives, months: monthRows,
            violations: violations, comments: comments, warnings: quality.warnings() + quality.unverifiedJourneys(unverified))
        result.notes = quality.rowsOutsidePeriod().map { [$0] } ?? []
        result.breakdowns = breakdowns
        result.responseDates = responseDates
        ComplementarySuppression.apply(to: &result, monthsAddUp: calculator.trend == nil)
        result.leftOut = leftOut
        return result
    }

    /// A grouping's groups as a table: named, those of one name merged (« Non renseignée »
    /// written in the data and the unattributable), in report order.
    private func table(_ g: GroupTallies, figures: (GroupTallies, Int) -> Figures) -> FigureTable {
        let dimensions = g.grouping.dimensions
        var merged: [[String]: (tally: Tally, order: [GroupOrder])] = [:]
        var first: [[String]] = []
        for group in g.values.indices {
            let values = g.values[group]
            let names = zip(dimensions, values).map { attribution.name($0, $1) }
            let f = figures(g, group)
            if var m = merged[names] {
                let people = m.tally.participants + f.tally.participants
                m.tally.add(f.tally)
                m.tally.participants = people
                merged[names] = m
            } else {
                merged[names] = (f.tally, zip(dimensions, values).map { order($0, $1) })
                first.append(names)
            }
        }
        let sorted = first.sorted { a, b in
            let (x, y) = (merged[a]?.order ?? [], merged[b]?.order ?? [])
            for (p, q) in zip(x, y) where p != q { return p < q }
            return false
        }
        return FigureTable(
            grouping: g.grouping,
            groups: sorted.compactMap { names in
                merged[names].map {
                    FigureTable.Group(names: names, figures: Figures(tally: $0.tally, minGroupSize: calculator.minGroupSize))
                }
            })
    }

    /// Where a group's value sorts: sessions as in every list by session, months and kinds
    /// in their order, names alphabetically (« Non renseignée » among them).
    private func order(_ d: Dimension, _ value: Int32) -> GroupOrder {
        guard value != Attribution.unknown else { return GroupOrder(rank: 0, number: 0, text: d.unknownName) }
        switch d {
        case .session:
            let key = data.sessions.keys[Int(value)]
            return GroupOrder(rank: 0, number: periodOrder[key] ?? Int.max, text: "")
        case .month, .kind: return GroupOrder(rank: 0, number: Int(value), text: "")
        case .programme, .family, .trainer, .cooperative, .role:
            return GroupOrder(rank: 0, number: 0, text: attribution.name(d, value))
        }
    }

    /// A numbered value sorts by number, a named one as every list of names (`TextKey.precedes`).
    private struct GroupOrder: Comparable {
        let rank: Int
        let number: Int
        let text: String
        static func < (a: GroupOrder, b: GroupOrder) -> Bool {
            (a.rank, a.number) != (b.rank, b.number) ? (a.rank, a.number) < (b.rank, b.number) : TextKey.precedes(a.text, b.text)
        }
    }
}
