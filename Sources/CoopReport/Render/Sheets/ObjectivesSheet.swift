/// Objectifs: per session and objective (the catalogue's wording): n, mean, share met.
enum ObjectivesSheet {
    static func plan(_ m: MetricsResult) -> SheetPlan {
        var sheet = SheetPlan(name: "Objectifs")
        let headers = ["Programme", "Session", "N°", "Objectif", "n", "Moyenne", "Atteints (num.)", "Part atteinte"]
        sheet.append(headers.map(Cell.header))
        for s in m.sessions {
            for o in s.objectives {
                var row: [Cell] = [
                    .text(s.session.programme), .text(s.session.code), .int(o.number),
                    Cell(.text(o.wording ?? "(objectif \(o.number) non décrit au catalogue)"), .wrap), .int(o.n),
                ]
                if FigureCells.hidesSatisfaction(s.figures) {
                    row += Array(repeating: FigureCells.suppressedNote(s.figures, m.minGroupSize), count: 3)
                } else {
                    row += [
                        .number(o.n == 0 ? nil : Double(o.sum) / Double(o.n), .score), .int(o.met),
                        .number(o.n == 0 ? nil : Double(o.met) / Double(o.n), .percent),
                    ]
                }
                sheet.append(row)
            }
        }
        sheet.frozenRows = 1
        sheet.targetColumns = [7: .objectivesMetRate]
        sheet.tables = [TablePlan(headerRow: 0, firstColumn: 0, lastRow: max(sheet.rows.count - 1, 1), headers: headers)]
        // The figure columns hold the notes of hidden groups on two lines.
        sheet.fitColumns(max: 70, fixed: [3: 70, 5: 17, 6: 17, 7: 17])
        sheet.fitRowHeights()
        return sheet
    }
}
