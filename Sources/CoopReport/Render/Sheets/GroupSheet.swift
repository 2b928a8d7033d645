/// Sessions, Programmes, Coopératives, Mois: one table row per group, every figure with
/// the numerator and denominator of each rate.
enum GroupSheet {
    static func plan(
        name: String, keyHeaders: [String], rows: [(keys: [Cell], figures: Figures)],
        journeys: Bool, minGroupSize: Int
    ) -> SheetPlan {
        var sheet = SheetPlan(name: name)
        let headers = keyHeaders + FigureCells.headers(journeys: journeys)
        sheet.append(headers.map(Cell.header))
        for r in rows {
            sheet.append(r.keys + FigureCells.row(r.figures, journeys: journeys, minGroupSize: minGroupSize))
        }
        sheet.frozenRows = 1
        sheet.rowHeights = [0: 45]  // three lines of wrapped header
        sheet.keyColumns = min(keyHeaders.count, 2)
        sheet.targetColumns = FigureCells.targetColumns(journeys: journeys).map { keyHeaders.count + $0 }
        sheet.tables = [TablePlan(headerRow: 0, firstColumn: 0, lastRow: max(rows.count, 1), headers: headers)]
        sheet.fitColumns(max: 40)
        // Figure headers are long; wrap them instead of widening every column.
        for c in keyHeaders.count..<sheet.columnWidths.count { sheet.columnWidths[c] = 14 }
        sheet.fitRowHeights()  // notes such as « sans questionnaire » wrap on two lines
        return sheet
    }

    static func sessions(_ m: MetricsResult) -> SheetPlan {
        plan(
            name: "Sessions",
            keyHeaders: ["Programme", "Session", "Intitulé", "Type", "Début", "Fin", "Durée (h)", "Capacité", "Prix HT"],
            rows: m.sessions.map { s in
                let x = s.session
                return (
                    [
                        .text(x.programme), .text(x.code), .text(x.title), .text(SessionKindLabel.french(x.kind)),
                        Cell(.date(x.start)), Cell(.date(x.end)), .number(x.hours, .hours),
                        x.capacity.map(Cell.int) ?? .empty, .number(x.priceHT, .euros),
                    ], s.figures
                )
            },
            journeys: false, minGroupSize: m.minGroupSize)
    }

    static func programmes(_ m: MetricsResult) -> SheetPlan {
        plan(
            name: "Programmes", keyHeaders: ["Programme", "Intitulé"],
            rows: m.programmes.map { ([.text($0.programme.code), .text($0.programme.title)], $0.figures) },
            journeys: true, minGroupSize: m.minGroupSize)
    }

    static func cooperatives(_ m: MetricsResult) -> SheetPlan {
        plan(
            name: "Coopératives", keyHeaders: ["Coopérative"],
            rows: m.cooperatives.map { ([.text($0.name)], $0.figures) },
            journeys: true, minGroupSize: m.minGroupSize)
    }

    static func months(_ m: MetricsResult) -> SheetPlan {
        var sheet = plan(
            name: "Mois", keyHeaders: ["Mois"],
            rows: m.months.map { month in
                let first = Day(iso: month.month + "-01")
                return ([first.map { Cell(.month($0)) } ?? .text(month.month)], month.figures)
            },
            journeys: false, minGroupSize: m.minGroupSize)
        addTrend(to: &sheet, m)
        return sheet
    }

    /// Below the table, the three rates month by month — numbers only, a hidden or empty
    /// figure left blank so that the chart shows a gap, not a zero — and a native line
    /// chart of them.
    static func addTrend(to sheet: inout SheetPlan, _ m: MetricsResult) {
        guard !m.months.isEmpty else { return }
        let rates: [Metric] = [.attendanceRate, .satisfactionRate, .responseRate]
        sheet.append([])
        let titleRow = sheet.append([.text("Tendance mensuelle (graphique)", .title)])
        sheet.append([.header("Mois")] + rates.map { Cell(.text($0.label), .numberHeader) })
        let first = sheet.rows.count
        for month in m.months {
            let label = Day(iso: month.month + "-01").map { Cell(.month($0)) } ?? .text(month.month)
            sheet.append([label] + rates.map { .number(month.figures.value($0), .percent) })
        }
        let last = sheet.rows.count - 1
        var chart = ChartPlan(
            kind: .line, title: "Présence, satisfaction et réponses par mois",
            series: rates.enumerated().map { i, rate in
                ChartPlan.Series(name: rate.label, categories: (first, 0, last, 0), values: (first, i + 1, last, i + 1))
            },
            anchorRow: titleRow, anchorColumn: 5, valueAxisFormat: "0%", valueAxisTitle: nil)
        chart.monthly = true
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
