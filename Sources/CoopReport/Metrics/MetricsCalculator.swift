/// Computes every figure of `metrics.md` from the dataset, for sessions whose start date
/// is in the period, as of `asOf`. Pure: no file, no clock.
public struct MetricsCalculator: Sendable {
    /// The name of the cooperative of a response that cannot be attributed.
    public static let unknownCooperative = "Non renseignée"

    public let period: Period
    public let asOf: Day
    public let minGroupSize: Int
    /// When set, the months cover this period (the monthly report's trailing twelve
    /// months) instead of `period`; every other group stays within `period`.
    public let trend: Period?

    public init(period: Period = Period(), asOf: Day, minGroupSize: Int = 3, trend: Period? = nil) {
        self.period = period
        self.asOf = asOf
        self.minGroupSize = minGroupSize
        self.trend = trend
    }

    public func compute(_ data: Dataset) -> MetricsResult { compute(data, index: ParticipantIndex(data)) }

    /// The same, with the participant index built by the caller (who hands it on to the
    /// evidence, then lets it go).
    func compute(_ data: Dataset, index: ParticipantIndex) -> MetricsResult {
        let catalogue = data.catalogue
        let survey = catalogue.survey
        let scaleSize = survey.scale.max - survey.scale.min + 1
        func newTally(journeys: Bool = false) -> Tally {
            Tally(questionCount: survey.questions.count, scaleSize: scaleSize, journeys: journeys)
        }
        let table = data.sessions

        let programmes = catalogue.programmes.sorted { $0.code < $1.code }
        let inPeriod = Self.sessions(of: catalogue, in: period)
        let inMonths = trend.map { Self.sessions(of: catalogue, in: $0) } ?? inPeriod
        let periodKeys = Set(inPeriod.map(\.key))
        // Tallies for every session counted somewhere: the period's, and the trend's months.
        // Rows find their session's slot by its number; the rest is array indexing.
        var counted: [Session] = []
        var slotOf = [Int](repeating: -1, count: table.keys.count)
        for s in inPeriod + inMonths {
            guard let n = table.find(s.key), slotOf[Int(n)] < 0 else { continue }
            slotOf[Int(n)] = counted.count
            counted.append(s)
        }
        var tallies = counted.map { s -> Tally in
            var t = newTally()
            t.addCapacity(of: s)
            return t
        }
        let scoped = counted.map { periodKeys.contains($0.key) }
        // Required sessions by number (−1: not in the catalogue, so never attended).
        let required = counted.map { s in s.requires.map { table.find(SessionKey(s.programme, $0)) ?? -1 } }
        // Cooperatives by pool id, each given a slot on first sight (an array, not a hash,
        // on the per-row path); −1 for responses that cannot be attributed.
        var coopSlot = [Int32](repeating: -1, count: data.pool.count)
        var coopIDs: [Int32] = []
        var coopTallies: [Tally] = []
        var unknownSlot = -1
        func coop(_ id: Int32) -> Int {
            if id >= 0, coopSlot[Int(id)] >= 0 { return Int(coopSlot[Int(id)]) }
            if id < 0, unknownSlot >= 0 { return unknownSlot }
            if id >= 0 { coopSlot[Int(id)] = Int32(coopIDs.count) } else { unknownSlot = coopIDs.count }
            coopIDs.append(id)
            coopTallies.append(newTally(journeys: true))
            return coopIDs.count - 1
        }
        var violations: [MetricsResult.PrerequisiteViolation] = []

        let reference = DatasetReference(data)
        for (i, r) in data.registrationRows.enumerated() {
            let slot = slotOf[Int(r.session)]
            guard slot >= 0 else { continue }
            let s = counted[slot]
            tallies[slot].add(r, session: s)
            if scoped[slot] { coopTallies[coop(r.cooperative)].add(r, session: s) }
            guard r.status == .registered, !required[slot].isEmpty else { continue }
            if required[slot].contains(where: { !index.wasPresent(r.participant, session: $0) }) {
                tallies[slot].prerequisiteViolations += 1
                guard scoped[slot] else { continue }
                let missing = zip(s.requires, required[slot]).filter { !index.wasPresent(r.participant, session: $0.1) }.map(\.0)
                violations.append(.init(rows: reference, index: Int32(i), missing: missing))
                coopTallies[coop(r.cooperative)].prerequisiteViolations += 1
            }
        }

        var comments: [MetricsResult.Comment] = []
        // Objective answers by session slot, then k − 1.
        var objectiveCounts = [[(n: Int, sum: Int, met: Int)]](repeating: [], count: counted.count)
        for response in data.responseRows {
            let slot = slotOf[Int(response.session)]
            guard slot >= 0 else { continue }
            tallies[slot].add(response, in: data)
            guard scoped[slot] else { continue }
            let programme = table.programmeNumbers[Int(response.session)]
            let coopID =
                index.participant(of: response).flatMap { index.cooperative(of: $0, programme: programme) }
                ?? (response.cooperative != 0 ? response.cooperative : -1)
            coopTallies[coop(coopID)].add(response, in: data)
            let key = counted[slot].key
            for k in 0..<Int(response.objectiveCount) {
                let at = Int(response.objectives) + 2 * k
                let (number, a) = (Int(data.objectives[at]), Int(data.objectives[at + 1]))
                guard number >= 1 else { continue }
                while objectiveCounts[slot].count < number { objectiveCounts[slot].append((0, 0, 0)) }
                objectiveCounts[slot][number - 1].n += 1
                objectiveCounts[slot][number - 1].sum += a
                if a >= survey.scale.satisfiedFrom { objectiveCounts[slot][number - 1].met += 1 }
            }
            if response.comment != 0 {
                comments.append(
                    .init(
                        session: key, submittedAt: response.submittedAt.timestamp, cooperative: name(coopID, in: data),
                        text: data.pool.string(response.comment)))
            }
        }
        // By name: a cooperative is its name, whatever id or fallback led to it.
        var coopByName: [String: Tally] = [:]
        for (id, t) in zip(coopIDs, coopTallies) { coopByName[name(id, in: data), default: newTally(journeys: true)].add(t) }

        var sessionTally: [SessionKey: Tally] = [:]
        for (slot, s) in counted.enumerated() { sessionTally[s.key] = tallies[slot] }

        // Journeys, for every programme with a session in the period.
        var programmeRows: [(programme: Programme, figures: Figures)] = []
        var overall = newTally(journeys: true)
        for p in programmes {
            let sessions = inPeriod.filter { $0.programme == p.code }
            guard !sessions.isEmpty else { continue }
            var t = newTally(journeys: true)
            for s in sessions { if let st = sessionTally[s.key] { t.add(st) } }
            for (coop, journey) in journeys(of: p, in: data, index: index) {
                t.journeys = (t.journeys ?? JourneyTally()).adding(journey)
                var c = coopByName[coop, default: newTally(journeys: true)]
                c.journeys = (c.journeys ?? JourneyTally()).adding(journey)
                coopByName[coop] = c
            }
            overall.add(t)
            programmeRows.append((p, Figures(tally: t, minGroupSize: minGroupSize)))
        }

        // Months: the period's, or every month of the trend window, empty ones included.
        var monthTally: [String: Tally] = [:]
        if let trend, var month = trend.from, let end = trend.to {
            while month <= end {
                monthTally[month.monthKey] = newTally()
                month = Day(daysSinceEpoch: month.lastOfMonth.daysSinceEpoch + 1)
            }
        }
        for s in inMonths { monthTally[s.start.monthKey, default: newTally()].add(sessionTally[s.key] ?? newTally()) }
        let sessionRows: [MetricsResult.SessionFigures] = inPeriod.map { s in
            let t = sessionTally[s.key] ?? newTally()
            let slot = table.find(s.key).map { slotOf[Int($0)] } ?? -1
            let seen = slot >= 0 ? objectiveCounts[slot] : []
            let count = max(s.objectives.count, seen.count)
            let objectiveRows: [MetricsResult.ObjectiveFigures] =
                count == 0
                ? []
                : (1...count).map { k in
                    let o = k <= seen.count ? seen[k - 1] : (n: 0, sum: 0, met: 0)
                    return MetricsResult.ObjectiveFigures(
                        number: k, wording: k <= s.objectives.count ? s.objectives[k - 1] : nil,
                        n: o.n, sum: o.sum, met: o.met)
                }
            return .init(session: s, figures: Figures(tally: t, minGroupSize: minGroupSize), objectives: objectiveRows)
        }

        return MetricsResult(
            period: period, asOf: asOf, minGroupSize: minGroupSize, survey: survey,
            overall: Figures(tally: overall, minGroupSize: minGroupSize),
            sessions: sessionRows,
            programmes: programmeRows,
            cooperatives: coopByName.sorted { TextKey.precedes($0.key, $1.key) }
                .map { ($0.key, Figures(tally: $0.value, minGroupSize: minGroupSize)) },
            months: monthTally.sorted { $0.key < $1.key }.map { ($0.key, Figures(tally: $0.value, minGroupSize: minGroupSize)) },
            violations: violations, comments: comments,
            warnings: DataQuality(
                data: data, index: index, sessions: inPeriod, tallies: sessionTally.filter { periodKeys.contains($0.key) }
            )
            .warnings())
    }

    /// Sessions in the window, by programme code, start date and session code: the order
    /// of every list by session.
    static func sessions(of catalogue: Catalogue, in window: Period) -> [Session] {
        catalogue.programmes.sorted { $0.code < $1.code }.flatMap { p in
            p.sessions.filter { window.contains($0) }.sorted { ($0.start, $0.code) < ($1.start, $1.code) }
        }
    }

    /// Programmes with a session in the window, by code.
    static func programmes(of catalogue: Catalogue, in window: Period) -> [Programme] {
        catalogue.programmes.sorted { $0.code < $1.code }.filter { p in p.sessions.contains { window.contains($0) } }
    }

    /// The name of a cooperative id (−1: a response that cannot be attributed).
    private func name(_ id: Int32, in data: Dataset) -> String {
        id < 0 ? MetricsCalculator.unknownCooperative : data.pool.string(id)
    }

    /// One journey tally per cooperative for the programme's registered participants:
    /// started = present at the first mandatory session, completed = present at every
    /// mandatory session; dropout counts only once the last mandatory session has ended.
    func journeys(of p: Programme, in data: Dataset, index: ParticipantIndex) -> [String: JourneyTally] {
        let mandatory = p.mandatorySessions
        let ended = mandatory.map(\.end).max().map { $0 <= asOf } ?? false
        let numbers = mandatory.map { data.sessions.find($0.key) ?? -1 }
        guard let programme = data.sessions.programmeNumber(p.code) else { return [:] }
        var byId: [Int32: JourneyTally] = [:]
        for participant in index.registered[Int(programme)] {
            let coop = index.cooperative(of: participant, programme: programme) ?? -1
            var j = byId[coop] ?? JourneyTally()
            j.participants += 1
            j.anyEnded = j.anyEnded || ended
            if let first = numbers.first, index.wasPresent(participant, session: first) {
                j.started += 1
                let done = numbers.allSatisfy { index.wasPresent(participant, session: $0) }
                if done { j.completed += 1 }
                if ended {
                    j.endedStarted += 1
                    if done { j.endedCompleted += 1 }
                }
            }
            byId[coop] = j
        }
        var out: [String: JourneyTally] = [:]
        for (id, j) in byId { out[name(id, in: data)] = (out[name(id, in: data)] ?? JourneyTally()).adding(j) }
        return out
    }
}
