/// What programmes and sessions exist, and the survey's questions (`data-contract.md` §1).
public struct Catalogue: Sendable {
    public let programmes: [Programme]
    public let survey: Survey
    private let sessionIndex: [SessionKey: Session]
    private let programmeIndex: [String: Programme]

    public init(programmes: [Programme], survey: Survey = .standard) {
        self.programmes = programmes
        self.survey = survey
        var index: [SessionKey: Session] = [:]
        for p in programmes { for s in p.sessions { index[s.key] = s } }
        sessionIndex = index
        programmeIndex = Dictionary(programmes.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The programme with this code.
    public func programme(_ code: String) -> Programme? { programmeIndex[code] }
    /// The session of a programme, by codes as written in the CSVs.
    public func session(_ key: SessionKey) -> Session? { sessionIndex[key] }
}

/// A training programme: a sequence of sessions a participant follows.
public struct Programme: Sendable {
    public let code: String
    public let title: String
    /// In catalogue order.
    public let sessions: [Session]
    /// The speciality of the « nomenclature des spécialités de formation » (NSF): its code
    /// (`313`, `313m`), optionally followed by its label (`313 Finances, banque, …`); the
    /// BPF's frame F-4. Nil when the catalogue does not say.
    public let nsf: String?
    /// What the programme publishes for indicator 1 (prerequisites, access, delays,
    /// contacts, methods, evaluation, accessibility); a session may say otherwise.
    public let published: PublishedInfo
    /// The programme its editions share (`family: FVC` for FVC-2021, FVC-2122…): the
    /// family dimension and the comparison of an edition with the previous one. Nil: the
    /// programme is a family of its own.
    public let family: String?

    public init(
        code: String, title: String, sessions: [Session], nsf: String? = nil, published: PublishedInfo = PublishedInfo(),
        family: String? = nil
    ) {
        self.code = code
        self.title = title
        self.sessions = sessions
        self.nsf = nsf
        self.published = published
        self.family = family
    }

    /// The family the programme belongs to: its `family`, else its own code.
    public var familyCode: String { family ?? code }

    /// Mandatory sessions, by start date (then catalogue order).
    public var mandatorySessions: [Session] {
        sessions.enumerated().filter { $0.element.mandatory }
            .sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }.map(\.element)
    }
}

/// Identifies a session across the inputs: programme code + session code.
public struct SessionKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let programme: String
    public let session: String
    public init(_ programme: String, _ session: String) {
        self.programme = programme
        self.session = session
    }
    public var description: String { "\(programme)/\(session)" }
    public static func < (a: SessionKey, b: SessionKey) -> Bool { (a.programme, a.session) < (b.programme, b.session) }
}

/// One session of a programme.
public struct Session: Sendable {
    /// classroom: a taught day in a room; remote: a taught session at a distance; action:
    /// the project phase (present = project carried out); extension: an optional taught day
    /// (`metrics.md`, « Session kinds »).
    public enum Kind: String, Sendable, CaseIterable { case classroom, remote, action, `extension` }

    public let programme: String
    public let code: String
    public let title: String
    public let kind: Kind
    public let start: Day
    public let end: Day
    /// Hours one full attendance is worth.
    public let hours: Double
    /// EUR excluding VAT per registrant, when set.
    public let priceHT: Double?
    public let capacity: Int?
    public let venue: String?
    public let trainers: [String]
    /// Counts for programme completion.
    public let mandatory: Bool
    /// Has a post-session questionnaire (default: every kind but `action`).
    public let survey: Bool
    /// Session codes (same programme) the participant must have attended.
    public let requires: [String]
    /// "À l'issue de la formation le participant sera capable…", in order: objective_1 is the first.
    public let objectives: [String]
    /// What the session's own catalogue entry publishes for indicator 1, where it differs
    /// from its programme's (`PublishedInfo.over`).
    public let published: PublishedInfo

    public init(
        programme: String, code: String, title: String, kind: Kind, start: Day, end: Day,
        hours: Double, priceHT: Double? = nil, capacity: Int? = nil, venue: String? = nil,
        trainers: [String] = [], mandatory: Bool? = nil, survey: Bool? = nil, requires: [String] = [], objectives: [String] = [],
        published: PublishedInfo = PublishedInfo()
    ) {
        self.published = published
        self.programme = programme
        self.code = code
        self.title = title
        self.kind = kind
        self.start = start
        self.end = end
        self.hours = hours
        self.priceHT = priceHT
        self.capacity = capacity
        self.venue = venue
        self.trainers = trainers
        self.mandatory = mandatory ?? (kind != .extension)
        self.survey = survey ?? (kind != .action)
        self.requires = requires
        self.objectives = objectives
    }

    public var key: SessionKey { SessionKey(programme, code) }

    /// The most hours anything can last between two dates, both included: 24 a day.
    /// Bounds the catalogue's `hours` and a row's `hours_attended`, so no sum overflows.
    static func maxHours(from start: Day, to end: Day) -> Double { Double(24 * (end.daysSinceEpoch - start.daysSinceEpoch + 1)) }
    /// A session somebody attends (every kind but the project phase): its attendance
    /// counts as present / absent / unrecorded; an `action` session's as a project done or not.
    public var isTaught: Bool { kind != .action }
}

/// The post-session questionnaire: its scale and its questions.
public struct Survey: Sendable {
    /// Answers are integers `min...max`; an answer ≥ `satisfiedFrom` is "satisfied".
    public struct Scale: Sendable, Equatable {
        public let min: Int, max: Int, satisfiedFrom: Int
        public init(min: Int, max: Int, satisfiedFrom: Int) {
            self.min = min
            self.max = max
            self.satisfiedFrom = satisfiedFrom
        }
    }
    /// A question: its column in evaluations.csv and its French label.
    public struct Question: Sendable, Equatable {
        public let column: String, label: String
        public init(column: String, label: String) {
            self.column = column
            self.label = label
        }
    }

    public let scale: Scale
    public let questions: [Question]

    public init(scale: Scale, questions: [Question]) {
        self.scale = scale
        self.questions = questions
    }

    /// The defaults of `data-contract.md`: 1–5, satisfied from 4, five questions.
    public static let standard = Survey(
        scale: Scale(min: 1, max: 5, satisfiedFrom: 4),
        questions: [
            Question(column: "overall", label: "Satisfaction globale"),
            Question(column: "content", label: "Contenu"),
            Question(column: "trainers", label: "Animation / formateurs"),
            Question(column: "organisation", label: "Organisation"),
            Question(column: "venue", label: "Lieu et logistique"),
        ]
    )
}
