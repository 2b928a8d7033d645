/// Synthèse: the page the board reads, printed on one A4 landscape page — the period, the
/// key figures against their targets, a small table and a chart per programme, one line
/// on data quality. Below the printed page: every overall figure with its numerator and
/// denominator, and the inputs read.
enum SummarySheet {
    /// The key figures of the printed page, in the order `reports.md` gives them (the
    /// Analyse sheet's default figures too).
    static let keyFigures = Analysis.keyFigures

    /// The rates of the per-programme table (and of the chart: the first three).
    static let programmeFigures: [Metric] = [
        .registered, .participants, .attendanceRate, .satisfactionRate, .objectivesMetRate, .responseRate, .completionRate,
        .dropoutRate,
    ]

    /// Programmes listed on the printed page; the others are counted and found on the
    /// Programmes sheet, so that the page stays one page.
    static let programmesShown = 10

    /// Column widths: labels, value, « (69 / 73) », target, flag, then the chart's columns.
    static let widths: [Double] = [34, 11, 18, 11, 18, 11, 11, 11, 11, 11, 11]

    static func plan(_ doc: ReportDocument) -> SheetPlan {
        var sheet = SheetPlan(name: "Synthèse")
        header(doc, into: &sheet)
        let chartRow = sheet.rows.count
        keyFigureRows(doc, into: &sheet)
        // The chart stands right of the key figures; the programme table starts below both.
        while sheet.rows.count < chartRow + chartRows + 1 { sheet.append([]) }
        programmeTable(doc, chartRow: chartRow, into: &sheet)
        evolution(doc, into: &sheet)
        sheet.append([])
        sheet.append([.text(dataQuality(doc), doc.whatToRead == nil ? .body : .warning)])
        sheet.append([
            .text(
                "coopreport \(doc.toolVersion) — détail de chaque chiffre : feuilles Sessions, Programmes, Coopératives, Mois ; définitions : feuille Méthode."
            )
        ])
        sheet.printArea = (sheet.rows.count - 1, widths.count - 1)
        sheet.printPagesTall = 1
        sheet.append([])
        sheet.append([])
        allFigures(doc, into: &sheet)
        inputs(doc, into: &sheet)
        sheet.columnWidths = widths
        return sheet
    }

    /// Rows the chart covers (288 pixels at 24 pixels a row).
    static let chartRows = 12

    static func header(_ doc: ReportDocument, into sheet: inout SheetPlan) {
        let m = doc.metrics
        sheet.append([.text("Rapport de formation — synthèse", .title)])
        if let note = doc.emptyPeriodNote { sheet.append([.text(note, .warning)]) }
        sheet.append([.text("Période", .label), .text(periodText(m))])
        sheet.append([.text("Date d'arrêté", .label), Cell(.date(m.asOf))])
        for note in m.notes { sheet.append([.text("Note", .label), .text(note)]) }
        if !m.filter.isEmpty {
            sheet.append([.text("Filtre", .label), .text("\(m.filter.french) : les chiffres ne portent que sur ce groupe", .warning)])
        }
        sheet.append([])
        sheet.append([
            .header("Chiffres clés"), Cell(.text("Valeur"), .numberHeader), .header("Détail"),
            Cell(.text("Cible"), .numberHeader), .header("Écart"),
        ])
    }

    /// The period as dates: the job's dates, or those of the sessions it covers.
    static func periodText(_ m: MetricsResult) -> String {
        guard m.period.from == nil || m.period.to == nil,
            let first = m.sessions.map(\.session.start).min(), let last = m.sessions.map(\.session.end).max()
        else { return m.period.french }
        return "\(m.period.french) (du \(first.french) au \(last.french))"
    }

    static func keyFigureRows(_ doc: ReportDocument, into sheet: inout SheetPlan) {
        let m = doc.metrics
        for metric in keyFigures {
            let value = FigureCells.value(metric, m.overall, minGroupSize: m.minGroupSize)
            var detail = ""
            if let r = m.overall.ratio(metric), case .value = m.overall.state(metric) {
                detail = "(\(integer(r.numerator)) / \(integer(r.denominator))\(metric.scope == .journeys ? " parcours" : ""))"
            }
            let target = doc.options.target(metric)
            var row: [Cell] = [.text(metric.label, .label), value, .text(detail)]
            row.append(target.map { Cell(.number($0, metric.targetIsCeiling ? .atMost : .atLeast)) } ?? .empty)
            row.append(gap(metric, m.overall, target))
            let r = sheet.append(row)
            sheet.rowHeights[r] = 18
            if let h = Highlight.of(metric, row: r, column: 1, doc.options) { sheet.highlights.append(h) }
        }
        sheet.append([
            .text(
                "Participants, achèvement et abandon : parcours des programmes entiers à la date d'arrêté, pas seulement des sessions de la période."
            )
        ])
    }

    /// « ▼ sous la cible » in red when a figure misses its target, « atteinte » when it
    /// meets it, nothing without a target or a figure.
    static func gap(_ metric: Metric, _ f: Figures, _ target: Double?) -> Cell {
        guard let target, case .value(let v) = f.state(metric) else { return .empty }
        if metric.targetIsCeiling { return v > target ? .text("▲ au-dessus du plafond", .warning) : .text("atteinte") }
        return v < target ? .text("▼ sous la cible", .warning) : .text("atteinte")
    }

    static func integer(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }

    static func programmeTable(_ doc: ReportDocument, chartRow: Int, into sheet: inout SheetPlan) {
        let m = doc.metrics
        sheet.append([.text("Par programme", .title)])
        let headerRow = sheet.append(
            [.header("Programme")] + programmeFigures.map { Cell(.text($0.label), .numberHeader) })
        sheet.rowHeights[headerRow] = 30
        let shown = m.programmes.prefix(programmesShown)
        for p in shown {
            let r = sheet.append(
                [.text("\(p.programme.code) — \(p.programme.title)", .wrap)]
                    + programmeFigures.map { FigureCells.value($0, p.figures, minGroupSize: m.minGroupSize) })
            for (i, metric) in programmeFigures.enumerated() {
                if let h = Highlight.of(metric, row: r, column: i + 1, doc.options) { sheet.highlights.append(h) }
            }
        }
        if m.programmes.count > shown.count {
            sheet.append([.text("… et \(m.programmes.count - shown.count) autres programmes : feuille Programmes.")])
        }
        let total = sheet.append(
            [.text("Ensemble", .label)] + programmeFigures.map { FigureCells.value($0, m.overall, minGroupSize: m.minGroupSize) })
        for (i, metric) in programmeFigures.enumerated() {
            if let h = Highlight.of(metric, row: total, column: i + 1, doc.options) { sheet.highlights.append(h) }
        }
        sheet.columnWidths = widths
        sheet.fitRowHeights()
        guard !shown.isEmpty else { return }
        let first = headerRow + 1
        let last = headerRow + shown.count
        sheet.charts = [
            ChartPlan(
                kind: .column, title: "Présence, satisfaction et objectifs par programme",
                series: programmeFigures.enumerated().filter {
                    [.attendanceRate, .satisfactionRate, .objectivesMetRate].contains($0.element)
                }
                .map { i, metric in
                    ChartPlan.Series(name: metric.label, categories: (first, 0, last, 0), values: (first, i + 1, last, i + 1))
                },
                anchorRow: chartRow, anchorColumn: 5, valueAxisFormat: ChartPlan.percentAxis, valueAxisTitle: nil, valueAxisMin: 0,
                valueAxisMax: 1, scale: (1, 1))
        ]
    }

    /// « Évolution »: the key figures beside the other period's (`compare:`), with the gap
    /// in points; nothing when the run does not compare. The detail, with N, is on Analyse.
    static func evolution(_ doc: ReportDocument, into sheet: inout SheetPlan) {
        guard let c = doc.compared else { return }
        let m = doc.metrics
        sheet.append([])
        sheet.append([.text("Évolution — comparée à \(c.label)", .title)])
        sheet.append([
            .header("Indicateur"), Cell(.text(m.period.programme ?? "Période"), .numberHeader), Cell(.text(c.label), .numberHeader),
            Cell(.text("Écart"), .numberHeader),
        ])
        for metric in keyFigures {
            sheet.append([
                .text(metric.label, .label), FigureCells.value(metric, m.overall, minGroupSize: m.minGroupSize),
                FigureCells.value(metric, c.overall, minGroupSize: m.minGroupSize),
                FigureCells.gap(metric, m.overall, c.overall),
            ])
        }
        sheet.append([
            .text("Mêmes définitions et même date d'arrêté ; l'écart d'un taux est en points ; détail et effectifs : feuille Analyse.")
        ])
    }

    /// « Qualité des données : » and what to read, or that there is nothing.
    static func dataQuality(_ doc: ReportDocument) -> String {
        "Qualité des données : \(doc.whatToRead ?? "aucune ligne écartée, aucune alerte")."
    }

    /// Every overall figure with its numerator, denominator and target: the reference
    /// below the printed page.
    static func allFigures(_ doc: ReportDocument, into sheet: inout SheetPlan) {
        let m = doc.metrics
        sheet.append([.text("Tous les indicateurs (ensemble de la période)", .title)])
        sheet.append([
            .header("Indicateur"), Cell(.text("Valeur"), .numberHeader), Cell(.text("Numérateur"), .numberHeader),
            Cell(.text("Dénominateur"), .numberHeader), Cell(.text("Cible"), .numberHeader),
        ])
        for metric in Metric.allCases {
            let parts = metric.parts == nil ? [Cell.empty, .empty] : FigureCells.parts(metric, m.overall, minGroupSize: m.minGroupSize)
            let target = doc.options.target(metric).map { Cell(.number($0, metric.targetIsCeiling ? .atMost : .atLeast)) } ?? .empty
            let r = sheet.append(
                [.text(metric.label, .label), FigureCells.value(metric, m.overall, minGroupSize: m.minGroupSize)] + parts + [target])
            if let h = Highlight.of(metric, row: r, column: 1, doc.options) { sheet.highlights.append(h) }
        }
        sheet.append([
            .text("Taille minimale des groupes", .label), .int(m.minGroupSize),
            .text("Les indicateurs de satisfaction d'un groupe de moins de \(m.minGroupSize) réponses sont masqués."),
        ])
    }

    static func inputs(_ doc: ReportDocument, into sheet: inout SheetPlan) {
        sheet.append([])
        sheet.append([.text("Fichiers d'entrée", .title)])
        sheet.append([
            .header("Fichier"), .header("Rôle"), Cell(.text("Lignes lues"), .numberHeader),
            Cell(.text("Rejetées"), .numberHeader), Cell(.text("Utilisées"), .numberHeader),
            .header("Encodage"), .header("Séparateur"),
        ])
        for input in doc.inputs {
            sheet.append([
                .text(doc.paths.show(input.path)), .text(input.role.french), .int(input.rowsRead), .int(input.rejected), .int(input.used),
                .text(input.encoding ?? ""), .text(input.separator.map(separatorName) ?? ""),
            ])
        }
    }

    /// Says which detail sheets continue on numbered sheets (Excel stops at 1,048,576 rows).
    static func noteSplits(_ detail: [SheetPlan], in summary: inout SheetPlan) {
        let continued = detail.filter { $0.name.hasSuffix(")") }
        guard !continued.isEmpty else { return }
        summary.append([])
        var bases: [String] = []
        for sheet in detail where !sheet.name.hasSuffix(")") && !bases.contains(sheet.name) { bases.append(sheet.name) }
        for base in bases {
            let parts = detail.filter { $0.name == base || $0.name.hasPrefix(base + " (") }
            guard parts.count > 1 else { continue }
            let rows = parts.reduce(0) { $0 + $1.rowCount - 1 }
            summary.append([
                .text("Feuilles continuées", .label),
                .text(
                    "\(base) : \(rows) lignes réparties sur \(parts.count) feuilles (\(parts.map(\.name).joined(separator: ", "))) — une feuille Excel contient au plus 1 048 576 lignes.",
                    .warning),
            ])
        }
    }

    static func separatorName(_ s: String) -> String {
        switch s {
        case ";": "point-virgule"
        case ",": "virgule"
        case "\t": "tabulation"
        default: s
        }
    }
}
