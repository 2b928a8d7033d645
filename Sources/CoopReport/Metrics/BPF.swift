/// The annual BPF (bilan pédagogique et financier, cerfa 10443): every frame the data can
/// fill — B, C, E, F-1 to F-4, G — with the checks that F-1, F-3 and F-4 agree
/// (docs/decisions.md, « BPF »). Computed by `BPF.compute` (BPF+Compute.swift).
public struct BPF: Sendable {
    /// A count of the pedagogical frames: trainees and hours of training they followed.
    public struct Count: Sendable, Equatable {
        public var trainees: Int
        public var hours: Double
        public init(trainees: Int = 0, hours: Double = 0) {
            self.trainees = trainees
            self.hours = hours
        }
        public static func + (a: Count, b: Count) -> Count { Count(trainees: a.trainees + b.trainees, hours: a.hours + b.hours) }
    }

    /// Who gives a trainer's hours: a person of the organisation, or from outside it (frame E).
    public enum TrainerStatus: String, Sendable, CaseIterable {
        case `internal`, external
        public var french: String {
            switch self {
            case .internal: "Personnes de votre organisme dispensant des heures de formation"
            case .external: "Personnes extérieures à votre organisme auxquelles vous avez eu recours pour dispenser des heures de formation"
            }
        }
    }

    /// What the job says (docs/jobs.md, `bpf` and `trainers`).
    public struct Settings: Sendable, Equatable {
        /// Role `TextKey` → line of F-1; every other role goes to `defaultLine`.
        public var roles: [String: Line] = [:]
        public var defaultLine: Line = .a
        /// Each `roles` key as the job writes it, to name a key no registration carries.
        public var roleTexts: [String: String] = [:]
        /// Frame C counts every registered participant, or those present only.
        public var invoicePresentOnly = false
        /// Payer `TextKey` → line of C, with the texts as the job wrote them.
        public var payers: [String: PayerLine] = [:]
        public var payerTexts: [String: String] = [:]
        /// The line of a registration without payer; nil: « non ventilé ».
        public var defaultPayer: PayerLine?
        /// Programme code → line of F-3.
        public var objectives: [String: Objective] = [:]
        /// F-2 and G, which the registrations cannot tell.
        public var subcontracted = Count()
        public var entrusted = Count()
        /// Trainer name → status (the job's `trainers` block); nil when the job has none.
        public var trainers: [String: TrainerStatus]?
        public init() {}
    }

    /// Frame C: one line of revenue.
    public struct Revenue: Sendable, Equatable {
        public let line: PayerLine
        public let amount: Double
    }

    /// Frame E: one status.
    public struct Trainers: Sendable, Equatable {
        /// nil: a trainer the job's `trainers` block does not have (no block given).
        public let status: TrainerStatus?
        public let people: Int
        public let hours: Double
    }

    /// Frame F-4: one speciality.
    public struct Speciality: Sendable, Equatable {
        public let code: String
        public let label: String
        public let count: Count
    }

    // B
    /// In-period `remote` sessions with hours followed.
    public let remoteSessions: Int
    // C
    public let revenue: [Revenue]
    /// Invoiced amounts of registrations whose payer has no line (empty without default, or
    /// a value the job's `bpf.payers` lacks).
    public let revenueUnassigned: Double
    /// Payer values met that `bpf.payers` lacks, with the job's nearest key (nil: none near).
    public let unmappedPayers: [(value: String, nearest: String?)]
    /// `bpf.payers` keys that match no payer of the period.
    public let unusedPayers: [String]
    /// `bpf.roles` keys that match no role of the period's registrations: a misspelt role
    /// would put its trainees on the default line unseen.
    public let unusedRoles: [String]
    public let presentOnly: Bool
    /// The F-1 line of a role `bpf.roles` does not name (the job's `bpf.default`).
    public let defaultLine: Line
    // E
    public let trainers: [Trainers]
    // F-1
    public let f1: [(line: Line, count: Count)]
    /// Of the F-1 total: trainees with hours at a distance, and those hours.
    public let f1Remote: Count
    /// The period's `hours_trainee` (metrics.md), which F-1's hours must equal.
    public let periodHours: Double
    /// The attendance record, summed apart from F-1 for its checks: participants present or
    /// partial at a taught session of the period (one per programme), and the hours of those
    /// registrations (the Relevé d'assiduité's présent and partiel rows). F-1 counts
    /// trainees by their hours: a « présent » at 0 h, or hours on an absent row, make them differ.
    public let present: Count
    /// Registrations of the period counted with hours that are not recorded as such: a
    /// « partiel » without hours (half the session) or an `hours_attended` dropped as
    /// unusable (the hours of the attendance); stated beside the checks.
    public let estimated: Count
    /// Trainees registered in the period whose sessions of the year gave no hour (e.g. the
    /// project phase only): not counted (docs/decisions.md).
    public let zeroHourTrainees: Int
    // F-2, F-3, F-4, G
    public let f2: Count
    public let f3: [(line: Objective, count: Count)]
    /// Programmes with hours in the period and no line in `bpf.objectives`.
    public let f3Missing: [String]
    public let f4: [Speciality]
    /// Specialities past the five main ones (« Autres spécialités »).
    public let f4Others: Count
    /// Programmes with hours in the period and no `nsf` in the catalogue.
    public let f4Missing: [String]
    public let g: Count

    public var revenueTotal: Double { revenue.reduce(revenueUnassigned) { $0 + $1.amount } }
    public var f1Total: Count { f1.reduce(Count()) { $0 + $1.count } }
    public var f3Total: Count { f3.reduce(Count()) { $0 + $1.count } }
    public var f4Total: Count { f4.reduce(f4Others) { $0 + $1.count } }
}
