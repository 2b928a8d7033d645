/// The analysis stage of a run (`Analysis`): the filter met with the data, the breakdown
/// asked, and the other period's figures.
extension Pipeline {
    /// Refuses what the analysis cannot do before anything is read: the evidence sheets
    /// (Relevé, Parcours, certificates, BPF) list people and registrations, not figures, and
    /// are not filtered; a filtered report must not carry them beside filtered figures.
    static func checkAnalysis(_ request: ReportRequest) throws {
        let o = request.options
        // A member's workbook sets its figures beside the federation's: both unfiltered.
        if o.splitCooperatives, !request.analysis.filter.isEmpty || o.certificates {
            throw JobError.invalid(
                path: request.job ?? "ligne de commande", line: request.jobLines["split"] ?? 0, keyPath: "split",
                message: o.certificates
                    ? "les classeurs par coopérative accompagnent le rapport, pas les certificats : retirez « split » ou « certificates »"
                    : "les classeurs par coopérative placent chaque coopérative à côté de toute la fédération : retirez le filtre ou « split »"
            )
        }
        guard !request.analysis.filter.isEmpty, o.participantSheets || o.certificates || o.bpf != nil else { return }
        throw JobError.invalid(
            path: request.job ?? "ligne de commande", line: request.analysis.filter.conditions.first?.line ?? 0, keyPath: "filter",
            message:
                "un filtre restreint les chiffres ; les feuilles de preuve (evidence, detail, certificates, bpf) ne sont pas filtrées : retirez l'un ou l'autre"
        )
    }

    /// The filter resolved against the data: a value no row carries is a job error (exit 64)
    /// naming the nearest value there is.
    static func resolve(_ request: ReportRequest, data: Dataset, index: ParticipantIndex) throws -> ResolvedFilter {
        do {
            return try ResolvedFilter.resolve(request.analysis.filter, data: data, attribution: Attribution(data, index: index))
        } catch {
            let d = error.condition.dimension
            let near = error.nearest.map { " (vouliez-vous dire « \($0) » ?)" } ?? ""
            throw JobError.invalid(
                path: request.job ?? "ligne de commande", line: error.condition.line, keyPath: "filter.\(d.id)",
                message:
                    "\(quoted(error.value)) n'est pas une valeur de « \(d.id) » dans les données\(near) ; valeurs : \(clipped(error.known.map(quoted)))"
            )
        }
    }

    /// The other period's figures (`compare:`), with the same calculator but its period.
    static func compared(
        _ request: ReportRequest, calculator: MetricsCalculator, data: Dataset, index: ParticipantIndex, filter: ResolvedFilter
    ) throws -> ComparedPeriod? {
        guard let rule = request.analysis.compare else { return nil }
        let other: Period
        switch rule.resolve(for: request.period, catalogue: data.catalogue) {
        case .success(let p): other = p
        case .failure(let why):
            throw JobError.invalid(path: request.job ?? "ligne de commande", line: 0, keyPath: "compare", message: why.description)
        }
        let before = MetricsCalculator(
            period: other, asOf: calculator.asOf, minGroupSize: calculator.minGroupSize, breakdowns: calculator.breakdowns)
        let m = before.compute(data, index: index, filter: filter)
        return ComparedPeriod(period: other, overall: m.overall, breakdown: m.breakdowns.first)
    }

    /// The log line saying what the run restricts, breaks down and compares.
    static func analysisLine(_ a: Analysis) -> String? {
        guard !a.isEmpty else { return nil }
        var parts: [String] = []
        if !a.filter.isEmpty { parts.append("filtre \(a.filter.french)") }
        if !a.by.isEmpty { parts.append("ventilation \(a.by.map(\.byLabel).joined(separator: " et "))") }
        if let c = a.compare {
            switch c {
            case .previousEdition: parts.append("comparaison avec l'édition précédente")
            case .period(let p): parts.append("comparaison avec \(p.programme ?? p.french)")
            }
        }
        return "analyse : " + parts.joined(separator: ", ")
    }
}
