/// The annual BPF (bilan pédagogique et financier) figures of section F-1: trainees and
/// hours-trainee by type of public, with the revenue from the sessions' prices.
public struct BPF: Sendable {
    /// A line of F-1, "Type de stagiaires".
    public enum Line: String, Sendable, CaseIterable {
        case a, b, c, d, e

        public var french: String {
            switch self {
            case .a: "Salariés d'employeurs privés hors apprentis"
            case .b: "Apprentis"
            case .c: "Personnes en recherche d'emploi formées par votre organisme de formation"
            case .d: "Particuliers à leurs propres frais formés par votre organisme de formation"
            case .e: "Autres stagiaires"
            }
        }
    }

    /// How a job maps roles (`role` column) onto lines; every other role goes to `default`.
    public struct Settings: Sendable, Equatable {
        /// Role `TextKey` → line.
        public var roles: [String: Line] = [:]
        public var defaultLine: Line = .a
        public init() {}
    }

    public struct Row: Sendable, Equatable {
        public let line: Line
        /// Distinct participants present at least once in the period.
        public let trainees: Int
        public let hours: Double
    }

    public let rows: [Row]
    /// Distinct participants present at least once, counted once overall.
    public let trainees: Int
    /// The period's `hours_trainee`.
    public let hours: Double
    /// Registered × price_ht over the period's sessions (`revenue_ht`), nil when no price.
    public let revenueHT: Double?

    /// Splits the period's trainees and hours by line. A participant's line follows the
    /// role on their last registration row in the period.
    public static func compute(_ data: Dataset, metrics: MetricsResult, settings: Settings) -> BPF {
        // Session number → hours, for the period's sessions (nil: out of scope).
        var hoursOf = [Double?](repeating: nil, count: data.sessions.keys.count)
        for s in metrics.sessions { if let n = data.sessions.find(s.session.key) { hoursOf[Int(n)] = s.session.hours } }
        var lineOfRole: [Int32: Line] = [:]
        var lineOf: [Int32: (line: Int32, value: Line)] = [:]
        var present: Set<Int32> = []
        var hoursBy: [Int32: Double] = [:]
        for r in data.registrationRows {
            guard let sessionHours = hoursOf[Int(r.session)] else { continue }
            let line =
                lineOfRole[r.role]
                ?? {
                    let found = settings.roles[TextKey.of(data.pool.string(r.role))] ?? settings.defaultLine
                    lineOfRole[r.role] = found
                    return found
                }()
            if (lineOf[r.participant]?.line ?? Int32.min) <= r.line { lineOf[r.participant] = (r.line, line) }
            if r.isPresent { present.insert(r.participant) }
            hoursBy[r.participant, default: 0] += r.hoursTrainee(sessionHours: sessionHours)
        }
        let rows = Line.allCases.map { line in
            let people = lineOf.filter { $0.value.value == line }.map(\.key)
            return Row(
                line: line, trainees: people.filter(present.contains).count,
                hours: people.reduce(0) { $0 + (hoursBy[$1] ?? 0) })
        }
        return BPF(
            rows: rows, trainees: present.count, hours: metrics.overall.tally.hoursTrainee,
            revenueHT: metrics.overall.value(.revenueHT))
    }
}
