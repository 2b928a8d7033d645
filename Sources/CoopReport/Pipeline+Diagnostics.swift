/// What a run says on stderr and in the Alertes sheet: the resolved job, each file's rows,
/// the rejected rows and the alerts.
extension Pipeline {
    /// The resolved job: period, as-of date, output folder, inputs and analysis.
    func announce(_ request: ReportRequest, paths: DisplayPaths) {
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
        if let members = request.members { logger.info("liste des adhérents : \(show(members.pattern))") }
        if let line = Self.analysisLine(request.analysis) { logger.info("\(line)") }
    }

    /// [2/5] validate, concluded: each file's rows read, rejected and kept, the rejected
    /// rows of the period's sessions (the others counted in one line), and the job's
    /// `max_reject_rate`, which stops the run when an export lost too many rows.
    func checkRejects(_ read: ReadInputs, request: ReportRequest, periodSessions: Set<SessionKey>, paths: DisplayPaths) throws {
        for input in read.inputs.dropFirst() {
            logger.info(
                "[2/5] contrôle : \(paths.show(input.path)) : \(plural(input.rowsRead, "ligne lue", "lignes lues")), \(plural(input.rejected, "écartée")), \(plural(input.used, "retenue"))"
            )
        }
        let rejects = read.rejects
        let inScope = rejects.filter { $0.scope(inPeriod: periodSessions) != .outside }
        for line in Self.logLines(
            inScope, perKind: 20, noun: ("ligne écartée", "lignes écartées"), whereToRead: "le fichier CSV des rejets et la feuille Rejets",
            paths: paths, columns: ColumnNames(read.inputs))
        {
            logger.warning("\(line)")
        }
        if inScope.count < rejects.count {
            logger.warning("\(outsidePeriod(rejects.count - inScope.count, rejected: true)) : toutes dans le fichier CSV des rejets")
        }
        guard let limit = request.maxRejectRate else { return }
        for kind in InputKind.allCases.filter(\.isHeldToRejectRate) {
            let mine = read.inputs.filter { $0.role == kind }
            let paths = Set(mine.map(\.path))
            if let error = RejectRateError.check(
                role: kind, read: mine.reduce(0) { $0 + $1.rowsRead }, rejects: rejects.filter { paths.contains($0.file) }, maxRate: limit)
            {
                throw error
            }
        }
    }

    /// [4/5] The run's alerts, in the order the Alertes sheet lists them, logged: those of
    /// the period's sessions (and those of none) in full, the others counted in one line.
    func alerts(
        _ request: ReportRequest, read: ReadInputs, model: Datasets, figures: RunFigures, periodSessions: Set<SessionKey>,
        paths: DisplayPaths
    ) -> [Diagnostic] {
        var emptyInputs: [Diagnostic] = []
        for input in read.inputs where input.rowsRead == 0 {
            guard let message = input.role.emptyFileWarning else { continue }
            emptyInputs.append(Diagnostic(severity: .warning, file: input.path, line: 0, column: nil, message: message))
        }
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
        let warnings =
            pseudonymWarnings + read.mappingWarnings + read.registerWarnings
            + read.lateRegisterRows.map { $0.diagnostic(asOf: request.asOf) } + emptyInputs + read.memberWarnings
            + model.unknownCooperatives + model.data.warnings
            + (model.cold?.warnings ?? []) + figures.metrics.warnings + (figures.certificates?.warnings ?? [])
        let inScope = warnings.filter { $0.scope(inPeriod: periodSessions) != .outside }
        for line in Self.logLines(
            inScope, perKind: 20, noun: ("alerte", "alertes"), whereToRead: "la feuille Alertes", paths: paths,
            columns: ColumnNames(read.inputs))
        {
            logger.notice("\(line)")
        }
        if inScope.count < warnings.count {
            logger.notice("\(outsidePeriod(warnings.count - inScope.count, rejected: false))")
        }
        return warnings
    }

    /// [4/5] What the figures came with: the detail rows and the certificates.
    func announceEvidence(_ figures: RunFigures) {
        if let evidence = figures.evidence {
            // The benchmark reads this line to have its floor write as many cells.
            logger.info(
                "[4/5] détail : \(evidence.attendance.count) lignes \(EvidenceSheets.attendanceName), \(evidence.journeys.count) lignes Parcours × \(EvidenceSheets.journeyHeaders(EvidenceSheets.sessionCodes(evidence)).count) colonnes"
            )
        }
        if let list = figures.certificates?.certificates {
            let open = list.filter { !$0.toComplete.isEmpty }.count
            logger.info(
                "[4/5] certificats : \(plural(list.count, "certificat de réalisation", "certificats de réalisation"))\(open > 0 ? ", dont \(open) à compléter (feuille Alertes)" : "")"
            )
        }
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
}
