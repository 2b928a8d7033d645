/// One entry of the register of difficulties, complaints and incidents (Qualiopi
/// indicator 31, `data-contract.md` §4), validated.
public struct ComplaintEntry: Sendable, Equatable {
    /// Who raised it.
    public enum Source: String, Sendable, CaseIterable {
        case participant, cooperative, trainer, funder
        /// The word the sheets show.
        public var french: String {
            switch self {
            case .participant: "participant"
            case .cooperative: "coopérative"
            case .trainer: "formateur"
            case .funder: "financeur"
            }
        }
    }

    /// What kind of entry it is.
    public enum Nature: String, Sendable, CaseIterable {
        case complaint = "réclamation"
        case difficulty = "difficulté"
        case incident
        case hazard = "aléa"
    }

    /// Where it stands in the register.
    public enum Status: String, Sendable, CaseIterable {
        case open = "ouverte"
        case inProgress = "en cours"
        case closed = "close"
    }

    public let date: Day
    public let source: Source?
    public let programme: String?
    public let session: String?
    public let nature: Nature
    /// Free text from the team, e-mail addresses and phone numbers already masked.
    public let description: String
    public let response: String
    public let closedOn: Day?
    public let status: Status
    /// The line of the register where the entry starts.
    public let line: Int

    public init(
        date: Day, source: Source? = nil, programme: String? = nil, session: String? = nil, nature: Nature, description: String,
        response: String = "", closedOn: Day? = nil, status: Status, line: Int = 0
    ) {
        self.date = date
        self.source = source
        self.programme = programme
        self.session = session
        self.nature = nature
        self.description = description
        self.response = response
        self.closedOn = closedOn
        self.status = status
        self.line = line
    }

    /// Closed at `asOf`: status « close » with a closing date on or before it. An entry
    /// closed after the as-of date was still open then.
    public func isClosed(at asOf: Day) -> Bool { status == .closed && (closedOn.map { $0 <= asOf } ?? false) }

    /// Days from the entry to its closing (closed), or to `asOf` (still open).
    public func days(at asOf: Day) -> Int {
        let end = isClosed(at: asOf) ? (closedOn ?? asOf) : asOf
        return end.daysSinceEpoch - date.daysSinceEpoch
    }

    /// Still open at `asOf` more than `ComplaintSummary.overdueDays` days after its date.
    public func isOverdue(at asOf: Day) -> Bool { !isClosed(at: asOf) && days(at: asOf) > ComplaintSummary.overdueDays }
}

/// One row of the improvement actions register (Qualiopi indicator 32), validated.
public struct ImprovementAction: Sendable, Equatable {
    /// What the action aims at: a survey question (its index in the survey) or an
    /// objective number of the session (`objective_k`).
    public enum Target: Sendable, Equatable {
        case question(Int)
        case objective(Int)
    }

    public enum Status: String, Sendable, CaseIterable {
        case planned = "prévue"
        case inProgress = "en cours"
        case done = "réalisée"
        case abandoned = "abandonnée"
    }

    public let id: String
    public let decidedOn: Day
    /// « point d'amélioration », « réclamation », « commentaire » or the register's own words.
    public let origin: String
    public let programme: String?
    public let session: String?
    public let target: Target?
    public let description: String
    public let owner: String
    public let dueOn: Day?
    public let status: Status
    /// The effect the team noted (free text).
    public let effect: String
    public let line: Int

    public init(
        id: String, decidedOn: Day, origin: String = "", programme: String? = nil, session: String? = nil, target: Target? = nil,
        description: String, owner: String = "", dueOn: Day? = nil, status: Status, effect: String = "", line: Int = 0
    ) {
        self.id = id
        self.decidedOn = decidedOn
        self.origin = origin
        self.programme = programme
        self.session = session
        self.target = target
        self.description = description
        self.owner = owner
        self.dueOn = dueOn
        self.status = status
        self.effect = effect
        self.line = line
    }

    /// Past its due date at `asOf` and neither done nor abandoned.
    public func isLate(at asOf: Day) -> Bool {
        guard let dueOn, status == .planned || status == .inProgress else { return false }
        return dueOn < asOf
    }
}

/// The registers a job gives (nil: not given), as read: the report says « registre non
/// fourni » for a register that is nil, and « aucune entrée » for an empty one.
public struct Registers: Sendable {
    public var complaints: [ComplaintEntry]?
    public var actions: [ImprovementAction]?
    public init(complaints: [ComplaintEntry]? = nil, actions: [ImprovementAction]? = nil) {
        self.complaints = complaints
        self.actions = actions
    }
}
