/// Méthode: each figure's French label and definition, from `MetricDefinition.all` —
/// the same source the code computes from.
enum MethodSheet {
    static func plan(_ m: MetricsResult) -> SheetPlan {
        var sheet = SheetPlan(name: "Méthode")
        let headers = ["Identifiant", "Libellé", "Définition", "Numérateur", "Dénominateur", "Masqué si petit groupe"]
        sheet.append(headers.map(Cell.header))
        for metric in MetricDefinition.all + MetricDefinition.questionFigures {
            sheet.append([
                .text(metric.id), .text(metric.label, .label), Cell(.text(metric.definition), .wrap),
                .text(metric.numerator ?? ""), .text(metric.denominator ?? ""), .text(metric.suppressible ? "oui" : "non"),
            ])
        }
        let notes = [
            "Un taux dont le dénominateur est nul est laissé vide. Les taux sont des fractions affichées en pourcentage.",
            "Les regroupements (programme, coopérative, mois, ensemble) additionnent les comptes et recalculent les taux à partir des sommes.",
            "Périmètre : \(m.period.french). Date d'arrêté : \(m.asOf.french).",
            "Seuil de satisfaction : réponse ≥ \(m.survey.scale.satisfiedFrom) sur une échelle de \(m.survey.scale.min) à \(m.survey.scale.max).",
            "Petits groupes : moins de \(m.minGroupSize) réponses, les indicateurs de satisfaction sont masqués ; les effectifs restent visibles.",
        ]
        let lastTableRow = sheet.rows.count - 1
        sheet.append([])
        for note in notes { sheet.append([.empty, .empty, Cell(.text(note), .wrap)]) }
        sheet.frozenRows = 1
        sheet.tables = [TablePlan(headerRow: 0, firstColumn: 0, lastRow: lastTableRow, headers: headers)]
        sheet.fitColumns(max: 40, fixed: [2: 80])
        sheet.fitRowHeights()
        return sheet
    }
}
