/// Analyse: the answer to an ad hoc question (`by:`, `compare:`). The breakdown's groups ×
/// the key figures of Synthèse (or the job's `figures:`), each rate with its N beside it,
/// small groups hidden as everywhere, an « Ensemble » row and a chart; then, when the run
/// compares, the same figures for both periods with their N and the gap in points. A view
/// of the figure table: nothing is computed here.
enum AnalysisSheet {
    static let name = "Analyse"

    static func plan(_ doc: ReportDocument) -> SheetPlan? {
        let m = doc.metrics
        let table = m.breakdowns.first
        guard table != nil || doc.compared != nil else { return nil }
        var sheet = SheetPlan(name: name)
        let figures = doc.analysis.shownFigures
        sheet.append([.text(title(doc), .title)])
        if !m.filter.isEmpty { sheet.append([.text("Filtre : \(m.filter.french)", .label)]) }
        if m.leftOut.responses > 0 {
            sheet.append([
                .text(
                    "\(plural(m.leftOut.responses, "réponse")) sans inscription ni coopérative renseignée : laissée\(m.leftOut.responses > 1 ? "s" : "") de côté par le filtre (elle\(m.leftOut.responses > 1 ? "s" : "") ne peu\(m.leftOut.responses > 1 ? "vent" : "t") être attribuée\(m.leftOut.responses > 1 ? "s" : "")).",
                    .warning)
            ])
        }
        if let table {
            if table.grouping.dimensions.contains(where: \.overlaps) {
                sheet.append([
                    .text(
                        "Une session animée par deux formateurs compte pour chacun : les groupes se recouvrent, leur somme n'est pas l'ensemble.",
                        .warning)
                ])
            }
            if !table.grouping.carriesJourneys, figures.contains(where: { $0.scope == .journeys }) {
                sheet.append([
                    .text(
                        "Achèvement et abandon portent sur des parcours de programme entiers : ils ne se ventilent pas \(table.grouping.dimensions.map(\.byLabel).joined(separator: " et ")) (cellules vides)."
                    )
                ])
            }
            breakdown(table, figures: figures, doc, into: &sheet)
        }
        if let compared = doc.compared {
            sheet.append([])
            evolution(compared, figures: figures, doc, into: &sheet)
        }
        sheet.fitColumns(max: 40)
        if let table {
            // Figure columns read upwards (as on the group sheets): as wide as their numbers,
            // or a note such as « masqué (< 3 réponses) » on two lines; N columns narrower.
            for (metric, column) in columns(figures, after: table.grouping.dimensions.count) {
                let holdsNote = sheet.rows.contains { row in
                    if row.indices.contains(column), case .note = row[column].value { return true }
                    return false
                }
                sheet.columnWidths[column] = GroupSheet.width(metric, holdsNote: holdsNote)
                if metric.parts != nil { sheet.columnWidths[column + 1] = 6 }
            }
            if doc.compared != nil {
                // The Évolution block below uses the same columns: keep them readable.
                for c in 0..<min(6, sheet.columnWidths.count) { sheet.columnWidths[c] = max(sheet.columnWidths[c], c == 0 ? 28 : 12) }
            }
        }
        sheet.pagesWide = 1
        sheet.fitRowHeights()
        sheet.frozenRows = 0
        return sheet
    }

    static func title(_ doc: ReportDocument) -> String {
        var parts: [String] = []
        if let table = doc.metrics.breakdowns.first { parts.append(table.grouping.dimensions.map(\.byLabel).joined(separator: " et ")) }
        if let c = doc.compared { parts.append("comparée à \(c.label)") }
        return "Analyse — " + parts.joined(separator: ", ")
    }

    /// Column headers: the dimensions, then each figure and, for a rate, its N.
    static func headers(_ grouping: Grouping, figures: [Metric]) -> [String] {
        grouping.dimensions.map(\.label) + figures.flatMap { $0.parts == nil ? [$0.label] : [$0.label, "N (\($0.label.lowercased()))"] }
    }

    /// A group's cells: each figure as everywhere (`FigureCells`), and a rate's N: its
    /// denominator, shown even when the rate is hidden (`Figures.shownParts`).
    static func cells(_ f: Figures, figures: [Metric], minGroupSize: Int) -> [Cell] {
        figures.flatMap { metric -> [Cell] in
            let value = FigureCells.value(metric, f, minGroupSize: minGroupSize)
            guard metric.parts != nil else { return [value] }
            return [value, .number(f.shownParts(metric)?.denominator, .integer)]
        }
    }

    static func breakdown(_ table: FigureTable, figures: [Metric], _ doc: ReportDocument, into sheet: inout SheetPlan) {
        let m = doc.metrics
        let keys = table.grouping.dimensions.count
        let headerRow = sheet.append(
            headers(table.grouping, figures: figures).enumerated().map { c, h in Cell(.text(h), c < keys ? .header : .upwardHeader) })
        sheet.rowHeights[headerRow] = 90
        for g in table.groups {
            sheet.append(g.names.map { Cell.text($0, .wrap) } + cells(g.figures, figures: figures, minGroupSize: m.minGroupSize))
        }
        let last = sheet.rows.count - 1
        let total = sheet.append(
            [Cell.text("Ensemble", .label)] + Array(repeating: Cell.empty, count: keys - 1)
                + cells(m.overall, figures: figures, minGroupSize: m.minGroupSize))
        sheet.tables.append(
            TablePlan(
                headerRow: headerRow, firstColumn: 0, lastRow: max(last, headerRow + 1), headers: headers(table.grouping, figures: figures))
        )
        // Rates that miss their target show in red, as on every sheet.
        for (metric, column) in columns(figures, after: keys) {
            if let target = doc.options.target(metric) {
                sheet.highlights.append(
                    Highlight(
                        firstRow: headerRow + 1, firstColumn: column, lastRow: total, lastColumn: column, below: target,
                        above: metric.targetIsCeiling))
            }
        }
        guard !table.groups.isEmpty else { return }
        // The chart: the first three rates, one bar per group (the first dimension's name).
        let series = columns(figures, after: keys).filter { $0.metric.unit == .rate }.prefix(3).map { metric, column in
            ChartPlan.Series(name: metric.label, categories: (headerRow + 1, 0, last, 0), values: (headerRow + 1, column, last, column))
        }
        guard !series.isEmpty else { return }
        sheet.charts.append(
            ChartPlan(
                kind: .column, title: title(doc), series: Array(series), anchorRow: total + 2, anchorColumn: 0,
                valueAxisFormat: ChartPlan.percentAxis, valueAxisTitle: nil, valueAxisMin: 0, valueAxisMax: 1))
    }

    /// Each figure's column, counted from `after` (the group's name columns): a rate is
    /// followed by its N (`headers`, `cells`).
    static func columns(_ figures: [Metric], after first: Int) -> [(metric: Metric, column: Int)] {
        var column = first
        return figures.map { metric in
            defer { column += metric.parts == nil ? 1 : 2 }
            return (metric, column)
        }
    }

    /// « Évolution »: each figure for this period and the other, with their N and the gap.
    static func evolution(_ c: ComparedPeriod, figures: [Metric], _ doc: ReportDocument, into sheet: inout SheetPlan) {
        let m = doc.metrics
        sheet.append([.text("Évolution : cette période comparée à \(c.label)", .title)])
        sheet.append([.text("Mêmes définitions, même filtre, même date d'arrêté (\(m.asOf.french)) ; l'écart d'un taux est en points.")])
        sheet.append([
            .header("Indicateur"), Cell(.text(m.period.programme ?? "Période"), .numberHeader), Cell(.text("N"), .numberHeader),
            Cell(.text(c.label), .numberHeader), Cell(.text("N"), .numberHeader), Cell(.text("Écart"), .numberHeader),
        ])
        for metric in figures {
            func n(_ f: Figures) -> Cell { .number(f.shownParts(metric)?.denominator, .integer) }
            sheet.append([
                .text(metric.label, .label), FigureCells.value(metric, m.overall, minGroupSize: m.minGroupSize), n(m.overall),
                FigureCells.value(metric, c.overall, minGroupSize: m.minGroupSize), n(c.overall),
                FigureCells.gap(metric, m.overall, c.overall),
            ])
        }
    }
}
