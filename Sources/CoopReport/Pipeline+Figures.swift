/// The figures of a run and what is computed beside them, from the datasets.
struct RunFigures {
    let metrics: MetricsResult
    /// The detail rows (Relevé, Parcours), when the job asks for them.
    let evidence: Evidence?
    /// The other period's figures, when the run compares.
    let compared: ComparedPeriod?
    /// The certificates of completion and their alerts, when the job asks for them.
    let certificates: (certificates: [Certificate], warnings: [Diagnostic])?
    /// The BPF, when the job asks for it.
    let bpf: BPF?
    /// Each member cooperative's share, when the job splits the report.
    let cooperatives: CooperativeParts?
}

extension Pipeline {
    /// [4/5] metrics: the figures (filtered as the job says), the other period's, the
    /// certificates and the BPF; and the detail rows when asked: they need the period, not
    /// the figures, so they are built on this core while the figures are computed on the other.
    static func figures(_ request: ReportRequest, model: Datasets) throws -> RunFigures {
        let dataset = model.data
        // Who attended what: built once for all, then let go.
        let participants = ParticipantIndex(dataset)
        let calculator = MetricsCalculator(
            period: request.period, asOf: request.asOf, minGroupSize: request.minGroupSize, trend: request.trend,
            breakdowns: request.analysis.grouping.map { [$0] } ?? [])
        let filter = try resolve(request, data: dataset, index: participants)
        var evidence: Evidence?
        let metrics: MetricsResult
        if request.options.participantSheets {
            let figures = Background { calculator.compute(dataset, index: participants, filter: filter) }
            evidence = evidenceBuilder(request).rows(dataset, index: participants)
            metrics = figures.wait()
        } else {
            metrics = calculator.compute(dataset, index: participants, filter: filter)
        }
        let compared = try compared(request, calculator: calculator, data: dataset, index: participants, filter: filter)
        // The certificates, when asked: each one whose hours are partly to complete is an alert.
        let certificates =
            request.options.certificates
            ? CertificateBuilder(period: request.period, asOf: request.asOf).build(dataset, index: participants) : nil
        var bpf: BPF?
        if var settings = request.options.bpf {
            settings.trainers = request.options.trainers
            bpf = BPF.compute(dataset, metrics: metrics, settings: settings)
        }
        let parts =
            request.options.splitCooperatives
            ? cooperatives(request, calculator: calculator, metrics: metrics, data: dataset, index: participants) : nil
        return RunFigures(
            metrics: metrics, evidence: request.options.participantSheets ? evidence : nil, compared: compared,
            certificates: certificates, bpf: bpf, cooperatives: parts)
    }

    /// Each cooperative's share (`CooperativeParts`): its rows found now, while the
    /// participant index is at hand; its sessions and certificates computed from them as
    /// its workbook is written.
    static func cooperatives(
        _ request: ReportRequest, calculator: MetricsCalculator, metrics: MetricsResult, data: Dataset, index: ParticipantIndex
    ) -> CooperativeParts {
        let source = CooperativeParts.Source(
            data: data, index: index, calculator: calculator,
            certificates: CertificateBuilder(period: request.period, asOf: request.asOf), evidence: evidenceBuilder(request))
        return CooperativeParts.build(metrics: metrics, data: data, index: index, source: source)
    }

    /// The detail rows and the improvement points, as the job's period and target say.
    static func evidenceBuilder(_ request: ReportRequest) -> EvidenceBuilder {
        EvidenceBuilder(period: request.period, asOf: request.asOf, target: request.options.targetSatisfaction)
    }

    /// The report the renderers show, from each stage's value.
    static func document(
        _ request: ReportRequest, read: ReadInputs, model: Datasets, figures: RunFigures, warnings: [Diagnostic], paths: DisplayPaths
    ) -> ReportDocument {
        let metrics = figures.metrics
        var document = ReportDocument(
            metrics: metrics, inputs: read.inputs, rejects: read.rejects, warnings: warnings, toolVersion: Pipeline.toolVersion)
        document.options = request.options
        document.analysis = request.analysis
        document.compared = figures.compared
        document.paths = paths
        document.lateRows = model.lateRows(registers: read.lateRegisterRows)
        let improvements = evidenceBuilder(request).improvements(metrics)
        document.evidence = figures.evidence?.with(improvements)
        document.registers = RegisterReport(
            read.registers, points: improvements, data: model.data, period: request.period, asOf: request.asOf,
            minGroupSize: request.minGroupSize, hidden: Set(metrics.sessions.filter(\.figures.suppressed).map(\.session.key)))
        document.cold = model.cold.map { ColdReport(cold: $0, metrics: metrics) }
        document.members = model.data.members
        document.certificates = figures.certificates?.certificates
        document.bpf = figures.bpf
        if var parts = figures.cooperatives {
            parts.attach(read.rejects) { written, name in document.memberName(of: written) == name }
            document.cooperativeParts = parts
        }
        return document
    }
}
