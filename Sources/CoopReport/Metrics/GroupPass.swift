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
    let periodOrder: [SessionKey: Int]
    let inMonths: [Session]
    /// Every session counted somewhere (a « slot »), and each one's tally.
    var counted: [Session] = []
    var slotOf: [Int]
    var tallies: [Tally] = []
    /// Per slot: what counting a registration reads of its session.
    var facts: [Tally.SessionFacts] = []
    /// Per slot: in the period (not only in the trend's months), ended at the as-of date,
    /// its required sessions by number (−1: not in the catalogue, so never done).
    var scoped: [Bool] = []
    var ended: [Bool] = []
    var required: [[Int32]] = []

    /// Groupings decided by the session alone: the overall line, programmes, months, and
    /// the breakdowns of that kind. Their tallies are sums of their slots' tallies; per
    /// grouping and slot, the groups the slot belongs to (none when it does not count
    /// there: the months count the trend's slots, the others the period's).
    var bySession: [GroupTallies]
    var groupsOfSlot: [[[Int]]] = []
    /// Groupings that the row decides (cooperatives, roles…): counted row by row, over
    /// the period's slots.
    var byRow: [GroupTallies]

    var violations: [MetricsResult.PrerequisiteViolation] = []
    /// Comments wait for their session's and cooperative's response counts (`CommentView`).
    var pending: [(slot: Int, coop: Int32, comment: MetricsResult.Comment)] = []
    var coopResponses: [Int: [Int32: Int]] = [:]
    /// Objective answers by slot, then k − 1.
    var objectiveCounts: [[(n: Int, sum: Int, met: Int)]] = []
    var leftOut = MetricsResult.LeftOut()
    /// When the counted responses of the period were submitted (Indicateurs' dates).
    var responseDates = DateSpan()
    var unverified: [(step: Session, count: Int)] = []

    /// Positions of the fixed groupings in `bySession` and `byRow`.
    static let overall = 0, programmes = 1, months = 2, cooperatives = 0

    /// When set, only these rows are read (one cooperative's, `MetricsCalculator.Rows`):
    /// the filter still decides what counts; the subset only spares reading the others.
    let rows: MetricsCalculator.Rows?

    init(
        calculator: MetricsCalculator, data: Dataset, index: ParticipantIndex, attribution: Attribution, filter: ResolvedFilter,
        rows: MetricsCalculator.Rows? = nil
    ) {
        self.rows = rows
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
        let make = { (grouping: Grouping) -> @Sendable () -> Tally in
            { Tally(questionCount: survey.questions.count, scaleSize: scaleSize, journeys: grouping.carriesJourneys) }
        }
        let sessionGroupings = [Grouping.overall, Grouping([.programme]), Grouping([.month])] + calculator.breakdowns.filter(\.bySession)
        let rowGroupings = [Grouping([.cooperative])] + calculator.breakdowns.filter { !$0.bySession }
        let ids = data.pool.count
        bySession = sessionGroupings.map { GroupTallies($0, ids: ids, make: make($0)) }
        byRow = rowGroupings.map { GroupTallies($0, ids: ids, make: make($0)) }

        slotOf = [Int](repeating: -1, count: table.keys.count)
        let periodKeys = Set(inPeriod.map(\.key))
        let monthKeys = Set(inMonths.map(\.key))
        for s in inPeriod + inMonths {
            guard let n = table.find(s.key), slotOf[Int(n)] < 0 else { continue }
            slotOf[Int(n)] = counted.count
            counted.append(s)
            facts.append(Tally.SessionFacts(s))
            var t = Tally(questionCount: survey.questions.count, scaleSize: scaleSize)
            t.addSession(s)
            // A session's capacity is the session's: a cooperative or a role fills none of it,
            // so a report filtered by them has no fill rate (as their groups have none).
            if filter.filtersPeople { t.capacity = 0 }
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
                        bySession[g].grouping, session: n, person: .unknown, attribution: attribution
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
        if let subset = rows?.registrations {
            countRegistrations(subset.lazy.map(Int.init))
        } else {
            countRegistrations(data.registrationRows.indices)
        }
    }

    /// Counts the registrations at these indices.
    private mutating func countRegistrations<Indices: Sequence<Int>>(_ indices: Indices) {
        let reference = DatasetReference(data)
        // Groupings whose people are those registered (the others count journeys' people).
        let meetsByRow = byRow.map { !$0.grouping.carriesJourneys }
        let peopleBySession = bySession.indices.filter { !bySession[$0].grouping.carriesJourneys }
        for i in indices {
            let r = data.registrationRows[i]
            let slot = slotOf[Int(r.session)]
            guard slot >= 0 else { continue }
            let person = attribution.people(r)
            if filter.filtersPeople, filter.admits(person) != .yes { continue }
            let s = facts[slot]
            tallies[slot].add(r, session: s, ended: ended[slot])
            var violated = false
            if r.status == .registered, !required[slot].isEmpty {
                let missing = index.missingPrerequisites(
                    ofRow: i, r.participant, programme: data.sessions.programmeNumbers[Int(r.session)], required: required[slot])
                if !missing.isEmpty {
                    violated = true
                    tallies[slot].prerequisiteViolations += 1
                    if scoped[slot] {
                        let requires = counted[slot].requires
                        violations.append(.init(rows: reference, index: Int32(i), missing: missing.map { requires[$0] }))
                    }
                }
            }
            if scoped[slot] {
                for g in byRow.indices {
                    let meets = r.status == .registered && meetsByRow[g]
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
    /// `part`: only the responses at these positions among those read (all of them, or the
    /// subset's), in order; nil: every one.
    mutating func countResponses(_ part: Range<Int>? = nil) {
        if let subset = rows?.responses {
            countResponses(subset[part ?? subset.indices].lazy.map(Int.init))
        } else {
            countResponses(part ?? data.responseRows.indices)
        }
    }

    /// How many responses `countResponses` reads.
    var responseCount: Int { rows?.responses.count ?? data.responseRows.count }

    /// Counts the responses at these indices.
    private mutating func countResponses<Indices: Sequence<Int>>(_ indices: Indices) {
        let survey = data.catalogue.survey
        let satisfiedFrom = survey.scale.satisfiedFrom
        for i in indices {
            let response = data.responseRows[i]
            let slot = slotOf[Int(response.session)]
            guard slot >= 0 else { continue }
            let person =
                scoped[slot] || filter.filtersPeople ? attribution.people(response) : .unknown
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

    /// Takes the responses that `counted` counted: a copy of this pass made before any row
    /// was counted, which counted only responses (a part of them, `countResponses(_:)`,
    /// perhaps on another core: `MetricsCalculator`), while this one counted the
    /// registrations. Taken in the order of the parts, they give what one pass over the
    /// registrations then the responses gives: their counts are added (integers, so the
    /// order of the rows does not matter), a group they met that is not here yet is added
    /// in the order they met it, their comments come after those taken before.
    mutating func takeResponses(of counted: GroupPass) {
        for slot in tallies.indices { tallies[slot].addResponses(of: counted.tallies[slot]) }
        for g in byRow.indices { byRow[g].takeResponses(of: counted.byRow[g]) }
        if pending.isEmpty { pending = counted.pending } else { pending += counted.pending }
        for (slot, byCooperative) in counted.coopResponses {
            coopResponses[slot, default: [:]].merge(byCooperative, uniquingKeysWith: +)
        }
        for slot in objectiveCounts.indices {
            let other = counted.objectiveCounts[slot]
            while objectiveCounts[slot].count < other.count { objectiveCounts[slot].append((0, 0, 0)) }
            for (k, o) in other.enumerated() {
                objectiveCounts[slot][k].n += o.n
                objectiveCounts[slot][k].sum += o.sum
                objectiveCounts[slot][k].met += o.met
            }
        }
        responseDates.add(counted.responseDates)
        leftOut.responses += counted.leftOut.responses
    }

    // MARK: - Journeys

    /// Takes the journeys that `counted` counted: a copy of this pass made before the rows
    /// were counted, which counted only the journeys (on another core, `MetricsCalculator`).
    /// The people of a grouping that carries journeys are its journeys' people only, so
    /// nothing counted here meets them.
    mutating func takeJourneys(of counted: GroupPass) {
        for g in bySession.indices where bySession[g].grouping.carriesJourneys {
            bySession[g].takeJourneys(of: counted.bySession[g])
        }
        for g in byRow.indices where byRow[g].grouping.carriesJourneys { byRow[g].takeJourneys(of: counted.byRow[g]) }
        unverified = counted.unverified
    }

    /// The journeys of the programmes with a session kept in the period, each counted in
    /// the groups of every grouping that carries journeys (`Dimension.carriesJourneys`).
    mutating func countJourneys() {
        let programmes = Set(inPeriod.map(\.programme))
        var steps: [JourneyStep.State] = []
        // A participant has one journey per programme: in a grouping by programme, each
        // journey's participant is new to its group, and no set needs to say so.
        let sessionOnce = bySession.map { $0.grouping.dimensions.contains(.programme) }
        let rowOnce = byRow.map { $0.grouping.dimensions.contains(.programme) }
        for p in data.catalogue.programmes.sorted(by: { $0.code < $1.code }) where programmes.contains(p.code) {
            guard let programme = data.sessions.programmeNumber(p.code) else { continue }
            let mandatory = p.mandatorySessions
            let numbers = mandatory.map { data.sessions.find($0.key) ?? -1 }
            let programmeEnded = p.hasEnded(at: calculator.asOf)
            var unverifiedSteps = [Int](repeating: 0, count: numbers.count)
            for participant in rows.map({ $0.journeys[programme] ?? [] }) ?? index.registered[Int(programme)] {
                let person = attribution.people(journeyOf: participant, programme: programme)
                if filter.filtersPeople, filter.admits(person) != .yes { continue }
                steps.removeAll(keepingCapacity: true)
                for n in numbers { steps.append(index.step(participant, session: n)) }
                let outcome = JourneyOutcome.of(steps, programmeEnded: programmeEnded)
                func count(in g: inout GroupTallies, once: Bool) {
                    guard g.grouping.carriesJourneys else { return }
                    let v = g.grouping.dimensions.map { attribution.value($0, journeyIn: programme, person: person) }
                    let group = g.group(v.first ?? 0, v.dropFirst().first ?? 0)
                    g.update(group) { t in
                        t.journeys = t.journeys ?? JourneyTally()
                        t.journeys?.add(outcome, programmeEnded: programmeEnded)
                    }
                    if once { g.meetOnce(in: group) } else { g.meet(participant, in: group) }
                }
                for g in bySession.indices { count(in: &bySession[g], once: sessionOnce[g]) }
                for g in byRow.indices { count(in: &byRow[g], once: rowOnce[g]) }
                if outcome == .unverified {
                    for (k, s) in steps.enumerated() where s == .unrecorded { unverifiedSteps[k] += 1 }
                }
            }
            for (k, count) in unverifiedSteps.enumerated() where count > 0 { unverified.append((mandatory[k], count)) }
        }
    }
}
