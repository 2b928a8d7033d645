/// Sessions, Programmes, Coopératives, Mois: one table row per group. What a reader needs
/// comes first and prints on one page wide: the group's name, then every figure; the
/// numerators and denominators of the rates (and the catalogue details a reader rarely
/// needs) follow in a collapsed Excel outline, kept in the sheet but not printed.
enum GroupSheet {
    /// Width of a figure column under its upward header: its numbers, or a note such as
    /// « sans questionnaire » on two lines when the column holds one.
    static func width(_ metric: Metric, holdsNote: Bool) -> Double {
        if holdsNote { return 13.5 }
        switch metric.unit {
        case .euros: return 12
        case .hours: return 8
        default: return 6.5
        }
    }

    static func plan(
        name: String, keyHeaders: [String], rows: [(keys: [Cell], figures: Figures)],
        journeys: Bool, minGroupSize: Int, outlineKeys: [String] = [], outlineKeyCells: (Int) -> [Cell] = { _ in [] }
    ) -> SheetPlan {
        var sheet = SheetPlan(name: name)
        let figures = FigureCells.metrics(journeys: journeys).count
        let figureHeaders = FigureCells.headers(journeys: journeys)
        let headers = keyHeaders + figureHeaders.prefix(figures) + outlineKeys + figureHeaders.dropFirst(figures)
        let keyCount = keyHeaders.count
        sheet.append(headers.enumerated().map { c, h in Cell(.text(h), c < keyCount ? .header : .upwardHeader) })
        for (i, r) in rows.enumerated() {
            let cells = FigureCells.row(r.figures, journeys: journeys, minGroupSize: minGroupSize)
            sheet.append(r.keys + cells.prefix(figures) + outlineKeyCells(i) + cells.dropFirst(figures))
        }
        sheet.frozenRows = 1
        sheet.rowHeights = [0: 120]  // the upward headers, on up to three lines
        sheet.keyColumns = min(keyHeaders.count, 2)
        sheet.targetColumns = FigureCells.targetColumns(journeys: journeys).reduce(into: [:]) { $0[keyHeaders.count + $1.key] = $1.value }
        sheet.tables = [TablePlan(headerRow: 0, firstColumn: 0, lastRow: max(rows.count, 1), headers: headers)]
        sheet.fitColumns(max: 26)
        // Figure headers read upwards: a column is as wide as its numbers.
        let metrics = FigureCells.metrics(journeys: journeys)
        for (i, metric) in metrics.enumerated() {
            let c = keyCount + i
            let holdsNote = sheet.rows.contains { row in
                if row.indices.contains(c), case .note = row[c].value { return true }
                return false
            }
            sheet.columnWidths[c] = width(metric, holdsNote: holdsNote)
        }
        for c in keyCount + figures..<headers.count { sheet.columnWidths[c] = max(sheet.columnWidths[c], 7) }
        sheet.outlineColumns = (keyCount + figures)...(headers.count - 1)
        sheet.pagesWide = 1
        sheet.fitRowHeights()  // notes such as « sans questionnaire » wrap on two lines
        return sheet
    }

    static func sessions(_ m: MetricsResult) -> SheetPlan {
        sessions(m.sessions.map { ($0.session, $0.figures) }, minGroupSize: m.minGroupSize)
    }

    /// Sessions: one row per session (the report's, or one cooperative's share of each).
    static func sessions(_ rows: [(session: Session, figures: Figures)], minGroupSize: Int) -> SheetPlan {
        plan(
            name: "Sessions",
            keyHeaders: ["Programme", "Session", "Intitulé", "Début", "Durée (h)"],
            rows: rows.map { s in
                let x = s.session
                return (
                    [.text(x.programme), .text(x.code), .text(x.title, .wrap), Cell(.date(x.start)), .number(x.hours, .hours)], s.figures
                )
            },
            journeys: false, minGroupSize: minGroupSize,
            outlineKeys: ["Type", "Fin", "Capacité", "Prix HT"],
            outlineKeyCells: { i in
                let x = rows[i].session
                return [
                    .text(SessionKindLabel.french(x.kind)), Cell(.date(x.end)), x.capacity.map(Cell.int) ?? .empty,
                    .number(x.priceHT, .euros),
                ]
            })
    }

    static func programmes(_ m: MetricsResult) -> SheetPlan {
        plan(
            name: "Programmes", keyHeaders: ["Programme", "Intitulé"],
            rows: m.programmes.map { ([.text($0.programme.code), .text($0.programme.title, .wrap)], $0.figures) },
            journeys: true, minGroupSize: m.minGroupSize)
    }

    /// One row per cooperative, then what the rows do not say: who the « Non renseignée »
    /// row is, and the members who sent nobody (GroupSheet+Cooperatives.swift).
    static func cooperatives(_ m: MetricsResult) -> SheetPlan {
        var sheet = plan(
            name: "Coopératives", keyHeaders: ["Coopérative"],
            rows: m.cooperatives.map { ([.text($0.name, .wrap)], $0.figures) },
            journeys: true, minGroupSize: m.minGroupSize)
        appendUnattributed(m, to: &sheet)
        appendWithoutRegistrations(m, to: &sheet)
        return sheet
    }

    /// The month a one-month report is about, shown in bold in Mois.
    static func reportedMonth(_ m: MetricsResult) -> String? {
        guard let from = m.period.from, let to = m.period.to, from.monthKey == to.monthKey else { return nil }
        return from.monthKey
    }

    /// « juin 2022 », in bold for the reported month.
    static func monthCell(_ month: String, reported: String?) -> Cell {
        guard let first = Day(iso: month + "-01") else { return .text(month) }
        return Cell(.month(first), month == reported ? .label : .body)
    }

    static func months(_ m: MetricsResult, _ options: ReportOptions) -> SheetPlan {
        let reported = reportedMonth(m)
        var sheet = plan(
            name: "Mois", keyHeaders: ["Mois"],
            rows: m.months.map { month in ([monthCell(month.month, reported: reported)], month.figures) },
            journeys: false, minGroupSize: m.minGroupSize)
        addTrend(to: &sheet, m, options)
        // The table and its chart on one printed page, while two years of months stay legible.
        if m.months.count <= 24 { sheet.printPagesTall = 1 }
        return sheet
    }

    /// Below the table, the three rates month by month — numbers only, a hidden or empty
    /// figure left blank so that the chart shows a gap, not a zero — and a native line
    /// chart of them.
    static func addTrend(to sheet: inout SheetPlan, _ m: MetricsResult, _ options: ReportOptions) {
        guard !m.months.isEmpty else { return }
        let rates: [Metric] = [.attendanceRate, .satisfactionRate, .responseRate]
        sheet.append([])
        let titleRow = sheet.append([.text("Tendance mensuelle (graphique)", .title)])
        let header = sheet.append([.header("Mois")] + rates.map { Cell(.text($0.label), .upwardHeader) })
        sheet.rowHeights[header] = 80
        let first = sheet.rows.count
        for month in m.months {
            sheet.append([monthCell(month.month, reported: reportedMonth(m))] + rates.map { .number(month.figures.value($0), .percent) })
        }
        let last = sheet.rows.count - 1
        for (i, rate) in rates.enumerated() {
            guard let target = options.target(rate) else { continue }
            sheet.highlights.append(
                Highlight(firstRow: first, firstColumn: i + 1, lastRow: last, lastColumn: i + 1, below: target, above: rate.targetIsCeiling)
            )
        }
        var chart = ChartPlan(
            kind: .line, title: "Présence, satisfaction et réponses par mois",
            series: rates.enumerated().map { i, rate in
                ChartPlan.Series(name: rate.label, categories: (first, 0, last, 0), values: (first, i + 1, last, i + 1))
            },
            anchorRow: titleRow, anchorColumn: 5, valueAxisFormat: ChartPlan.percentAxis, valueAxisTitle: nil)
        chart.monthly = true
        chart.valueAxisMin = 0
        sheet.charts = [chart]
    }
}

/// French names of session kinds.
enum SessionKindLabel {
    static func french(_ kind: Session.Kind) -> String {
        switch kind {
        case .classroom: "Présentiel"
        case .remote: "À distance"
        case .action: "Action (projet)"
        case .extension: "Extension"
        }
    }
}
