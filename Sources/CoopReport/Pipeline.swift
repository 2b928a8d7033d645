import Foundation
import Logging

/// The run, stage by stage: ingest → validate → model → metrics → render. Each stage
/// hands a named value to the next (`analyse` states them; each is in a `Pipeline+Stage`
/// file beside this one); only ingest reads files and only render writes them.
/// The CSVs are streamed: each row is validated and added to the model as it is read.
public struct Pipeline: Sendable {
    public static let toolVersion = "0.2.0"

    public let logger: Logger
    /// The clock, for the manifest's start and end times and the stage durations only.
    public let now: @Sendable () -> Date

    /// A single CSV file of registrations this large or larger is read in two halves, one
    /// on each core (`readRegistrations`); tests make it small.
    var halvesFrom = 8 << 20
    /// Where the first half ends, as a share of the file's data (a line's end near there).
    var halvesAt = 0.5

    public init(logger: Logger, now: @escaping @Sendable () -> Date = Date.init) {
        self.logger = logger
        self.now = now
    }

    /// Runs the job and writes the report. One run at a time per output folder: the run
    /// waits up to `request.lockWait` seconds for another one, then fails (`LockedError`).
    public func run(_ request: ReportRequest) throws -> ReportOutcome {
        let started = now()
        let lock = try OutputLock(directory: request.outputDirectory, wait: request.lockWait)
        defer { withExtendedLifetime(lock) {} }
        let folder = Self.paths(request).show(request.outputDirectory)
        for name in ReportFiles.recover(in: request.outputDirectory) {
            logger.notice("\(name) mis en place dans \(folder) : une exécution avait été arrêtée pendant l'échange de ses fichiers")
        }
        for name in TemporaryFiles.removeStale(in: request.outputDirectory) {
            logger.notice("\(name) supprimé de \(folder) : laissé par une exécution interrompue")
        }
        var clock = StageClock(now: now)
        let document = try analyse(request, clock: &clock)

        // [5/5] render
        let files = ReportFiles(directory: request.outputDirectory, names: request.names, pauseBeforeCommit: request.pauseBeforeCommit)
        let outputs = try files.write(document, job: request.job, started: started, now: now)
        logger.info(
            "[5/5] écriture : \(plural(outputs.count, "fichier")) dans \(document.paths.show(request.outputDirectory)) (\(clock.lap()))")
        return ReportOutcome(document: document, outputs: outputs)
    }

    /// Reads, validates and computes everything a run would, writes nothing, and checks
    /// that the output folder could be written (`coopreport check`).
    public func check(_ request: ReportRequest) throws -> ReportDocument {
        var clock = StageClock(now: now)
        let document = try analyse(request, clock: &clock)
        try Self.checkWritable(request.outputDirectory)
        logger.info("[5/5] écriture : rien (check) ; le dossier \(document.paths.show(request.outputDirectory)) est accessible en écriture")
        return document
    }

    /// Stages 1 to 4: ingest, validate, model, metrics. Each hands a named value to the next.
    func analyse(_ request: ReportRequest, clock: inout StageClock) throws -> ReportDocument {
        try Self.checkRequest(request)
        let paths = Self.paths(request)
        announce(request, paths: paths)

        // [1/5] ingest: the catalogue, checked against the job, and the files of each input.
        let sources = try ingest(request, paths: paths, clock: &clock)

        // [2/5] validate and [3/5] model, in one streaming pass per file, the registrations
        // on this core and the evaluations on the other: each row read, validated, then
        // added to the datasets being built or rejected.
        let (builders, read) = try readInputs(request, sources: sources, paths: paths)
        // A report of one period lists the rejected rows and alerts of its sessions (and
        // those that cannot be placed); the others are counted in one line.
        let periodSessions = Set(MetricsCalculator.sessions(of: sources.catalogue, in: request.period).map(\.key))
        // [2/5] what each file gave; too many rejected rows stop the run here.
        try checkRejects(read, request: request, periodSessions: periodSessions, paths: paths)
        // [3/5] the datasets built; the builders and their duplicate indexes let go.
        let model = self.model(
            consume builders, members: read.members, listName: request.members.map { paths.show($0.pattern) } ?? "", clock: &clock)

        // [4/5] metrics: the figures, the detail rows beside them on the other core, the
        // other period's figures, the certificates and the BPF; then the alerts.
        let figures = try Self.figures(request, model: model)
        let warnings = alerts(request, read: read, model: model, figures: figures, periodSessions: periodSessions, paths: paths)
        let m = figures.metrics
        logger.info(
            "[4/5] calculs : \(plural(m.sessions.count, "session")), \(plural(m.programmes.count, "programme")), \(plural(m.cooperatives.count, "coopérative")), \(m.months.count) mois, \(plural(warnings.count, "alerte")) (\(clock.lap()))"
        )
        announceEvidence(figures)
        return Self.document(request, read: read, model: model, figures: figures, warnings: warnings, paths: paths)
    }

    /// Paths as a person reads them: relative to the folder the command was typed in
    /// (docs/decisions.md « Paths from where the command was typed »).
    static func paths(_ request: ReportRequest) -> DisplayPaths { .currentFolder }

    /// A list for a log line: the first `limit` items, then « … (N de plus) », so that a
    /// line stays short whatever the catalogue or the header.
    static func clipped(_ items: [String], limit: Int = 6) -> String {
        let shown = items.prefix(limit).joined(separator: ", ")
        return items.count > limit ? shown + " … (\(items.count - limit) de plus)" : shown
    }

    /// The folder exists and is writable, or its nearest existing parent is.
    static func checkWritable(_ directory: String) throws {
        if StagingFolder.isLink(directory) { close(try StagingFolder.openFolder(directory)) }
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        var isFolder: ObjCBool = false
        while !FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
            url.deleteLastPathComponent()
        }
        guard isFolder.boolValue, access(url.path, W_OK) == 0 else {
            throw OutputError.notWritable(
                path: directory,
                reason: isFolder.boolValue ? "permission refusée sur \(url.path)" : "\(url.path) est un fichier, pas un dossier")
        }
    }
}

/// Times the stages for the log.
struct StageClock {
    let now: () -> Date
    var last: Date

    init(now: @escaping () -> Date) {
        self.now = now
        last = now()
    }

    mutating func lap() -> String {
        let t = now()
        defer { last = t }
        return String(format: "%.0f ms", t.timeIntervalSince(last) * 1000)
    }
}
