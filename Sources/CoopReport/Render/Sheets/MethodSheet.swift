/// Méthode: each figure's French label and definition, from `Metric` and `QuestionFigure` —
/// the same source the code computes from — and, in the evidence report, those of
/// Indicateurs' other figures (`EvidenceFigure`) in a second table under a heading.
enum MethodSheet {
    /// The heading of the evidence figures' table.
    static let evidenceHeading =
        "Autres chiffres de la feuille Indicateurs (catalogue, questionnaire à froid, registres, plan d'amélioration)"

    /// The sheet; `evidenceFigures`: the workbook has Indicateurs, so Méthode defines its
    /// figures too. `namingHidden`: the note names the groups complementary suppression hid
    /// (not in a cooperative's own workbook, where another cooperative is never named).
    static func plan(_ m: MetricsResult, evidenceFigures: Bool, namingHidden: Bool = true) -> SheetPlan {
        var sheet = SheetPlan(name: "Méthode")
        let headers = ["Identifiant", "Libellé", "Définition", "Numérateur", "Dénominateur", "Masqué si petit groupe"]
        sheet.append(headers.map(Cell.header))
        func row(
            _ id: String, _ label: String, _ definition: String, _ parts: (String, String)?, _ hidden: Bool, labelRole: Cell.Role = .label
        ) {
            sheet.append([
                .text(id), .text(label, labelRole), Cell(.text(definition), .wrap), Cell(.text(parts?.0 ?? ""), .wrap),
                Cell(.text(parts?.1 ?? ""), .wrap),
                .text(hidden ? "oui" : "non"),
            ])
        }
        for m in Metric.allCases { row(m.id, m.label, m.definition, m.parts, m.isSatisfaction) }
        for q in QuestionFigure.allCases { row(q.rawValue, q.label, q.definition, q.parts, q.isSatisfaction) }
        var tables = [TablePlan(headerRow: 0, firstColumn: 0, lastRow: sheet.rows.count - 1, headers: headers)]
        if evidenceFigures {
            sheet.append([])
            sheet.append([.text(evidenceHeading, .label)])
            let header = sheet.append(headers.map(Cell.header))
            // Wrapped: some labels (« Réclamations, difficultés et aléas enregistrés ») are longer than the column.
            for e in EvidenceFigure.allCases { row(e.id, e.label, e.definition, e.parts, e.hidesSmallGroups, labelRole: .labelWrap) }
            tables.append(TablePlan(headerRow: header, firstColumn: 0, lastRow: sheet.rows.count - 1, headers: headers))
        }
        let notes = [
            "Un taux dont le dénominateur est nul est laissé vide. Les taux sont des fractions affichées en pourcentage.",
            "Les regroupements (programme, coopérative, mois, ensemble) additionnent les comptes et recalculent les taux à partir des sommes.",
            "Périmètre : \(m.period.french). Date d'arrêté : \(m.asOf.french).",
            "Seuil de satisfaction : réponse ≥ \(m.survey.scale.satisfiedFrom) sur une échelle de \(m.survey.scale.min) à \(m.survey.scale.max).",
            "Petits groupes : moins de \(m.minGroupSize) réponses, les indicateurs de satisfaction sont masqués ; les effectifs restent visibles.",
            namingHidden ? complementaryNote(m) : complementaryRule,
            "Commentaires : la session n'est pas nommée (ni la date) quand elle a moins de \(m.minGroupSize) réponses, la coopérative quand elle en a moins de \(m.minGroupSize) dans la session, pour qu'un commentaire ne désigne pas son auteur ; les adresses électroniques et numéros de téléphone des textes libres (commentaires, registres, lignes écartées) sont masqués.",
            "« sans questionnaire » : aucune session du groupe n'a de questionnaire (phase projet, ou survey: false au catalogue) ; ce n'est pas un indicateur masqué.",
            "Sessions animées : toutes sauf la phase projet (action), dont la présence signifie « projet réalisé ». Les parcours se lisent sur les programmes entiers, à la date d'arrêté.",
        ]
        // What an evidence figure says when the job does not give its input.
        let notGiven = Array(Set(EvidenceFigure.allCases.compactMap(\.notGivenNote))).sorted().map { "« \($0) »" }
        let evidenceNotes =
            evidenceFigures
            ? [
                "\(notGiven.joined(separator: ", ")) : la tâche ne donne pas le fichier que le chiffre lit (questionnaire à froid, registre des réclamations ou des actions d'amélioration) ; ce n'est pas un zéro."
            ] : []
        sheet.append([])
        for note in notes + evidenceNotes { sheet.append([.empty, .empty, Cell(.text(note), .wrap)]) }
        sheet.frozenRows = 1
        sheet.tables = tables
        sheet.fitColumns(max: 30, fixed: [2: 80])
        sheet.fitRowHeights()
        // One page: the reference a printed report carries, not four.
        sheet.pagesWide = 1
        sheet.printPagesTall = 1
        return sheet
    }

    /// Why some groups with enough responses are hidden, and which ones are (`metrics.md`,
    /// Small groups, version 3).
    static func complementaryNote(_ m: MetricsResult) -> String {
        let hidden =
            m.sessions.filter { $0.figures.suppression == .complementary }.map { "session \($0.session.programme) \($0.session.code)" }
            + m.programmes.filter { $0.figures.suppression == .complementary }.map { "programme \($0.programme.code)" }
            + m.cooperatives.filter { $0.figures.suppression == .complementary }.map { "coopérative \($0.name)" }
            + m.months.filter { $0.figures.suppression == .complementary }.map { "mois \($0.month)" }
        return complementaryRule
            + (hidden.isEmpty
                ? " Aucun groupe n'est masqué ainsi dans ce rapport."
                : " Masqués ainsi dans ce rapport : \(hidden.joined(separator: ", ")).")
    }

    /// The rule of complementary suppression, in one sentence.
    static let complementaryRule =
        "Masquage complémentaire : quand des groupes s'additionnent en un total affiché (les sessions d'un programme ou d'un mois, les programmes, les coopératives ou les mois dans l'ensemble) et qu'un seul d'entre eux est masqué, le plus petit autre groupe (en réponses) est masqué aussi ; sinon le chiffre masqué se retrouverait par soustraction."
}
