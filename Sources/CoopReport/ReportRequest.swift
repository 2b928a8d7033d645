/// What to run: the inputs, the period, the as-of date and where the outputs go. Built by
/// the CLI from flags or from a job file.
public struct ReportRequest: Sendable {
    public var catalogue: String
    public var registrations: InputSpec
    public var evaluations: InputSpec
    /// The optional registers (indicators 31 and 32); nil: not given.
    public var complaints: InputSpec?
    public var actions: InputSpec?
    /// The optional cold evaluations (« évaluations à froid »); nil: not given.
    public var cold: InputSpec?
    /// The optional member list (« liste des adhérents »); nil: not given.
    public var members: InputSpec?
    /// Folder receiving report.xlsx, metrics.json, rejects.csv and manifest.json.
    public var outputDirectory: String
    public var period: Period
    /// Programme figures (dropout) are as of this day.
    public var asOf: Day
    /// Satisfaction figures of smaller groups are hidden.
    public var minGroupSize: Int
    /// When set, an input whose rejected share of rows exceeds it fails the run, before
    /// anything is written.
    public var maxRejectRate: Double?
    /// The job file the request came from, for the manifest.
    public var job: String?
    /// The output file names.
    public var names: ReportFiles.Names = .standard
    /// When set, the Mois sheet covers this period (the trailing months) instead of `period`.
    public var trend: Period?
    /// Seconds to wait for another run holding the output folder.
    public var lockWait: Double = 60
    /// Extra sheets and presentation (evidence, detail, BPF, pseudonyms).
    public var options = ReportOptions()
    /// Filters, breakdowns and comparison (`filter:`/`--filter`, `by:`/`--by`, `compare:`/`--compare`).
    public var analysis = Analysis()
    /// The day of the run (Europe/Paris), set by the CLI from the clock: a date after it is
    /// a typo (a cold answer dated 2099). Nil: no such check (tests, tools, and requests
    /// built for another `today`).
    public var today: Day?
    /// The job file's line of each key path checked once the catalogue is read (`Job.lines`).
    public var jobLines: [String: Int] = [:]
    /// Test hook, see `ReportFiles.pauseBeforeCommit`.
    public var pauseBeforeCommit: Double = 0

    public init(
        catalogue: String, registrations: InputSpec, evaluations: InputSpec, outputDirectory: String,
        period: Period = Period(), asOf: Day, minGroupSize: Int = 3, maxRejectRate: Double? = nil, job: String? = nil
    ) {
        self.catalogue = catalogue
        self.registrations = registrations
        self.evaluations = evaluations
        self.outputDirectory = outputDirectory
        self.period = period
        self.asOf = asOf
        self.minGroupSize = minGroupSize
        self.maxRejectRate = maxRejectRate
        self.job = job
    }

    /// Canonical files given by path (the `report` command).
    public init(
        catalogue: String, registrations: String, evaluations: String, outputDirectory: String,
        period: Period = Period(), asOf: Day, minGroupSize: Int = 3, maxRejectRate: Double? = nil
    ) {
        self.init(
            catalogue: catalogue, registrations: InputSpec(registrations), evaluations: InputSpec(evaluations),
            outputDirectory: outputDirectory, period: period, asOf: asOf, minGroupSize: minGroupSize,
            maxRejectRate: maxRejectRate)
    }

    /// A job's request for a run on `today`: `month` (`--period`) overrides the job's
    /// period, `asOf` its as-of date, which defaults to the period's end, else today.
    public init(job: Job, asOf override: Day?, today: Day, month: Day? = nil) {
        let period = job.period.resolve(today: today, month: month)
        self.init(
            catalogue: job.catalogue, registrations: job.registrations, evaluations: job.evaluations,
            outputDirectory: job.output.replacingOccurrences(of: "{period}", with: period.label), period: period,
            asOf: override ?? (month == nil ? job.asOf : nil) ?? period.to ?? today,
            minGroupSize: job.minGroupSize, maxRejectRate: job.maxRejectRate, job: job.path)
        if let name = job.name { names = .dated(name, label: period.label) }
        options = job.options
        analysis = job.analysis
        jobLines = job.lines
        complaints = job.complaints
        actions = job.actions
        cold = job.cold
        members = job.members
        if let months = job.trendMonths, let end = period.to { trend = Period.trailingMonths(months, endingAt: end) }
    }

    /// The export given for `kind`; nil for one the job does not give, and for the
    /// catalogue, which is a path (`catalogue`).
    public func input(_ kind: InputKind) -> InputSpec? {
        switch kind {
        case .catalogue: nil
        case .registrations: registrations
        case .evaluations: evaluations
        case .complaints: complaints
        case .actions: actions
        case .cold: cold
        case .members: members
        }
    }
}
