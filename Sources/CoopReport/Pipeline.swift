import Foundation
import Logging

/// The run, stage by stage: ingest → validate → model → metrics → render. Each stage
/// hands a named value to the next; only ingest reads files and only render writes them.
/// The CSVs are streamed: each row is validated and added to the model as it is read.
public struct Pipeline {
    public static let toolVersion = "0.2.0"

    public let logger: Logger
    /// The clock, for the manifest's start and end times and the stage durations only.
    public let now: @Sendable () -> Date

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
        for name in ReportFiles.recover(in: request.outputDirectory) {
            logger.notice("completed \(name) in \(request.outputDirectory): a run was killed while switching its files into place")
        }
        for name in TemporaryFiles.removeStale(in: request.outputDirectory) {
            logger.notice("removed \(name), left in \(request.outputDirectory) by an interrupted run")
        }
        var clock = StageClock(now: now)
        let document = try analyse(request, clock: &clock)

        // [5/5] render
        let files = ReportFiles(directory: request.outputDirectory, names: request.names, pauseBeforeCommit: request.pauseBeforeCommit)
        let outputs = try files.write(document, job: request.job, started: started, now: now)
        logger.info("[5/5] render: \(outputs.map(document.paths.show).joined(separator: ", ")) (\(clock.lap()))")
        return ReportOutcome(document: document, outputs: outputs)
    }

    /// Reads, validates and computes everything a run would, writes nothing, and checks
    /// that the output folder could be written (`coopreport check`).
    public func check(_ request: ReportRequest) throws -> ReportDocument {
        var clock = StageClock(now: now)
        let document = try analyse(request, clock: &clock)
        try Self.checkWritable(request.outputDirectory)
        logger.info("[5/5] render: skipped (check); \(request.outputDirectory) is writable")
        return document
    }

    /// Stages 1 to 4: ingest, validate, model, metrics.
    func analyse(_ request: ReportRequest, clock: inout StageClock) throws -> ReportDocument {
        let paths = request.job.map { DisplayPaths(base: URL(fileURLWithPath: $0).deletingLastPathComponent().path) } ?? .currentFolder
        let show = paths.show
        logger.info(
            "job: \(request.job.map { "\($0): " } ?? "")catalogue \(show(request.catalogue)), registrations \(show(request.registrations.pattern)), evaluations \(show(request.evaluations.pattern)), \(request.period.french), as of \(request.asOf.iso), min group size \(request.minGroupSize), out \(show(request.outputDirectory)), coopreport \(Pipeline.toolVersion)"
        )

        // [1/5] ingest: the catalogue (with the job's survey questions, if any) and the files.
        let (catalogueData, loaded) = try InputFile.load(role: "catalogue", path: request.catalogue)
        var catalogue = try CatalogueReader.parse(String(decoding: catalogueData, as: UTF8.self), path: request.catalogue)
        if let questions = request.evaluations.mapping.questions {
            catalogue = Catalogue(programmes: catalogue.programmes, survey: Survey(scale: catalogue.survey.scale, questions: questions))
        }
        if let code = request.period.programme, catalogue.programme(code) == nil {
            let codes = catalogue.programmes.map(\.code)
            let near = Nearest.header(for: [code], in: codes).map { " (did you mean '\($0)'?)" } ?? ""
            throw JobError.invalid(
                path: request.job ?? "command line", line: 0, keyPath: "period.programme",
                message: "'\(code)' is not a programme of the catalogue\(near); expected one of \(codes.joined(separator: ", "))")
        }
        var catalogueInput = loaded
        catalogueInput.rowsRead = catalogue.programmes.reduce(0) { $0 + $1.sessions.count }
        let registrationFiles = try InputFiles.expand(request.registrations.pattern)
        let evaluationFiles = try InputFiles.expand(request.evaluations.pattern)
        let evaluationSchema = TableSchema.evaluations(questions: catalogue.survey.questions.map(\.column))
        logger.info("[1/5] ingest: \(catalogue.programmes.count) programme(s), \(catalogueInput.rowsRead) session(s) (\(clock.lap()))")
        // One file in memory at a time: each is opened, streamed, then let go.
        func open(_ path: String, _ schema: TableSchema, _ mapping: InputMapping) throws -> any InputTable {
            let table = try InputTables.open(path, schema: schema, mapping: mapping)
            let separator = table.separatorName.map { ", separator '\($0 == "\t" ? "tab" : $0)'" } ?? ""
            logger.info(
                "[1/5] ingest: \(show(table.path)): \(table.encodingName)\(separator), columns \(table.columns.joined(separator: ", "))")
            let unused = table.unusedHeaders
            if !unused.isEmpty {
                logger.info("[1/5] ingest: \(show(table.path)): headers not used: \(IngestError.list(unused))")
            }
            return table
        }

        // [2/5] validate and [3/5] model, in one streaming pass per file.
        // About 140 bytes a registration row and 90 a response in the exports seen so far:
        // first guesses for capacity.
        func bytes(_ files: [String]) -> Int {
            files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        }
        var builder = DatasetBuilder(
            catalogue: catalogue, expectedRegistrations: bytes(registrationFiles) / 140, expectedResponses: bytes(evaluationFiles) / 90)
        var rejects: [Diagnostic] = []
        var inputs = [catalogueInput]
        // The words each input's value columns hold, for the job's value maps.
        var statusWords = WordsSeen()
        var attendanceWords = WordsSeen()
        var answerWords = WordsSeen()
        var registrationLabels = LabelsSeen()
        var evaluationLabels = LabelsSeen()
        for path in registrationFiles {
            let table = try open(path, .registrations, request.registrations.mapping)
            var validator = RegistrationValidator(
                catalogue: catalogue, columns: table.columns, mapping: request.registrations.mapping, file: table.path)
            validator.fileNumber = builder.file(table.path)
            inputs.append(
                try stream(table, role: "registrations", rejects: &rejects, sessions: builder.sessions) {
                    (validator.validate($0, into: &builder), validator.lastSession)
                })
            statusWords.add(validator.wordsSeen.status)
            registrationLabels.add(validator.labelsSeen)
            attendanceWords.add(validator.wordsSeen.attendance)
        }
        for path in evaluationFiles {
            let table = try open(path, evaluationSchema, request.evaluations.mapping)
            var validator = ResponseValidator(
                catalogue: catalogue, columns: table.columns, mapping: request.evaluations.mapping, file: table.path)
            validator.fileNumber = builder.file(table.path)
            inputs.append(
                try stream(table, role: "evaluations", rejects: &rejects, sessions: builder.sessions) {
                    (validator.validate($0, into: &builder), validator.lastSession)
                })
            answerWords.add(validator.answersSeen)
            evaluationLabels.add(validator.labelsSeen)
        }
        // A registrations export with a header and no row is a broken export, not a quiet
        // month: it must not replace the previous report with an empty one.
        if inputs.filter({ $0.role == "registrations" }).allSatisfy({ $0.rowsRead == 0 }) {
            throw IngestError.noRows(path: registrationFiles.joined(separator: ", "))
        }
        let registrationMap = request.registrations.mapping
        let mappingWarnings =
            statusWords.unused(registrationMap.status.keys, entry: "values.status", mapping: registrationMap, files: registrationFiles)
            + attendanceWords.unused(
                registrationMap.attendance.keys, entry: "values.attendance", mapping: registrationMap, files: registrationFiles)
            + answerWords.unused(
                request.evaluations.mapping.answers.keys, entry: "answers", mapping: request.evaluations.mapping, files: evaluationFiles)
            + registrationLabels.unused(registrationMap, files: registrationFiles)
            + evaluationLabels.unused(request.evaluations.mapping, files: evaluationFiles)
        for input in inputs.dropFirst() {
            logger.info("[2/5] validate: \(show(input.path)): \(input.rowsRead) rows read, \(input.rejected) rejected, \(input.used) used")
        }
        // A report of one period lists the rejected rows of its sessions (and those that
        // cannot be placed); the others are counted in one line.
        let periodSessions = Set(MetricsCalculator.sessions(of: catalogue, in: request.period).map(\.key))
        let inScope = rejects.filter { $0.scope(inPeriod: periodSessions) != .outside }
        for line in Self.logLines(
            inScope, perKind: 20, noun: "rejected row(s)", whereToRead: "rejects.csv and the Rejets sheet", paths: paths)
        {
            logger.warning("\(line)")
        }
        if inScope.count < rejects.count {
            logger.warning(
                "\(rejects.count - inScope.count) other rejected row(s) belong to sessions outside the period: all in rejects.csv")
        }
        if let limit = request.maxRejectRate {
            for role in ["registrations", "evaluations"] {
                let read = inputs.filter { $0.role == role }.reduce(0) { $0 + $1.rowsRead }
                let mine = Set(inputs.filter { $0.role == role }.map(\.path))
                if let error = RejectRateError.check(
                    role: role, read: read, rejects: rejects.filter { mine.contains($0.file) }, maxRate: limit)
                {
                    throw error
                }
            }
        }
        // The builder's duplicate indexes go with it: only the dataset lives on.
        let dataset = (consume builder).build()
        logger.info(
            "[3/5] model: \(dataset.registrations.count) registrations, \(dataset.responses.count) responses, \(dataset.warnings.count) duplicate(s) (\(clock.lap()))"
        )

        // [4/5] metrics, and the detail rows when asked: they need the period, not the
        // figures, so they are built on this core while the figures are computed on the other.
        // Who attended what: built once for both, then let go.
        let participants = ParticipantIndex(dataset)
        let calculator = MetricsCalculator(
            period: request.period, asOf: request.asOf, minGroupSize: request.minGroupSize, trend: request.trend)
        let evidenceBuilder = EvidenceBuilder(period: request.period, asOf: request.asOf, target: request.options.targetSatisfaction)
        var evidence: Evidence?
        let metrics: MetricsResult
        if request.options.participantSheets {
            let figures = Background { calculator.compute(dataset, index: participants) }
            evidence = evidenceBuilder.rows(dataset, index: participants)
            metrics = figures.wait()
        } else {
            metrics = calculator.compute(dataset, index: participants)
        }
        var emptyInputs: [Diagnostic] = []
        for input in inputs where input.role == "evaluations" && input.rowsRead == 0 {
            emptyInputs.append(
                Diagnostic(
                    severity: .warning, file: input.path, line: 0, column: nil,
                    message: "no response in this file (a header and no row): every satisfaction figure is empty"))
        }
        let warnings = mappingWarnings + emptyInputs + dataset.warnings + metrics.warnings
        let warningsInScope = warnings.filter { $0.scope(inPeriod: periodSessions) != .outside }
        for line in Self.logLines(warningsInScope, perKind: 20, noun: "warning(s)", whereToRead: "the Alertes sheet", paths: paths) {
            logger.notice("\(line)")
        }
        if warningsInScope.count < warnings.count {
            logger.notice("\(warnings.count - warningsInScope.count) other warning(s) concern rows of sessions outside the period")
        }
        logger.info(
            "[4/5] metrics: \(metrics.sessions.count) session(s), \(metrics.programmes.count) programme(s), \(metrics.cooperatives.count) cooperative(s), \(metrics.months.count) month(s), \(warnings.count) warning(s) (\(clock.lap()))"
        )

        var document = ReportDocument(
            metrics: metrics, inputs: inputs, rejects: rejects, warnings: warnings, toolVersion: Pipeline.toolVersion)
        document.options = request.options
        document.paths = paths
        if let evidence {
            document.evidence = evidence.with(evidenceBuilder.improvements(metrics))
            // The benchmark reads this line to have its floor write as many cells.
            logger.info(
                "[4/5] detail: \(evidence.attendance.count) Émargement rows, \(evidence.journeys.count) Parcours rows × \(EvidenceSheets.journeyHeaders(EvidenceSheets.sessionCodes(evidence)).count) columns"
            )
        }
        if let settings = request.options.bpf { document.bpf = BPF.compute(dataset, metrics: metrics, settings: settings) }
        return document
    }

    /// The diagnostics as log lines: the first `perKind` of each kind (file and column) in
    /// full, then one line counting the rest, so that two million duplicates make a few
    /// lines of log, not two hundred megabytes.
    static func logLines(
        _ diagnostics: [Diagnostic], perKind: Int, noun: String, whereToRead: String, paths: DisplayPaths = .currentFolder
    ) -> [String] {
        var seen: [String: Int] = [:]
        var order: [String] = []
        var lines: [String] = []
        for d in diagnostics {
            let kind = d.file + "\u{0}" + (d.column ?? "")
            let n = seen[kind, default: 0]
            if n == 0 { order.append(kind) }
            seen[kind] = n + 1
            if n < perKind { lines.append(d.described(with: paths)) }
        }
        for kind in order {
            guard let n = seen[kind], n > perKind else { continue }
            let parts = kind.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
            let column = parts.count > 1 && !parts[1].isEmpty ? " in column '\(parts[1])'" : ""
            lines.append(
                "\(parts[0].isEmpty ? "" : paths.show(parts[0]) + ": ")… and \(n - perKind) more \(noun)\(column); all of them in \(whereToRead)"
            )
        }
        return lines
    }

    /// The folder exists and is writable, or its nearest existing parent is.
    static func checkWritable(_ directory: String) throws {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        var isFolder: ObjCBool = false
        while !FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
            url.deleteLastPathComponent()
        }
        guard isFolder.boolValue, access(url.path, W_OK) == 0 else {
            throw OutputError.notWritable(
                path: directory, reason: isFolder.boolValue ? "permission denied on \(url.path)" : "\(url.path) is a file, not a folder")
        }
    }

    /// Streams a table through `handle`, collecting rejected rows with their raw text.
    private func stream(
        _ table: any InputTable, role: String, rejects: inout [Diagnostic], sessions: SessionTable,
        handle: (RecordFields) -> (Result<Void, RowRejection>, Int32)
    ) throws -> InputSummary {
        var rows = 0
        var rejected = 0
        let read = try table.forEachRecord { fields in
            rows += 1
            let (outcome, session) = fields.problem.map { (.failure(RowRejection(column: nil, $0)), -1) } ?? handle(fields)
            if case .failure(let why) = outcome {
                rejected += 1
                var d = Diagnostic(
                    severity: .error, file: table.path, line: fields.line, column: why.column,
                    message: why.reason, raw: fields.raw, redactedRaw: fields.redactedRaw)
                if session >= 0 { d.session = sessions.keys[Int(session)] }
                rejects.append(d)
            }
        }
        var summary = InputSummary(role: role, path: table.path, bytes: read.bytes, sha256: read.sha256)
        summary.encoding = table.encodingName
        summary.separator = table.separatorName
        summary.rowsRead = rows
        summary.rejected = rejected
        return summary
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
