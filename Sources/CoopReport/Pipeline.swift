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

    /// Stages 1 to 4: ingest, validate, model, metrics.
    func analyse(_ request: ReportRequest, clock: inout StageClock) throws -> ReportDocument {
        // The BPF is a calendar year's (cerfa 10443): over any other period it would be wrong.
        if request.options.bpf != nil, !request.period.isCalendarYear {
            throw JobError.invalid(
                path: request.job ?? "", line: request.jobLines["bpf"] ?? 0, keyPath: "bpf",
                message:
                    "le BPF porte sur une année civile : la période doit aller du 1er janvier au 31 décembre d'une même année (trouvé : \(request.period.french))"
            )
        }
        try Self.checkAnalysis(request)
        let paths = Self.paths(request)
        let show = paths.show
        logger.info(
            "tâche : \(request.job.map { "\(show($0)) — " } ?? "")\(request.period.french), arrêté au \(request.asOf.french), sortie \(show(request.outputDirectory)), coopreport \(Pipeline.toolVersion)"
        )
        logger.info(
            "entrées : catalogue \(show(request.catalogue)), inscriptions \(show(request.registrations.pattern)), évaluations \(show(request.evaluations.pattern)), groupe minimal \(request.minGroupSize)"
        )
        if request.complaints != nil || request.actions != nil {
            logger.info(
                "registres : réclamations \(request.complaints.map { show($0.pattern) } ?? "non fourni"), actions d'amélioration \(request.actions.map { show($0.pattern) } ?? "non fourni")"
            )
        }
        if let cold = request.cold { logger.info("évaluations à froid : \(show(cold.pattern))") }
        if let line = Self.analysisLine(request.analysis) { logger.info("\(line)") }

        // [1/5] ingest: the catalogue (with the job's survey questions, if any) and the files.
        let (catalogueData, loaded) = try InputFile.load(role: "catalogue", path: request.catalogue)
        var catalogue = try CatalogueReader.parse(String(decoding: catalogueData, as: UTF8.self), path: request.catalogue)
        if let questions = request.evaluations.mapping.questions {
            catalogue = Catalogue(programmes: catalogue.programmes, survey: Survey(scale: catalogue.survey.scale, questions: questions))
        }
        if let code = request.period.programme, catalogue.programme(code) == nil {
            let codes = catalogue.programmes.map(\.code)
            let near = Nearest.header(for: [code], in: codes).map { " (vouliez-vous dire « \($0) » ?)" } ?? ""
            throw JobError.invalid(
                path: request.job ?? "ligne de commande", line: request.jobLines["period.programme"] ?? 0, keyPath: "period.programme",
                message: "\(quoted(code)) n'est pas un programme du catalogue\(near) ; attendu : \(Self.clipped(codes))")
        }
        try BPF.checkJob(request.options, catalogue: catalogue, job: request.job ?? "ligne de commande", lines: request.jobLines)
        var catalogueInput = loaded
        catalogueInput.rowsRead = catalogue.programmes.reduce(0) { $0 + $1.sessions.count }
        // The tool's own outputs are never inputs, even when a glob matches them.
        let own = OwnOutputs(directory: request.outputDirectory, names: request.names)
        func expand(_ pattern: String) throws -> [String] {
            let (files, skipped) = try InputFiles.expand(pattern, skipping: own)
            for path in skipped {
                logger.notice("[1/5] lecture : \(show(path)) ignoré : c'est une sortie de coopreport, pas un export (\(show(pattern)))")
            }
            return files
        }
        let registrationFiles = try expand(request.registrations.pattern)
        let evaluationFiles = try expand(request.evaluations.pattern)
        try InputFiles.checkDistinct(
            [("catalogue", [request.catalogue]), ("registrations", registrationFiles), ("evaluations", evaluationFiles)]
                + [("complaints", request.complaints), ("actions", request.actions), ("cold", request.cold)].compactMap { role, spec in
                    try spec.map { (role, try expand($0.pattern)) }
                })
        let evaluationSchema = TableSchema.evaluations(questions: catalogue.survey.questions.map(\.column))
        logger.info(
            "[1/5] lecture : \(plural(catalogue.programmes.count, "programme")), \(plural(catalogueInput.rowsRead, "session")) (\(clock.lap()))"
        )
        // One file in memory at a time: each is opened, streamed, then let go.
        func open(_ path: String, _ schema: TableSchema, _ mapping: InputMapping) throws -> any InputTable {
            let table = try InputTables.open(path, schema: schema, mapping: mapping)
            let separator = table.separatorName.map { ", séparateur « \($0 == "\t" ? "tabulation" : $0) »" } ?? ""
            logger.info(
                "[1/5] lecture : \(show(table.path)) : \(table.encodingName)\(separator), \(plural(table.columns.count, "colonne reconnue", "colonnes reconnues"))"
            )
            if let book = table as? XLSXTable, !book.hiddenSkipped.isEmpty {
                logger.notice(
                    "[1/5] lecture : \(show(table.path)) : feuille « \(book.sheet) » lue, première visible ; \(book.hiddenSkipped.count > 1 ? "feuilles masquées ignorées" : "feuille masquée ignorée") : \(Self.clipped(book.hiddenSkipped.map(quoted))) (pour en lire une, nommez-la avec « sheet: »)"
                )
            }
            let unused = table.unusedHeaders
            if !unused.isEmpty {
                logger.info("[1/5] lecture : \(show(table.path)) : en-têtes non utilisés : \(Self.clipped(unused.map(quoted)))")
            }
            return table
        }

        // [2/5] validate and [3/5] model, in one streaming pass per file.
        // About 140 bytes a registration row and 90 a response in the exports seen so far:
        // first guesses for capacity.
        func bytes(_ files: [String]) -> Int {
            files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        }
        // Responses submitted after the as-of date are left out of every figure and counted
        // (`LateRows`), in both builders.
        var builder = DatasetBuilder(
            catalogue: catalogue, expectedRegistrations: bytes(registrationFiles) / 140, expectedResponses: bytes(evaluationFiles) / 90,
            asOf: request.asOf)
        var rejects: [Diagnostic] = []
        var inputs = [catalogueInput]
        // The words each input's value columns hold, for the job's value maps.
        var statusWords = WordsSeen()
        var attendanceWords = WordsSeen()
        var roleWords = WordsSeen()
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
            roleWords.add(validator.rolesSeen)
        }
        /// The responses of `files` (the evaluations, or the cold ones) into `target`: one
        /// reader for both; the words and labels they hold noted for the job's maps.
        func readResponses(
            _ files: [String], schema: TableSchema, catalogue: Catalogue, mapping: InputMapping, role: String, sessions: SessionTable,
            into target: inout DatasetBuilder, answers: inout WordsSeen, labels: inout LabelsSeen
        ) throws {
            for path in files {
                let table = try open(path, schema, mapping)
                var validator = ResponseValidator(catalogue: catalogue, columns: table.columns, mapping: mapping, file: table.path)
                validator.fileNumber = target.file(table.path)
                validator.checksAnswerDates = role == "cold"
                validator.today = request.today
                inputs.append(
                    try stream(table, role: role, rejects: &rejects, sessions: sessions) {
                        (validator.validate($0, into: &target), validator.lastSession)
                    })
                answers.add(validator.answersSeen)
                labels.add(validator.labelsSeen)
            }
        }
        let sessions = builder.sessions
        try readResponses(
            evaluationFiles, schema: evaluationSchema, catalogue: catalogue, mapping: request.evaluations.mapping, role: "evaluations",
            sessions: sessions, into: &builder, answers: &answerWords, labels: &evaluationLabels)
        // The cold evaluations, when the job gives them: a second pass of the evaluations'
        // reader, with the cold survey's own questions, into a dataset of their own (the
        // later of two responses of one person wins there too).
        var coldBuilder: DatasetBuilder?
        var coldAnswerWords = WordsSeen()
        var coldLabels = LabelsSeen()
        let coldFiles = try request.cold.map { try expand($0.pattern) } ?? []
        if let spec = request.cold {
            let coldCatalogue = Catalogue(
                programmes: catalogue.programmes, survey: Survey(scale: catalogue.survey.scale, questions: spec.mapping.questions ?? []))
            var cold = DatasetBuilder(catalogue: coldCatalogue, asOf: request.asOf)
            try readResponses(
                coldFiles, schema: .cold(questions: (spec.mapping.questions ?? []).map(\.column)), catalogue: coldCatalogue,
                mapping: spec.mapping, role: "cold", sessions: sessions, into: &cold, answers: &coldAnswerWords, labels: &coldLabels)
            coldBuilder = cold
        }
        // The registers (indicators 31 and 32), when the job gives them: checked like any
        // input, their bad rows rejected; they are not held to max_reject_rate (a few
        // hand-kept rows, each bad one listed).
        var registers = Registers()
        var registerWarnings: [Diagnostic] = []
        var lateRegisterRows: [LateRows] = []
        for (role, spec) in [("complaints", request.complaints), ("actions", request.actions)] {
            guard let spec else { continue }
            var validator = RegisterValidator(catalogue: catalogue, columns: [], mapping: spec.mapping)
            for path in try expand(spec.pattern) {
                let table = try open(path, role == "complaints" ? .complaints : .actions, spec.mapping)
                validator.use(columns: table.columns)
                inputs.append(
                    try stream(table, role: role, rejects: &rejects, sessions: builder.sessions) {
                        (role == "complaints" ? validator.validateComplaint($0) : validator.validateAction($0), -1)
                    })
            }
            if role == "complaints" { registers.complaints = validator.complaints } else { registers.actions = validator.actions }
            // The register's rows dated after the as-of date: left out by `RegisterScope`, counted here.
            var late =
                role == "complaints"
                ? LateRows(file: spec.pattern, column: "date", noun: "entrée du registre", nouns: "entrées du registre")
                : LateRows(file: spec.pattern, column: "decided_on", noun: "action du plan", nouns: "actions du plan")
            let dated: [(Day, String?, String?)] =
                role == "complaints"
                ? validator.complaints.map { ($0.date, $0.programme, $0.session) }
                : validator.actions.map { ($0.decidedOn, $0.programme, $0.session) }
            for (day, programme, session) in dated where LateRows.isAfter(day, asOf: request.asOf) {
                late.add(day, session: programme.flatMap { p in session.map { SessionKey(p, $0) } })
            }
            if late.count > 0 { lateRegisterRows.append(late) }
            for (column, text) in validator.unusedWords {
                registerWarnings.append(
                    Diagnostic(
                        severity: .warning, file: spec.pattern, line: 0, column: nil,
                        message:
                            "values.\(column) du fichier de tâche : \(quoted(text)) ne correspond à aucune valeur de ce registre ; vérifiez son orthographe"
                    ))
            }
        }
        // A registrations export with a header and no row is a broken export, not a quiet
        // month: it must not replace the previous report with an empty one.
        if inputs.filter({ $0.role == "registrations" }).allSatisfy({ $0.rowsRead == 0 }) {
            throw IngestError.noRows(path: registrationFiles.joined(separator: ", "))
        }
        let registrationMap = request.registrations.mapping
        let coldMapping = request.cold?.mapping ?? .none
        let mappingWarnings =
            statusWords.unused(registrationMap.status.keys, entry: "values.status", mapping: registrationMap, files: registrationFiles)
            + attendanceWords.unused(
                registrationMap.attendance.keys, entry: "values.attendance", mapping: registrationMap, files: registrationFiles)
            + roleWords.unused(registrationMap.roles.keys, entry: "values.role", mapping: registrationMap, files: registrationFiles)
            + answerWords.unused(
                request.evaluations.mapping.answers.keys, entry: "answers", mapping: request.evaluations.mapping, files: evaluationFiles)
            + LabelsSeen.unused(
                registrations: (registrationLabels, registrationMap, registrationFiles),
                evaluations: (evaluationLabels, request.evaluations.mapping, evaluationFiles))
            + coldAnswerWords.unused(coldMapping.answers.keys, entry: "answers", mapping: coldMapping, files: coldFiles)
            + coldLabels.unused(coldMapping, files: coldFiles)
        for input in inputs.dropFirst() {
            logger.info(
                "[2/5] contrôle : \(show(input.path)) : \(plural(input.rowsRead, "ligne lue", "lignes lues")), \(plural(input.rejected, "écartée")), \(plural(input.used, "retenue"))"
            )
        }
        // A report of one period lists the rejected rows of its sessions (and those that
        // cannot be placed); the others are counted in one line.
        let periodSessions = Set(MetricsCalculator.sessions(of: catalogue, in: request.period).map(\.key))
        let inScope = rejects.filter { $0.scope(inPeriod: periodSessions) != .outside }
        for line in Self.logLines(
            inScope, perKind: 20, noun: ("ligne écartée", "lignes écartées"), whereToRead: "le fichier CSV des rejets et la feuille Rejets",
            paths: paths, columns: ColumnNames(inputs))
        {
            logger.warning("\(line)")
        }
        if inScope.count < rejects.count {
            let n = rejects.count - inScope.count
            logger.warning(
                "\(outsidePeriod(n, rejected: true)) : toutes dans le fichier CSV des rejets"
            )
        }
        if let limit = request.maxRejectRate {
            for role in ["registrations", "evaluations", "cold"] {
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
        let coldData = coldBuilder?.build()
        logger.info(
            "[3/5] données : \(plural(dataset.registrations.count, "inscription")), \(plural(dataset.responses.count, "réponse")), \(plural(dataset.warnings.count, "doublon")) (\(clock.lap()))"
        )

        // [4/5] metrics, and the detail rows when asked: they need the period, not the
        // figures, so they are built on this core while the figures are computed on the other.
        // Who attended what: built once for both, then let go.
        let participants = ParticipantIndex(dataset)
        let calculator = MetricsCalculator(
            period: request.period, asOf: request.asOf, minGroupSize: request.minGroupSize, trend: request.trend,
            breakdowns: request.analysis.grouping.map { [$0] } ?? [])
        let filter = try Self.resolve(request, data: dataset, index: participants)
        let evidenceBuilder = EvidenceBuilder(period: request.period, asOf: request.asOf, target: request.options.targetSatisfaction)
        var evidence: Evidence?
        let metrics: MetricsResult
        if request.options.participantSheets {
            let figures = Background { calculator.compute(dataset, index: participants, filter: filter) }
            evidence = evidenceBuilder.rows(dataset, index: participants)
            metrics = figures.wait()
        } else {
            metrics = calculator.compute(dataset, index: participants, filter: filter)
        }
        let compared = try Self.compared(request, calculator: calculator, data: dataset, index: participants, filter: filter)
        var emptyInputs: [Diagnostic] = []
        for input in inputs where (input.role == "evaluations" || input.role == "cold") && input.rowsRead == 0 {
            emptyInputs.append(
                Diagnostic(
                    severity: .warning, file: input.path, line: 0, column: nil,
                    message: input.role == "cold"
                        ? "aucune réponse dans ce fichier (un en-tête et aucune ligne) : tous les chiffres à froid sont vides"
                        : "aucune réponse dans ce fichier (un en-tête et aucune ligne) : tous les chiffres de satisfaction sont vides"))
        }
        // The certificates, when asked: each one whose hours are partly to complete is an alert.
        let certificates =
            request.options.certificates
            ? CertificateBuilder(period: request.period, asOf: request.asOf).build(dataset, index: participants) : nil
        // Pseudonyms without the job's secret: keyed with one drawn for this run, said here.
        let pseudonymWarnings =
            request.options.pseudonymise && request.options.pseudonymKey == nil
            ? [
                Diagnostic(
                    severity: .warning, file: request.job ?? "", line: 0, column: nil,
                    message:
                        "pseudonymise sans « pseudonym_key » : les pseudonymes sont tirés pour cette exécution et changeront au prochain rapport ; pour les garder d'un rapport à l'autre, donnez un fichier secret hors du dépôt (docs/jobs.md)"
                )
            ] : []
        let lateRows = dataset.late + (coldData?.late ?? []) + lateRegisterRows
        let warnings =
            pseudonymWarnings + mappingWarnings + registerWarnings + lateRegisterRows.map { $0.diagnostic(asOf: request.asOf) }
            + emptyInputs + dataset.warnings + (coldData?.warnings ?? []) + metrics.warnings
            + (certificates?.warnings ?? [])
        let warningsInScope = warnings.filter { $0.scope(inPeriod: periodSessions) != .outside }
        for line in Self.logLines(
            warningsInScope, perKind: 20, noun: ("alerte", "alertes"), whereToRead: "la feuille Alertes", paths: paths,
            columns: ColumnNames(inputs))
        {
            logger.notice("\(line)")
        }
        if warningsInScope.count < warnings.count {
            let n = warnings.count - warningsInScope.count
            logger.notice(
                "\(outsidePeriod(n, rejected: false))"
            )
        }
        logger.info(
            "[4/5] calculs : \(plural(metrics.sessions.count, "session")), \(plural(metrics.programmes.count, "programme")), \(plural(metrics.cooperatives.count, "coopérative")), \(metrics.months.count) mois, \(plural(warnings.count, "alerte")) (\(clock.lap()))"
        )

        var document = ReportDocument(
            metrics: metrics, inputs: inputs, rejects: rejects, warnings: warnings, toolVersion: Pipeline.toolVersion)
        document.options = request.options
        document.analysis = request.analysis
        document.compared = compared
        document.paths = paths
        document.lateRows = lateRows
        if let evidence {
            document.evidence = evidence.with(evidenceBuilder.improvements(metrics))
            // The benchmark reads this line to have its floor write as many cells.
            logger.info(
                "[4/5] détail : \(evidence.attendance.count) lignes \(EvidenceSheets.attendanceName), \(evidence.journeys.count) lignes Parcours × \(EvidenceSheets.journeyHeaders(EvidenceSheets.sessionCodes(evidence)).count) colonnes"
            )
        }
        document.registers = RegisterReport(
            registers, points: document.evidence?.improvements ?? evidenceBuilder.improvements(metrics), data: dataset,
            period: request.period, asOf: request.asOf, minGroupSize: request.minGroupSize,
            hidden: Set(metrics.sessions.filter(\.figures.suppressed).map(\.session.key)))
        document.cold = coldData.map { ColdReport(cold: $0, metrics: metrics) }
        document.certificates = certificates?.certificates
        if let list = certificates?.certificates {
            let open = list.filter { !$0.toComplete.isEmpty }.count
            logger.info(
                "[4/5] certificats : \(plural(list.count, "certificat de réalisation", "certificats de réalisation"))\(open > 0 ? ", dont \(open) à compléter (feuille Alertes)" : "")"
            )
        }
        if var settings = request.options.bpf {
            settings.trainers = request.options.trainers
            document.bpf = BPF.compute(dataset, metrics: metrics, settings: settings)
        }
        return document
    }

    /// The diagnostics as log lines: the first `perKind` of each kind (file and column) in
    /// full, then one line counting the rest, so that two million duplicates make a few
    /// lines of log, not two hundred megabytes.
    static func logLines(
        _ diagnostics: [Diagnostic], perKind: Int, noun: (one: String, many: String), whereToRead: String,
        paths: DisplayPaths = .currentFolder, columns: ColumnNames = .canonical
    ) -> [String] {
        var seen: [String: Int] = [:]
        var order: [String] = []
        var lines: [String] = []
        for d in diagnostics {
            let kind = d.file + "\u{0}" + (d.column ?? "")
            let n = seen[kind, default: 0]
            if n == 0 { order.append(kind) }
            seen[kind] = n + 1
            if n < perKind { lines.append(d.described(with: paths, columns: columns)) }
        }
        for kind in order {
            guard let n = seen[kind], n > perKind else { continue }
            let parts = kind.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
            let column = parts.count > 1 && !parts[1].isEmpty ? " (colonne « \(columns.show(parts[1], in: parts[0])) »)" : ""
            lines.append(
                "\(parts[0].isEmpty ? "" : paths.show(parts[0]) + " : ")… et \(plural(n - perKind, noun.one, noun.many))\(column) de plus ; toutes dans \(whereToRead)"
            )
        }
        return lines
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
                    message: FreeTextMask.masked(why.reason), raw: fields.raw, redactedRaw: fields.redactedRaw)
                d.value = why.value.map(FreeTextMask.masked)
                if session >= 0 { d.session = sessions.keys[Int(session)] }
                rejects.append(d)
            }
        }
        var summary = InputSummary(role: role, path: table.path, bytes: read.bytes, sha256: read.sha256)
        summary.encoding = table.encodingName
        summary.separator = table.separatorName
        summary.headers = table.headerOf
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
