/// Indicateurs: the Qualiopi indicators the data evidences, one row per figure, each with
/// what the indicator asks, its numerator, denominator, period, population, and a link
/// to the sheet holding the detail. The figures are the overall ones of metrics.json.
enum IndicatorsSheet {
    struct Row {
        let number: Int
        let asks: String
        /// The figure, or nil for the improvement points counted here.
        let metric: Metric?
        let population: String
        let detail: String
    }

    static let rows: [Row] = [
        Row(
            number: 2, asks: "Diffuser des indicateurs de résultats adaptés à la nature des prestations et des publics.",
            metric: .satisfactionRate, population: "Réponses à la question « Satisfaction globale »", detail: "Satisfaction"),
        Row(
            number: 2, asks: "", metric: .attendanceRate, population: "Inscrits aux sessions animées dont la présence est saisie",
            detail: "Sessions"),
        Row(number: 2, asks: "", metric: .completionRate, population: "Participants ayant commencé le parcours", detail: "Parcours"),
        Row(number: 2, asks: "", metric: .participants, population: "Participants inscrits au programme", detail: "Parcours"),
        Row(number: 2, asks: "", metric: .hoursTrainee, population: "Inscrits aux sessions de la période", detail: "Émargement"),
        Row(
            number: 8, asks: "Vérifier les prérequis à l'entrée (Session 2 : présence en Session 1 et projet réalisé).",
            metric: .prerequisiteViolations, population: "Inscriptions aux sessions à prérequis", detail: "Alertes"),
        Row(
            number: 11, asks: "Évaluer l'atteinte par les bénéficiaires des objectifs de la prestation.",
            metric: .objectivesMetRate, population: "Réponses aux questions d'objectifs", detail: "Objectifs"),
        Row(
            number: 12, asks: "Favoriser l'engagement des bénéficiaires et prévenir les ruptures de parcours.",
            metric: .dropoutRate, population: "Participants ayant commencé un parcours terminé à la date d'arrêté", detail: "Parcours"),
        Row(
            number: 30, asks: "Recueillir les appréciations des bénéficiaires.",
            metric: .responses, population: "Questionnaires à chaud reçus", detail: "Satisfaction"),
        Row(
            number: 30, asks: "", metric: .responseRate, population: "Présents aux sessions avec questionnaire de la période",
            detail: "Satisfaction"),
        Row(
            number: 32, asks: "Mettre en œuvre des mesures d'amélioration à partir des appréciations.",
            metric: nil, population: "Sessions × questions et objectifs dont la part de satisfaits ou d'atteinte est sous la cible",
            detail: "Amélioration"),
    ]

    static func plan(_ doc: ReportDocument) -> SheetPlan {
        let m = doc.metrics
        let target = doc.options.targetSatisfaction
        var sheet = SheetPlan(name: "Indicateurs")
        let headers = [
            "N°", "Ce que demande l'indicateur", "Figure", "Valeur", "Numérateur", "Dénominateur", "Période",
            "Population", "Détail",
        ]
        let numbers: Set<String> = ["N°", "Valeur", "Numérateur", "Dénominateur"]
        sheet.append(headers.map { Cell(.text($0), numbers.contains($0) ? .numberHeader : .header) })
        for row in rows {
            var cells: [Cell] = [.int(row.number), Cell(.text(row.asks), .wrap)]
            if let metric = row.metric {
                let parts =
                    metric.parts == nil ? [Cell.empty, .empty] : FigureCells.parts(metric, m.overall, minGroupSize: m.minGroupSize)
                cells +=
                    [Cell(.text(metric.label), .labelWrap), FigureCells.value(metric, m.overall, minGroupSize: m.minGroupSize)] + parts
                if let h = Highlight.of(metric, row: sheet.rows.count, column: 3, doc.options) { sheet.highlights.append(h) }
            } else {
                let count = doc.evidence?.improvements.count ?? 0
                cells += [
                    Cell(.text("Points d'amélioration (satisfaits < \(Int((target * 100).rounded())) %)"), .labelWrap), .int(count), .empty,
                    .empty,
                ]
            }
            cells += [
                Cell(.text(m.period.french), .wrap), Cell(.text(row.population), .wrap), Cell(.link(sheet: row.detail, text: row.detail)),
            ]
            sheet.append(cells)
        }
        sheet.frozenRows = 1
        sheet.keyColumns = 1
        sheet.fitColumns(fixed: [0: 5, 1: 45, 2: 26, 3: 12, 4: 14, 5: 14, 6: 30, 7: 36, 8: 14])
        sheet.fitRowHeights()
        return sheet
    }
}
