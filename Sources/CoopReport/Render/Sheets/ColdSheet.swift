/// « À froid » (Qualiopi indicators 11 and 30): per session and objective, the share
/// reached at the end of the session (à chaud) beside the share applied months later (à
/// froid), the gap, and the cold response rate per session; a chart of both shares. Shares
/// of a group under `min_group_size` responses give way to a note (counts stay); no name
/// or e-mail is shown. Without the input the sheet says « non fourni », which is not the
/// same as a questionnaire nobody answered.
enum ColdSheet {
    static let name = "À froid"

    /// Laid out over the objectives' columns: the session's title under the wide wording
    /// column, the numbers under the narrow ones.
    static let rateHeaders = [
        "Programme", "Session", "", "Session (intitulé)", "Présents", "Réponses à froid", "Taux de réponse à froid",
        "Première réponse", "Dernière réponse",
    ]

    static let objectiveHeaders = [
        "Programme", "Session", "N°", "Objectif", "À chaud : réponses", "À chaud : part atteinte", "À froid : réponses",
        "À froid : part appliquée", "Écart",
    ]

    static func plan(_ doc: ReportDocument) -> SheetPlan {
        var sheet = SheetPlan(name: name)
        let m = doc.metrics
        sheet.append([.text("Objectifs à chaud et à froid — \(m.period.french)", .title)])
        guard let cold = doc.cold else {
            sheet.append([
                .text(
                    "Questionnaire à froid non fourni : le fichier de tâche ne donne pas d'évaluations à froid (clé « inputs.cold »).",
                    .warning)
            ])
            sheet.append([.text("Ce n'est pas l'absence de réponse : le questionnaire à froid n'a pas été remis au rapport.")])
            sheet.columnWidths = [13]
            return sheet
        }
        let from = m.survey.scale.satisfiedFrom
        for line in [
            "À chaud : part des réponses au questionnaire de fin de session qui disent l'objectif atteint (note ≥ \(from)).",
            "À froid : part des réponses au questionnaire envoyé quelques mois après qui disent l'objectif appliqué (note ≥ \(from)).",
            "Écart : part à froid moins part à chaud. Taux de réponse à froid : réponses à froid / présents à la session.",
            "Une session sans aucune réponse à froid (questionnaire non envoyé ou resté sans réponse) n'entre pas dans le taux.",
        ] {
            sheet.append([.text(line)])
        }
        sheet.append([])
        let rateHeader = sheet.append(rateHeaders.enumerated().map { Cell(.text($1), [0, 1, 3].contains($0) ? .header : .numberHeader) })
        for s in cold.sessions {
            var row: [Cell] = [
                .text(s.session.programme), .text(s.session.code), .empty, Cell(.text(s.session.title), .wrap), .int(s.present),
                .int(s.responses),
            ]
            if s.answered {
                row.append(.number(s.responseRate.value, .percent))
                row += [s.firstAnswer.map { Cell(.date($0)) } ?? .empty, s.lastAnswer.map { Cell(.date($0)) } ?? .empty]
            } else {
                row.append(noAnswer)
            }
            sheet.append(row)
        }
        sheet.append([
            .text("Ensemble", .label), .empty, .empty, .empty, .int(cold.present), .int(cold.responses),
            .number(cold.responseRate.value, .percent),
        ])
        sheet.append([])

        let header = sheet.append(objectiveHeaders.enumerated().map { Cell(.text($1), [0, 1, 3].contains($0) ? .header : .numberHeader) })
        var chartRows: [(label: String, hot: Double, cold: Double)] = []
        for s in cold.sessions {
            for o in s.objectives {
                let hot = s.hotHidden || o.hotN == 0 ? nil : Double(o.hotMet) / Double(o.hotN)
                let applied = s.coldSuppressed || o.coldN == 0 ? nil : Double(o.coldApplied) / Double(o.coldN)
                var row: [Cell] = [
                    .text(s.session.programme), .text(s.session.code), .int(o.number),
                    Cell(.text(o.wording ?? "(objectif \(o.number) non décrit au catalogue)"), .wrap), .int(o.hotN),
                    s.hotHidden ? hiddenNote(s.hotResponses, m.minGroupSize) : .number(hot, .percent), .int(o.coldN),
                ]
                if !s.answered {
                    row.append(noAnswer)
                } else {
                    row.append(s.coldSuppressed ? hiddenNote(s.responses, m.minGroupSize) : .number(applied, .percent))
                }
                if let hot, let applied {
                    row.append(.number(applied - hot, .percent))
                    chartRows.append(("\(s.session.code) · \(o.number)", hot, applied))
                } else {
                    row.append(.empty)
                }
                sheet.append(row)
            }
        }
        let lastRow = max(sheet.rows.count - 1, header + 1)
        sheet.tables = [TablePlan(headerRow: header, firstColumn: 0, lastRow: lastRow, headers: objectiveHeaders)]
        sheet.append([])
        sheet.append([
            .text(
                "Note d'appréciation des participants, pas une évaluation des acquis : « appliqué » est ce que le participant déclare avoir mis en œuvre.",
                .label)
        ])
        if !chartRows.isEmpty {
            sheet.append([])
            sheet.append([.text("Données du graphique (objectifs dont les deux parts sont affichées)", .label)])
            let first = sheet.append([
                .header("Repère"), Cell(.text("À chaud"), .numberHeader), Cell(.text("À froid"), .numberHeader),
            ])
            for c in chartRows { sheet.append([.text(c.label), .number(c.hot, .percent), .number(c.cold, .percent)]) }
            let last = sheet.rows.count - 1
            var chart = ChartPlan(
                kind: .column, title: "Objectifs : part atteinte à chaud et part appliquée à froid",
                series: [
                    ChartPlan.Series(
                        name: "À chaud", categories: (first + 1, 0, last, 0), values: (first + 1, 1, last, 1), color: 0xF4A261),
                    ChartPlan.Series(
                        name: "À froid", categories: (first + 1, 0, last, 0), values: (first + 1, 2, last, 2), color: 0x2A9D8F),
                ],
                anchorRow: first, anchorColumn: 3, valueAxisFormat: ChartPlan.percentAxis, valueAxisTitle: nil)
            chart.valueAxisMin = 0
            chart.valueAxisMax = 1
            // Beside its data, so that a programme's sheet prints on one page.
            chart.scale = (1.5, 1.1)
            sheet.charts = [chart]
        }
        sheet.fitColumns(max: 60, fixed: [0: 11, 1: 9, 2: 9, 3: 60, 4: 11, 5: 11, 6: 11, 7: 11, 8: 10])
        sheet.fitRowHeights()
        sheet.rowHeights[rateHeader] = 45
        sheet.rowHeights[header] = 30
        sheet.pagesWide = 1
        // A programme's sessions (a dozen objectives) print on one page, the chart included.
        if chartRows.count <= 15 && sheet.rows.count <= 40 { sheet.printPagesTall = 1 }
        return sheet
    }

    /// A session with a questionnaire but no cold response.
    static let noAnswer = Cell(.note("sans réponse à froid"))

    /// A share hidden for a small group (or without any answer to hide).
    static func hiddenNote(_ responses: Int, _ minGroupSize: Int) -> Cell {
        Cell(.note(responses == 0 ? "sans réponse" : "masqué (< \(minGroupSize) réponses)"))
    }
}
