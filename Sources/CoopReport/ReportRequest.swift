/// What to run: the inputs, the period, the as-of date and where the outputs go. Built by
/// the CLI from flags (and later from job files).
public struct ReportRequest: Sendable {
    public var catalogue: String
    public var registrations: String
    public var evaluations: String
    /// Folder receiving report.xlsx, metrics.json, rejects.csv and manifest.json.
    public var outputDirectory: String
    public var period: Period
    /// Programme figures (dropout) are as of this day.
    public var asOf: Day
    /// Satisfaction figures of smaller groups are hidden.
    public var minGroupSize: Int

    public init(
        catalogue: String, registrations: String, evaluations: String, outputDirectory: String,
        period: Period = Period(), asOf: Day, minGroupSize: Int = 3
    ) {
        self.catalogue = catalogue
        self.registrations = registrations
        self.evaluations = evaluations
        self.outputDirectory = outputDirectory
        self.period = period
        self.asOf = asOf
        self.minGroupSize = minGroupSize
    }
}
