/// Satisfaction: per question, overall then per session — n, mean, satisfied share and
/// the distribution of answers — with a native chart of the overall distribution.
enum SatisfactionSheet {
    static func plan(_ m: MetricsResult) -> SheetPlan {
        var sheet = SheetPlan(name: "Satisfaction")
        let scale = m.survey.scale
        let values = Array(scale.min...scale.max)
        let valueHeaders = values.map { v in scaleLabels[v].map { "\(v) — \($0)" } ?? "\(v)" }
        let headers =
            ["Portée", "Programme", "Session", "Question", "n", "Moyenne", "Satisfaits (num.)", "Part de satisfaits"]
            + valueHeaders
        sheet.append(headers.map(Cell.header))
        func rows(scope: String, programme: String, session: String, figures: Figures) {
            for (i, q) in m.survey.questions.enumerated() {
                let (n, mean, satisfied) = figures.question(i)
                let tally = figures.tally.questions[i]
                var row: [Cell] = [.text(scope, .wrap), .text(programme), .text(session), .text(q.label), .int(n)]
                if FigureCells.hidesSatisfaction(figures) {
                    // The reason once, then a short note in each hidden figure's cell.
                    let note = FigureCells.suppressedNote(figures, m.minGroupSize)
                    let short = figures.withoutSurvey || figures.tally.responses == 0 ? note : Cell(.note("masqué"))
                    row += [note] + Array(repeating: short, count: 2 + values.count)
                } else {
                    row += [.number(mean, .score), .int(tally.satisfied), .number(satisfied, .percent)]
                    row += tally.distribution.map(Cell.int)
                }
                sheet.append(row)
            }
        }
        rows(scope: "Ensemble", programme: "", session: "", figures: m.overall)
        for s in m.sessions where s.session.survey {
            rows(scope: s.session.title, programme: s.session.programme, session: s.session.code, figures: s.figures)
        }
        let lastRow = sheet.rows.count - 1
        sheet.frozenRows = 1
        sheet.targetColumns = [7: .satisfactionRate]
        sheet.rowHeights = [0: 45]
        sheet.tables = [TablePlan(headerRow: 0, firstColumn: 0, lastRow: max(lastRow, 1), headers: headers)]
        // Moyenne holds the notes of hidden groups: wide enough for « masqué (complément, voir Méthode) » on two lines.
        var widths: [Int: Double] = [0: 34, 1: 11, 2: 9, 3: 24, 4: 7, 5: 17, 6: 11, 7: 12]
        for c in 8..<(8 + values.count) { widths[c] = 13 }
        sheet.fitColumns(fixed: widths)
        sheet.fitRowHeights()  // long session titles and « masqué (< 3 réponses) » on two lines
        let questionCount = m.survey.questions.count
        if questionCount > 0 {
            let firstValue = 8
            sheet.charts = [
                ChartPlan(
                    kind: .barStackedPercent,
                    title: "Répartition des réponses (ensemble)",
                    series: values.enumerated().map { offset, _ in
                        ChartPlan.Series(
                            name: valueHeaders[offset], categories: (1, 3, questionCount, 3),
                            values: (1, firstValue + offset, questionCount, firstValue + offset),
                            color: scaleColor(offset, of: values.count))
                    },
                    anchorRow: lastRow + 2, anchorColumn: 0, valueAxisFormat: ChartPlan.percentAxis, valueAxisTitle: nil)
            ]
        }
        return sheet
    }

    /// The colour of an answer on the scale, from red (the lowest) to green (the highest),
    /// the same in every chart.
    static func scaleColor(_ position: Int, of count: Int) -> UInt32 {
        let palette: [UInt32] = [0xD73027, 0xFC8D59, 0xFEE08B, 0x91CF60, 0x1A9850]
        guard count > 1 else { return palette[4] }
        let i = (Double(position) * Double(palette.count - 1) / Double(count - 1)).rounded()
        return palette[min(palette.count - 1, max(0, Int(i)))]
    }

    /// The French labels of a 1–5 scale.
    static let scaleLabels: [Int: String] = [
        1: "Pas du tout satisfait", 2: "Peu satisfait", 3: "Moyennement satisfait", 4: "Satisfait", 5: "Très satisfait",
    ]
}
