/// What a run reads, once the catalogue is read: the catalogue checked against the job,
/// and the files of each input.
struct Sources {
    /// The catalogue, with the job's survey questions when it gives them.
    let catalogue: Catalogue
    /// The catalogue's line in Synthèse and the manifest; its rows are its sessions.
    let catalogueInput: InputSummary
    /// Each input's files, its pattern expanded, the tool's own outputs left out; the
    /// inputs the job does not give have none.
    let filesByKind: [InputKind: [String]]

    /// The files of `kind`, in the order they are read; none when the job does not give it.
    func files(_ kind: InputKind) -> [String] { filesByKind[kind] ?? [] }
}

extension Pipeline {
    /// What is refused before anything is read: a BPF over a period that is not a calendar
    /// year, and an analysis the job's sheets cannot carry (`checkAnalysis`).
    static func checkRequest(_ request: ReportRequest) throws {
        // The BPF is a calendar year's (cerfa 10443): over any other period it would be wrong.
        if request.options.bpf != nil, !request.period.isCalendarYear {
            throw JobError.invalid(
                path: request.job ?? "", line: request.jobLines["bpf"] ?? 0, keyPath: "bpf",
                message:
                    "le BPF porte sur une année civile : la période doit aller du 1er janvier au 31 décembre d'une même année (trouvé : \(request.period.french))"
            )
        }
        try checkAnalysis(request)
    }

    /// [1/5] ingest: the catalogue (with the job's survey questions, if any), checked
    /// against the job's programme and BPF, and each input's pattern expanded to its files,
    /// no file given for two inputs.
    func ingest(_ request: ReportRequest, paths: DisplayPaths, clock: inout StageClock) throws -> Sources {
        let (catalogueData, loaded) = try InputFile.load(role: .catalogue, path: request.catalogue)
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
        var files: [InputKind: [String]] = [.catalogue: [request.catalogue]]
        for kind in InputKind.allCases {
            guard let pattern = request.input(kind)?.pattern else { continue }
            let (found, skipped) = try InputFiles.expand(pattern, skipping: own)
            for path in skipped {
                logger.notice(
                    "[1/5] lecture : \(paths.show(path)) ignoré : c'est une sortie de coopreport, pas un export (\(paths.show(pattern)))")
            }
            files[kind] = found
        }
        try InputFiles.checkDistinct(InputKind.allCases.compactMap { kind in files[kind].map { (kind, $0) } })
        logger.info(
            "[1/5] lecture : \(plural(catalogue.programmes.count, "programme")), \(plural(catalogueInput.rowsRead, "session")) (\(clock.lap()))"
        )
        return Sources(catalogue: catalogue, catalogueInput: catalogueInput, filesByKind: files)
    }
}
