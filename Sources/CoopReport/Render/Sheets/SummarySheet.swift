/// Synthèse: the period, the as-of date, the inputs with their row counts, and every
/// overall figure with its numerator and denominator.
enum SummarySheet {
    static func plan(_ doc: ReportDocument) -> SheetPlan {
        let m = doc.metrics
        var sheet = SheetPlan(name: "Synthèse")
        sheet.append([.text("Rapport de formation — synthèse", .title)])
        if let note = doc.emptyPeriodNote { sheet.append([.text(note, .warning)]) }
        sheet.append([])
        sheet.append([.text("Période", .label), .text(m.period.french)])
        sheet.append([.text("Date d'arrêté", .label), Cell(.date(m.asOf))])
        sheet.append([
            .text("Taille minimale des groupes", .label), .int(m.minGroupSize),
            .text("Les indicateurs de satisfaction d'un groupe de moins de \(m.minGroupSize) réponses sont masqués."),
        ])
        sheet.append([
            .text("Lignes rejetées", .label), .int(doc.rejects.count),
            .text(
                doc.rejects.isEmpty
                    ? ""
                    : "Détail : feuille Rejets"
                        + (doc.listedRejects.outside > 0 ? " (dont \(doc.listedRejects.outside) hors période : rejects.csv)" : "")),
        ])
        sheet.append([.text("Alertes", .label), .int(doc.warnings.count), .text(doc.warnings.isEmpty ? "" : "Détail : feuille Alertes")])
        sheet.append([.text("Généré par", .label), .text("coopreport \(doc.toolVersion)")])
        sheet.append([])
        sheet.append([.text("Fichiers d'entrée", .title)])
        sheet.append([
            .header("Rôle"), .header("Fichier"), Cell(.text("Lignes lues"), .numberHeader),
            Cell(.text("Rejetées"), .numberHeader), Cell(.text("Utilisées"), .numberHeader),
            .header("Encodage"), .header("Séparateur"),
        ])
        for input in doc.inputs {
            sheet.append([
                .text(input.role), .text(doc.paths.show(input.path)), .int(input.rowsRead), .int(input.rejected), .int(input.used),
                .text(input.encoding ?? ""), .text(input.separator.map(separatorName) ?? ""),
            ])
        }
        sheet.append([])
        sheet.append([.text("Indicateurs (ensemble de la période)", .title)])
        sheet.append([
            .header("Indicateur"), Cell(.text("Valeur"), .numberHeader), Cell(.text("Numérateur"), .numberHeader),
            Cell(.text("Dénominateur"), .numberHeader), .header("Identifiant"),
        ])
        for metric in Metric.allCases {
            let parts = metric.parts == nil ? [Cell.empty, .empty] : FigureCells.parts(metric, m.overall, minGroupSize: m.minGroupSize)
            let row = sheet.append(
                [.text(metric.label, .label), FigureCells.value(metric, m.overall, minGroupSize: m.minGroupSize)]
                    + parts + [.text(metric.id)])
            // Below the target, in red here too, as on every sheet where the figure appears.
            if metric.hasTarget {
                sheet.highlights.append(
                    Highlight(firstRow: row, firstColumn: 1, lastRow: row, lastColumn: 1, below: doc.options.targetSatisfaction))
            }
        }
        sheet.fitColumns(max: 45, fixed: [0: 32, 1: 30, 2: 14, 3: 14, 4: 14, 5: 14])
        return sheet
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
