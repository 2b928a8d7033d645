/// The numerators and denominators of one group, summed as rows go by. Every figure of
/// `metrics.md` is derived from these counts (`Figures`), so that a group's rates are
/// recomputed from its sums, never averaged.
public struct Tally: Sendable, Equatable {
    public var registered = 0, cancelled = 0, waitlisted = 0
    /// Registered at taught sessions (`Session.isTaught`); `unrecorded` only once the
    /// session has ended at the as-of date.
    public var present = 0, absent = 0, unrecorded = 0
    /// Registered at the project phase (`action`): carried out or not.
    public var projectsDone = 0, projectsNotDone = 0
    /// Present at taught sessions that have a questionnaire: the response rate's denominator.
    public var presentSurveyed = 0
    public var hoursTrainee = 0.0
    /// Sum of the capacities of the group's sessions that have one (0 = none has).
    public var capacity = 0
    /// Registered in sessions that have a capacity.
    public var registeredWithCapacity = 0
    /// Sum of registered × price_ht; `priced` tells whether any session had a price.
    public var revenueHT = 0.0
    public var priced = false
    public var prerequisiteViolations = 0
    /// Distinct people of the group: set for each group once counted, never summed.
    public var participants = 0
    /// Whether the group counts any session at all, and any with a questionnaire: a group
    /// with sessions but none surveyed is « sans questionnaire »; one with no session (an
    /// empty month) just has empty figures.
    public var hasSessions = false
    public var surveyed = false

    public var responses = 0
    /// One per survey question, in the survey's order.
    public var questions: [QuestionTally]
    public var objectiveAnswers = 0, objectivesMet = 0
    public var recommendAnswers = 0, promoters = 0, detractors = 0

    /// Journeys (programme, participant): set for programmes, cooperatives and overall.
    public var journeys: JourneyTally?

    public init(questionCount: Int, scaleSize: Int, journeys: Bool = false) {
        questions = Array(repeating: QuestionTally(scaleSize: scaleSize), count: questionCount)
        self.journeys = journeys ? JourneyTally() : nil
    }

    /// What counting a registration reads of its session: taken once per session, so that
    /// counting a row does not copy the whole `Session` (its texts and lists) every time.
    struct SessionFacts: Sendable {
        let isTaught: Bool
        let survey: Bool
        let hasCapacity: Bool
        let hours: Double
        let priceHT: Double?

        init(_ s: Session) {
            isTaught = s.isTaught
            survey = s.survey
            hasCapacity = s.capacity != nil
            hours = s.hours
            priceHT = s.priceHT
        }
    }

    /// Counts one registration (its session `s` is counted in this group); `ended`: the
    /// session has ended at the as-of date.
    mutating func add(_ r: RegistrationRow, session s: SessionFacts, ended: Bool) {
        switch r.status {
        case .cancelled: cancelled += 1
        case .waitlisted: waitlisted += 1
        case .registered:
            registered += 1
            let done = r.isPresent
            if s.isTaught {
                if done {
                    present += 1
                    if s.survey { presentSurveyed += 1 }
                } else if r.attendance == .absent {
                    absent += 1
                } else if ended {
                    unrecorded += 1
                }
            } else if done {
                projectsDone += 1
            } else if r.attendance == .absent {
                projectsNotDone += 1
            }
            hoursTrainee += r.hoursTrainee(sessionHours: s.hours)
            if s.hasCapacity { registeredWithCapacity += 1 }
            if let price = s.priceHT { revenueHT += price }
        }
        if s.priceHT != nil { priced = true }
        hasSessions = true
        if s.survey { surveyed = true }
    }

    /// Counts one response; answers ≥ the scale's `satisfiedFrom` are satisfied.
    mutating func add(_ r: ResponseRow, in data: Dataset) {
        let scale = data.catalogue.survey.scale
        responses += 1
        hasSessions = true
        surveyed = true
        let first = Int(r.answers)
        for i in questions.indices {
            let a = data.answers[first + i]
            if a != .min { questions[i].add(Int(a), scale: scale) }
        }
        for k in 0..<Int(r.objectiveCount) {
            objectiveAnswers += 1
            if Int(data.objectives[Int(r.objectives) + 2 * k + 1]) >= scale.satisfiedFrom { objectivesMet += 1 }
        }
        if r.recommend >= 0 {
            recommendAnswers += 1
            if r.recommend >= 9 { promoters += 1 } else if r.recommend <= 6 { detractors += 1 }
        }
    }

    /// Adds what `other` counted of responses (`add(_:in:)`) and nothing else: the
    /// responses of a group counted apart from its registrations (`GroupPass.takeResponses`).
    /// Every count is an integer, so the sum does not depend on the order of the rows.
    mutating func addResponses(of other: Tally) {
        responses += other.responses
        hasSessions = hasSessions || other.hasSessions
        surveyed = surveyed || other.surveyed
        for i in questions.indices where i < other.questions.count { questions[i].add(other.questions[i]) }
        objectiveAnswers += other.objectiveAnswers
        objectivesMet += other.objectivesMet
        recommendAnswers += other.recommendAnswers
        promoters += other.promoters
        detractors += other.detractors
    }

    /// Counts what belongs to a whole session once (capacity, price, questionnaire), for
    /// the groups that hold whole sessions.
    mutating func addSession(_ s: Session) {
        if let c = s.capacity { capacity += c }
        if s.priceHT != nil { priced = true }
        hasSessions = true
        if s.survey { surveyed = true }
    }

    /// Adds another group's counts (sums for counts; rates follow from the sums). Distinct
    /// people are not a sum: `participants` is left as it is.
    mutating func add(_ other: Tally) {
        registered += other.registered
        cancelled += other.cancelled
        waitlisted += other.waitlisted
        present += other.present
        absent += other.absent
        unrecorded += other.unrecorded
        projectsDone += other.projectsDone
        projectsNotDone += other.projectsNotDone
        presentSurveyed += other.presentSurveyed
        hoursTrainee += other.hoursTrainee
        capacity += other.capacity
        registeredWithCapacity += other.registeredWithCapacity
        revenueHT += other.revenueHT
        priced = priced || other.priced
        hasSessions = hasSessions || other.hasSessions
        surveyed = surveyed || other.surveyed
        prerequisiteViolations += other.prerequisiteViolations
        responses += other.responses
        for i in questions.indices where i < other.questions.count { questions[i].add(other.questions[i]) }
        objectiveAnswers += other.objectiveAnswers
        objectivesMet += other.objectivesMet
        recommendAnswers += other.recommendAnswers
        promoters += other.promoters
        detractors += other.detractors
        if let j = other.journeys { journeys = (journeys ?? JourneyTally()).adding(j) }
    }
}

/// Answers to one question: count, sum, satisfied count, and how many gave each value.
public struct QuestionTally: Sendable, Equatable {
    public var n = 0
    public var sum = 0
    public var satisfied = 0
    /// `distribution[v - scale.min]` answers gave value v.
    public var distribution: [Int]

    public init(scaleSize: Int) { distribution = Array(repeating: 0, count: scaleSize) }

    mutating func add(_ answer: Int, scale: Survey.Scale) {
        n += 1
        sum += answer
        if answer >= scale.satisfiedFrom { satisfied += 1 }
        let slot = answer - scale.min
        if distribution.indices.contains(slot) { distribution[slot] += 1 }
    }

    mutating func add(_ other: QuestionTally) {
        n += other.n
        sum += other.sum
        satisfied += other.satisfied
        for i in distribution.indices where i < other.distribution.count { distribution[i] += other.distribution[i] }
    }
}

/// Journey counts (`metrics.md`, « Journeys »): started, completed, and over the
/// journeys of programmes already ended at the as-of date, started again, dropped and
/// unverified (« à vérifier »).
public struct JourneyTally: Sendable, Equatable {
    /// Journeys counted, started or not.
    public var journeys = 0
    public var started = 0, completed = 0
    public var endedStarted = 0, dropped = 0, unverified = 0
    /// Whether any journey here belongs to an ended programme.
    public var anyEnded = false

    public init() {}

    /// Counts one journey with this outcome.
    mutating func add(_ outcome: JourneyOutcome, programmeEnded: Bool) {
        journeys += 1
        anyEnded = anyEnded || programmeEnded
        switch outcome {
        case .notStarted: return
        case .completed: completed += 1
        case .dropped: dropped += 1
        case .unverified: unverified += 1
        case .inProgress: break
        }
        started += 1
        if programmeEnded { endedStarted += 1 }
    }

    func adding(_ o: JourneyTally) -> JourneyTally {
        var t = self
        t.journeys += o.journeys
        t.started += o.started
        t.completed += o.completed
        t.endedStarted += o.endedStarted
        t.dropped += o.dropped
        t.unverified += o.unverified
        t.anyEnded = t.anyEnded || o.anyEnded
        return t
    }
}
