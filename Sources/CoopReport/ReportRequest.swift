/// What to run: the inputs, the period, the as-of date and where the outputs go. Built by
/// the CLI from flags or from a job file.
public struct ReportRequest: Sendable {
    public var catalogue: String
    public var registrations: InputSpec
    public var evaluations: InputSpec
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

    /// A job's request; `asOf` overrides the job's, which defaults to the period's end.
    public init(job: Job, asOf override: Day?, today: Day) {
        self.init(
            catalogue: job.catalogue, registrations: job.registrations, evaluations: job.evaluations,
            outputDirectory: job.output, period: job.period, asOf: override ?? job.asOf ?? job.period.to ?? today,
            minGroupSize: job.minGroupSize, maxRejectRate: job.maxRejectRate, job: job.path)
    }
}
