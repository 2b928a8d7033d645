/// Computes every figure of `metrics.md` (version 2) from the dataset, for sessions whose
/// start date is in the period, as of `asOf`. Pure: no file, no clock.
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
            t.addSession(s)
            return t
        }
        let scoped = counted.map { periodKeys.contains($0.key) }
        let ended = counted.map { $0.end <= asOf }
        // Required sessions by number (−1: not in the catalogue, so never done).
        let required = counted.map { s in s.requires.map { table.find(SessionKey(s.programme, $0)) ?? -1 } }
        // Month of each slot, for the distinct people of each month.
        var monthKeys: [String] = []
        let monthOf = counted.map { s -> Int in
            if let i = monthKeys.firstIndex(of: s.start.monthKey) { return i }
            monthKeys.append(s.start.monthKey)
            return monthKeys.count - 1
        }
        var monthPeople = monthKeys.map { _ in IDSet(capacity: data.pool.count) }
        var monthParticipants = [Int](repeating: 0, count: monthKeys.count)
        var cooperatives = CooperativeTallies(pool: data.pool, make: { newTally(journeys: true) })
        var violations: [MetricsResult.PrerequisiteViolation] = []

        let reference = DatasetReference(data)
        for (i, r) in data.registrationRows.enumerated() {
            let slot = slotOf[Int(r.session)]
            guard slot >= 0 else { continue }
            let s = counted[slot]
            tallies[slot].add(r, session: s, ended: ended[slot])
            if scoped[slot] { cooperatives.update(r.cooperative) { $0.add(r, session: s, ended: ended[slot]) } }
            guard r.status == .registered else { continue }
            let month = monthOf[slot]
            if monthPeople[month].insert(r.participant) { monthParticipants[month] += 1 }
            guard !required[slot].isEmpty else { continue }
            let missing = index.missingPrerequisites(r.participant, required: required[slot])
            guard !missing.isEmpty else { continue }
            tallies[slot].prerequisiteViolations += 1
            guard scoped[slot] else { continue }
            violations.append(.init(rows: reference, index: Int32(i), missing: missing.map { s.requires[$0] }))
            cooperatives.update(r.cooperative) { $0.prerequisiteViolations += 1 }
        }
        monthPeople = []

        var comments: [MetricsResult.Comment] = []
        var responseDates = DateSpan()
        // Objective answers by session slot, then k − 1.
        var objectiveCounts = [[(n: Int, sum: Int, met: Int)]](repeating: [], count: counted.count)
        let satisfiedFrom = survey.scale.satisfiedFrom
        for response in data.responseRows {
            let slot = slotOf[Int(response.session)]
            guard slot >= 0 else { continue }
            tallies[slot].add(response, in: data)
            guard scoped[slot] else { continue }
            responseDates.add(response.submittedAt.timestamp?.day)
            let programme = table.programmeNumbers[Int(response.session)]
            let coopID =
                index.participant(of: response).flatMap { index.cooperative(of: $0, programme: programme) }
                ?? (response.cooperative != 0 ? response.cooperative : -1)
            cooperatives.update(coopID) { $0.add(response, in: data) }
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
                comments.append(
                    .init(
                        session: counted[slot].key, submittedAt: response.submittedAt.timestamp,
                        cooperative: cooperatives.name(coopID), text: data.pool.string(response.comment),
                        lowQuestions: lowQuestions, lowObjectives: lowObjectives))
            }
        }

        var sessionTally: [SessionKey: Tally] = [:]
        for (slot, s) in counted.enumerated() {
            // One registration per (session, participant): the registered are distinct people.
            tallies[slot].participants = tallies[slot].registered
            sessionTally[s.key] = tallies[slot]
        }

        // Programmes and overall: their sessions' sums, and the journeys (counted into the
        // cooperatives' tallies as they go).
        let journeys = journeys(of: Self.programmes(of: catalogue, in: period), in: data, index: index, into: &cooperatives)
        var programmeRows: [(programme: Programme, figures: Figures)] = []
        var overall = newTally(journeys: true)
        for (p, journey) in journeys.programmes {
            var t = newTally(journeys: true)
            for s in inPeriod where s.programme == p.code { t.add(sessionTally[s.key] ?? newTally()) }
            t.journeys = journey.tally
            t.participants = journey.participants
            overall.add(t)
            programmeRows.append((p, Figures(tally: t, minGroupSize: minGroupSize)))
        }
        overall.participants = journeys.overallParticipants

        // Months: the period's, or every month of the trend window, empty ones included.
        var monthTally: [String: Tally] = [:]
        if let trend, var month = trend.from, let end = trend.to {
            while month <= end {
                monthTally[month.monthKey] = newTally()
                month = Day(daysSinceEpoch: month.lastOfMonth.daysSinceEpoch + 1)
            }
        }
        for s in inMonths { monthTally[s.start.monthKey, default: newTally()].add(sessionTally[s.key] ?? newTally()) }
        for (i, key) in monthKeys.enumerated() { monthTally[key]?.participants = monthParticipants[i] }

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

        let quality = DataQuality(
            data: data, index: index, sessions: inPeriod, tallies: sessionTally.filter { periodKeys.contains($0.key) })
        return MetricsResult(
            period: period, asOf: asOf, minGroupSize: minGroupSize, survey: survey,
            overall: Figures(tally: overall, minGroupSize: minGroupSize),
            sessions: sessionRows,
            programmes: programmeRows,
            cooperatives: cooperatives.byName().map { ($0.name, Figures(tally: $0.tally, minGroupSize: minGroupSize)) },
            months: monthTally.sorted { $0.key < $1.key }.map { ($0.key, Figures(tally: $0.value, minGroupSize: minGroupSize)) },
            violations: violations, comments: comments,
            warnings: quality.warnings() + quality.unverifiedJourneys(journeys.unverified), responseDates: responseDates)
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
}

/// The tallies of the cooperatives, found by pool id through an array (not a hash, on the
/// per-row path), each given a slot on first sight; −1 is a response that cannot be
/// attributed (« Non renseignée »).
struct CooperativeTallies {
    private let pool: TextPool
    private let make: () -> Tally
    private var slot: [Int32]
    private var unknownSlot = -1
    private var ids: [Int32] = []
    private var tallies: [Tally] = []

    init(pool: TextPool, make: @escaping () -> Tally) {
        self.pool = pool
        self.make = make
        slot = Array(repeating: -1, count: pool.count)
    }

    /// Changes the tally of `id` in place (a subscript's get and set would copy the
    /// tally, and its question arrays, for every row).
    mutating func update(_ id: Int32, _ change: (inout Tally) -> Void) { change(&tallies[index(id)]) }

    private mutating func index(_ id: Int32) -> Int {
        if id >= 0, slot[Int(id)] >= 0 { return Int(slot[Int(id)]) }
        if id < 0, unknownSlot >= 0 { return unknownSlot }
        if id >= 0 { slot[Int(id)] = Int32(ids.count) } else { unknownSlot = ids.count }
        ids.append(id)
        tallies.append(make())
        return ids.count - 1
    }

    /// The name of a cooperative id.
    func name(_ id: Int32) -> String { id < 0 ? MetricsCalculator.unknownCooperative : pool.string(id) }

    /// By name (a cooperative is its name, whatever id or fallback led to it), in report order.
    func byName() -> [(name: String, tally: Tally)] {
        var merged: [String: Tally] = [:]
        for (id, t) in zip(ids, tallies) {
            let n = name(id)
            if var m = merged[n] {
                let people = m.participants + t.participants
                m.add(t)
                m.participants = people
                merged[n] = m
            } else {
                merged[n] = t
            }
        }
        return merged.sorted { TextKey.precedes($0.key, $1.key) }.map { ($0.key, $0.value) }
    }
}
