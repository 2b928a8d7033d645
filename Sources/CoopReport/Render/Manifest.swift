/// `manifest.json`: which inputs produced which outputs, so that a report can be traced:
/// tool version, period, as-of, run times, and each file's path, size, rows and SHA-256.
public struct Manifest: Sendable {
    /// One written file. `rows`: rows written over all sheets (workbook), groups
    /// (metrics.json), rejected rows (rejects.csv).
    public struct Output: Sendable {
        public let path: String, bytes: Int, rows: Int, sha256: String
        public init(path: String, bytes: Int, rows: Int, sha256: String) {
            self.path = path
            self.bytes = bytes
            self.rows = rows
            self.sha256 = sha256
        }
    }

    public var toolVersion: String
    public var job: String?
    public var period: Period
    public var asOf: Day
    /// ISO 8601 UTC times of the run.
    public var startedAt: String
    public var endedAt: String
    public var inputs: [InputSummary]
    public var outputs: [Output]

    public init(
        toolVersion: String, job: String?, period: Period, asOf: Day, startedAt: String, endedAt: String,
        inputs: [InputSummary], outputs: [Output]
    ) {
        self.toolVersion = toolVersion
        self.job = job
        self.period = period
        self.asOf = asOf
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.inputs = inputs
        self.outputs = outputs
    }

    public var json: JSONValue {
        .object([
            ("tool", .string("coopreport")),
            ("tool_version", .string(toolVersion)),
            ("job", job.map(JSONValue.string) ?? .null),
            (
                "period",
                .object([
                    ("from", period.from.map { .string($0.iso) } ?? .null),
                    ("to", period.to.map { .string($0.iso) } ?? .null),
                ])
            ),
            ("as_of", .string(asOf.iso)),
            ("started_at", .string(startedAt)),
            ("ended_at", .string(endedAt)),
            (
                "inputs",
                .array(
                    inputs.map { i in
                        .object([
                            ("role", .string(i.role.rawValue)), ("path", .string(i.path)), ("bytes", .int(i.bytes)),
                            ("rows", .int(i.rowsRead)), ("rejected", .int(i.rejected)),
                            ("encoding", i.encoding.map(JSONValue.string) ?? .null), ("sha256", .string(i.sha256)),
                        ])
                    })
            ),
            (
                "outputs",
                .array(
                    outputs.map { o in
                        .object([
                            ("path", .string(o.path)), ("bytes", .int(o.bytes)), ("rows", .int(o.rows)), ("sha256", .string(o.sha256)),
                        ])
                    })
            ),
        ])
    }
}
