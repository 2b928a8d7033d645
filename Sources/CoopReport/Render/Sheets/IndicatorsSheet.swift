/// Indicateurs: the Qualiopi indicators in the reference's words (`QualiopiIndicator.all`),
/// one block per indicator and one row per figure: the period as dates, the figure, its
/// numerator and denominator, the population and its size N, the method, a link to the
/// sheet holding the evidence, and what the data cannot evidence. The figures of
/// metrics.md are the overall ones of metrics.json.
enum IndicatorsSheet {
    static let headers = [
        "N°", "Indicateur (texte du référentiel)", "Figure", "Chiffre", "Numérateur", "Dénominateur", "N", "Dates des données",
        "Population", "Méthode", "Preuve", "Ce que les données ne prouvent pas",
    ]
    static let numberHeaders: Set<String> = ["N°", "Chiffre", "Numérateur", "Dénominateur", "N"]
    /// The value column, highlighted when a rate misses its target.
    static let valueColumn = 3

    /// The sheet, linking only to sheets the workbook has (`sheetNames`, in tab order).
    static func plan(_ doc: ReportDocument, sheetNames: [String]) -> SheetPlan {
        let m = doc.metrics
        var sheet = SheetPlan(name: "Indicateurs")
        sheet.append(headers.map { Cell(.text($0), numberHeaders.contains($0) ? .numberHeader : .header) })
        for indicator in QualiopiIndicator.all {
            for (i, figure) in indicator.figures.enumerated() {
                let first = i == 0
                var cells: [Cell] = [
                    first ? .int(indicator.number) : .empty, first ? Cell(.text(indicator.text), .wrap) : .empty,
                ]
                // The dates of the data the figure rests on (the entries', the answers'…), not the period's.
                let dates = figure.dates.map { $0.text(doc) }.joined(separator: "\n")
                let shown = figureRow(figure, doc)
                cells += [
                    Cell(.text(shown.label), .labelWrap), shown.value, shown.numerator, shown.denominator, shown.n,
                    Cell(.text(dates), .wrap), Cell(.text(figure.population), .wrap), Cell(.text(shown.method), .wrap),
                ]
                if let metric = shown.target, let h = Highlight.of(metric, row: sheet.rows.count, column: valueColumn, doc.options) {
                    sheet.highlights.append(h)
                }
                cells.append(evidenceLink(figure.evidence, sheetNames))
                cells.append(first ? Cell(.text(indicator.cannotEvidence), .wrap) : .empty)
                sheet.append(cells)
            }
        }
        sheet.append([])
        // In the wide text column, wrapped: a note past the table's edge would widen the print.
        sheet.append([
            .empty,
            Cell(
                .text(
                    "Période du rapport : \(periodDates(m)), arrêté au \(m.asOf.french) ; les données datées après l'arrêté ne comptent dans aucun chiffre (feuille Alertes). « Dates des données » donne, pour chaque chiffre, les dates de ce qu'il compte : les sessions pour les inscriptions et la présence, les réponses pour les questionnaires, les entrées pour les registres. Textes des indicateurs cités du Référentiel national qualité (décret n° 2019-565 du 6 juin 2019), tels que les reprend son guide de lecture (version 9). Les chiffres sont ceux de l'ensemble de la période : ceux de metrics.md sont identiques à metrics.json (« overall »), ceux des registres et du questionnaire à froid à ses blocs « registers » et « cold » ; le contrôle du catalogue (indicateur 1) est détaillé dans la feuille Catalogue."
                ), .wrap),
        ])
        sheet.frozenRows = 1
        sheet.keyColumns = 1
        sheet.pagesWide = 1
        sheet.fitColumns(fixed: [0: 5, 1: 38, 2: 18, 3: 10, 4: 13, 5: 14, 6: 7, 7: 19, 8: 20, 9: 36, 10: 14, 11: 34])
        sheet.fitRowHeights()
        return sheet
    }

    /// A figure's cells, the same for a figure of metrics.md and an evidence figure.
    struct FigureRow {
        let label: String
        let value: Cell, numerator: Cell, denominator: Cell, n: Cell
        /// The definition, and what the figure found missing.
        let method: String
        /// The figure whose target the value is compared with (a figure of metrics.md).
        let target: Metric?
    }

    /// What one figure row shows: a figure of metrics.md is the overall figure of
    /// metrics.json, an evidence figure is `EvidenceFigure`'s value for the report.
    static func figureRow(_ figure: IndicatorFigure, _ doc: ReportDocument) -> FigureRow {
        let m = doc.metrics
        switch figure.source {
        case .metric(let metric, let n):
            let f = m.overall
            let parts = metric.parts == nil ? [.empty, .empty] : FigureCells.parts(metric, f, minGroupSize: m.minGroupSize)
            return FigureRow(
                label: figure.label ?? metric.label, value: FigureCells.value(metric, f, minGroupSize: m.minGroupSize),
                numerator: parts[0], denominator: parts[1], n: .number(population(n ?? metric, f), .integer),
                method: metric.definition, target: metric)
        case .evidence(let evidence):
            let v = doc.value(evidence)
            return FigureRow(
                label: figure.label ?? evidence.label, value: FigureCells.value(evidence, v), numerator: .number(v.numerator, .integer),
                denominator: .number(v.denominator, .integer), n: .number(v.n, .integer),
                method: v.remark.map { evidence.definition + " " + $0 } ?? evidence.definition, target: nil)
        }
    }

    /// The period as dates: the job's bounds when it has both, else the first start and the
    /// last end of the sessions it covers; in words when it has no session.
    static func periodDates(_ m: MetricsResult) -> String {
        if let from = m.period.from, let to = m.period.to { return "du \(from.french) au \(to.french)" }
        guard let first = m.sessions.map(\.session.start).min(), let last = m.sessions.map(\.session.end).max() else {
            return m.period.french
        }
        return "du \(first.french) au \(last.french)"
    }

    /// The size of a figure's population: a rate's denominator, else the figure's value.
    static func population(_ metric: Metric, _ f: Figures) -> Double? {
        if metric.parts != nil { return f.ratio(metric)?.denominator }
        return f.value(metric)
    }

    /// A link to the first of the sheets the workbook has, or a note naming the sheet
    /// the evidence would be in.
    static func evidenceLink(_ candidates: [String], _ sheetNames: [String]) -> Cell {
        if let name = candidates.first(where: sheetNames.contains) { return Cell(.link(sheet: name, text: name)) }
        return Cell(.note("pas de feuille « \(candidates.first ?? "") » dans ce classeur"))
    }
}
