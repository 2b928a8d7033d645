/// « Réclamations et difficultés » (Qualiopi indicator 31): the register's entries of the
/// period, checked, summarised by nature (open, closed, time to close), each entry still
/// open more than 30 days at the as-of date flagged. The team's own texts are written as
/// text, never as formulas, with e-mail addresses masked; a register the job does not
/// give says so (« registre non fourni »), which is not the same as an empty one.
enum ComplaintsSheet {
    static let name = "Réclamations et difficultés"

    /// The short columns first (the summary's numbers stand above them), the team's texts last.
    static let entryHeaders = [
        "Date", "Source", "Programme", "Session", "Nature", "Statut", "Clôturée le", "Délai (jours)", "Alerte", "Description",
        "Réponse apportée",
    ]

    static let summaryHeaders = [
        "Nature", "Entrées", "Ouvertes", "Closes", "Ouvertes depuis plus de 30 jours", "Délai médian de clôture (jours)",
        "Délai moyen de clôture (jours)",
    ]

    /// The mark beside an entry open too long.
    static let overdueMark = "Ouverte depuis plus de \(ComplaintSummary.overdueDays) jours"

    static func plan(_ doc: ReportDocument) -> SheetPlan {
        var sheet = SheetPlan(name: name)
        let asOf = doc.metrics.asOf
        sheet.append([.text("Réclamations, difficultés et incidents — arrêté au \(asOf.french)", .title)])
        guard let summary = doc.registers?.complaints else {
            sheet.append([
                .text(
                    "Registre non fourni : le fichier de tâche ne donne pas de registre des réclamations, difficultés et incidents (clé « inputs.complaints »).",
                    .warning)
            ])
            sheet.append([.text("Ce n'est pas l'absence de réclamation : le registre n'a pas été remis au rapport.")])
            sheet.columnWidths = [13]
            return sheet
        }
        sheet.append([
            .text("Entrées du registre qui concernent la période (\(doc.metrics.period.french)), datées au plus tard du \(asOf.french).")
        ])
        sheet.append([
            .text(
                "Délai : jours jusqu'à la clôture, ou depuis l'ouverture pour une entrée encore ouverte ; une entrée ouverte depuis plus de \(ComplaintSummary.overdueDays) jours est signalée en rouge."
            )
        ])
        sheet.append([])
        sheet.append(summaryHeaders.enumerated().map { Cell(.text($1), $0 == 0 ? .header : .numberHeader) })
        func counts(_ label: String, _ c: ComplaintSummary.Counts, role: Cell.Role = .body) -> [Cell] {
            [
                .text(label, role), .int(c.entries), .int(c.open), .int(c.closed),
                Cell(.number(Double(c.overdue), .integer), c.overdue > 0 ? .flagged : .body),
                .number(c.medianDaysToClose, .score), .number(c.meanDaysToClose, .score),
            ]
        }
        for (nature, c) in summary.byNature { sheet.append(counts(nature.rawValue, c)) }
        sheet.append(counts("Total", summary.total, role: .label))
        sheet.append([])
        let header = sheet.append(entryHeaders.enumerated().map { Cell(.text($1), [0, 6, 7].contains($0) ? .numberHeader : .header) })
        for e in summary.entries {
            let overdue = e.isOverdue(at: asOf)
            sheet.append([
                Cell(.date(e.date)), .text(e.source?.french ?? ""), .text(e.programme ?? ""), .text(e.session ?? ""),
                .text(e.nature.rawValue),
                Cell(.text(e.isClosed(at: asOf) ? "close" : e.status == .closed ? "ouverte au \(asOf.french)" : e.status.rawValue), .wrap),
                e.closedOn.map { Cell(.date($0)) } ?? .empty, Cell(.number(Double(e.days(at: asOf)), .integer), overdue ? .flagged : .body),
                .text(overdue ? overdueMark : "", .warning), Cell(.text(e.description), .wrap), Cell(.text(e.response), .wrap),
            ])
        }
        if summary.entries.isEmpty {
            sheet.append([.text("Aucune entrée au registre pour la période.", .label)])
        }
        sheet.tables = [
            TablePlan(headerRow: header, firstColumn: 0, lastRow: max(sheet.rows.count - 1, header + 1), headers: entryHeaders)
        ]
        // Below the table, so that no register entry vanishes unseen.
        if summary.leftOut > 0 {
            sheet.append([])
            sheet.append([
                .text(
                    "\(plural(summary.leftOut, "autre entrée", "autres entrées")) du registre (autre période, ou datée après l'arrêté) \(summary.leftOut > 1 ? "ne sont pas comptées" : "n'est pas comptée") ici."
                )
            ])
        }
        sheet.columnWidths = [11, 12, 11, 9, 12, 11, 11, 9, 29, 45, 40]
        sheet.fitRowHeights()
        // The wrapped headers of the summary and of the entries.
        sheet.rowHeights[4] = 60
        sheet.rowHeights[header] = 30
        sheet.pagesWide = 1
        return sheet
    }
}
