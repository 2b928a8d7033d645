/// A job file, read and checked (docs/jobs.md): what to run, on which inputs, for which
/// period, and where the outputs go. Paths are already resolved from the job's folder.
public struct Job: Sendable, Equatable {
    /// The job file itself.
    public var path: String
    public var catalogue: String
    public var registrations: InputSpec
    public var evaluations: InputSpec
    /// The optional registers of the evidence report (nil: not given).
    public var complaints: InputSpec?
    public var actions: InputSpec?
    /// The optional cold evaluations (« évaluations à froid »), mapped like the evaluations
    /// (nil: not given).
    public var cold: InputSpec?
    /// The optional member list (« liste des adhérents », nil: not given): the exports'
    /// cooperatives matched to members, « Coopératives sans inscrit », the region dimension
    /// and the employer's address on certificates.
    public var members: InputSpec?
    public var period: PeriodRule
    public var asOf: Day?
    public var minGroupSize: Int
    /// Rejected rows / rows read above which an input fails the run.
    public var maxRejectRate: Double
    /// The output folder; `{period}` in it becomes the period's label (`2022-06`).
    public var output: String
    /// When set, dated file names: `<name>-<period>.xlsx`, … (docs/jobs.md).
    public var name: String?
    /// When set, the Mois sheet covers this many months up to the period's end, with a chart.
    public var trendMonths: Int?
    /// Evidence sheets, detail, target, pseudonyms, organisation, BPF.
    public var options = ReportOptions()
    /// Filters, breakdowns and comparison (`filter:`, `by:`, `compare:`).
    public var analysis = Analysis()
    /// The line of each key path that checks made once the catalogue is read may name
    /// (`period.programme`, `bpf`, `trainers.NAME`, `bpf.objectives.CODE`).
    public var lines: [String: Int] = [:]
}

/// How a job chooses its period.
public enum PeriodRule: Sendable, Equatable {
    /// Given in the job (dates, a programme, or everything).
    case fixed(Period)
    /// The calendar month before the run date (the monthly cron job).
    case previousMonth

    /// The period for a run on `today`; `month` (`--period YYYY-MM`) overrides the rule.
    public func resolve(today: Day, month: Day? = nil) -> Period {
        if let month { return Period.month(of: month) }
        switch self {
        case .fixed(let period): return period
        case .previousMonth: return Period.previousMonth(of: today)
        }
    }
}

/// A job file that cannot be run: it stops before anything is read (exit 64).
public enum JobError: Error, Equatable, CustomStringConvertible {
    /// The job file does not exist or cannot be read.
    case unreadable(path: String, reason: String)
    /// A key or value breaks docs/jobs.md; `keyPath` is like `inputs.registrations.columns`.
    case invalid(path: String, line: Int, keyPath: String, message: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path) : erreur : lecture du fichier de tâche impossible (\(reason))"
        case .invalid(let path, let line, let keyPath, let message): "\(path):\(line) : erreur : \(keyPath) : \(message)"
        }
    }
}
