import XlsxWriter

/// The sheets that list rows rather than figures: comments, prerequisite violations,
/// rejected rows, warnings. None shows a name or an e-mail.
enum ListSheets {
    static func comments(_ m: MetricsResult, maxRows: Int = Worksheet.maxRows) -> [SheetPlan] {
        table(
            name: "Commentaires", headers: ["Programme", "Session", "Date", "Coopérative", "Commentaire"],
            rows: m.comments.map { c in
                [
                    .text(c.session.programme), .text(c.session.session),
                    c.submittedAt.map { Cell(.dateTime($0)) } ?? .empty, .text(c.cooperative), Cell(.text(c.text), .wrap),
                ]
            }, fixed: [4: 80], maxRows: maxRows)
    }

    /// Prérequis: one row per registration whose required sessions were not all attended
    /// (a hundred thousand at scale: written row by row, continued past Excel's last row).
    static func prerequisites(_ m: MetricsResult, maxRows: Int = Worksheet.maxRows) -> [SheetPlan] {
        let violations = m.violations
        return EvidenceSheets.split(
            name: "Prérequis", headers: ["Programme", "Session", "Participant", "Coopérative", "Sessions requises non suivies", "Ligne"],
            count: violations.count, maxRows: maxRows, keyColumns: 2, widths: [11, 8, 24, 28, 28, 8]
        ) { i, w in
            let v = violations[i]
            let r = v.row
            let data = v.rows.data
            let key = data.sessions.keys[Int(r.session)]
            try w.text(0, key.programme)
            try w.text(1, key.session)
            if r.identifiedByEmail { try w.text(2, People.byEmail) } else { try w.text(2, r.participant, in: data.pool) }
            try w.text(3, r.cooperative, in: data.pool)
            try w.text(4, v.missing.joined(separator: ", "))
            try w.integer(5, Int(r.line))
        }
    }

    /// Rejets: the rejected rows of the period's sessions and those that cannot be placed;
    /// the rows of sessions of another period are counted in one line (rejects.csv lists
    /// them all), so that a monthly report speaks of its month.
    static func rejects(_ doc: ReportDocument, maxRows: Int = Worksheet.maxRows) -> [SheetPlan] {
        let (listed, outside) = doc.listedRejects
        var rows: [[Cell]] = listed.map { d in
            [
                .text(doc.paths.show(d.file)), .int(d.line), .text(d.column ?? ""), .text(d.value ?? ""), Cell(.text(d.message), .wrap),
                Cell(.text(d.redactedRaw ?? ""), .wrap),
            ]
        }
        if outside > 0 {
            rows.append(
                countRow(
                    "\(plural(outside, "autre ligne écartée", "autres lignes écartées")) \(outside > 1 ? "concernent" : "concerne") des sessions hors de la période : \(outside > 1 ? "comptées" : "comptée") ici, \(outside > 1 ? "détaillées" : "détaillée") dans le fichier CSV des rejets (colonne « scope »).",
                    columns: 6, at: 4))
        }
        return table(
            name: "Rejets", headers: ["Fichier", "Ligne", "Colonne", "Valeur", "Motif", "Ligne brute (noms et courriels masqués)"],
            rows: rows, fixed: [4: 60, 5: 60], maxRows: maxRows)
    }

    static func warnings(_ doc: ReportDocument, maxRows: Int = Worksheet.maxRows) -> [SheetPlan] {
        let (listed, outside) = doc.listedWarnings
        var rows: [[Cell]] = listed.map { d in
            [.text(doc.paths.show(d.file)), d.line > 0 ? .int(d.line) : .empty, .text(d.column ?? ""), Cell(.text(d.message), .wrap)]
        }
        if outside > 0 {
            rows.append(
                countRow(
                    "\(plural(outside, "autre alerte", "autres alertes")) \(outside > 1 ? "concernent" : "concerne") des lignes de sessions hors de la période (doublons, réponses en double) : \(outside > 1 ? "comptées" : "comptée") ici, non \(outside > 1 ? "détaillées" : "détaillée").",
                    columns: 4))
        }
        return table(name: "Alertes", headers: ["Fichier", "Ligne", "Colonne", "Message"], rows: rows, fixed: [3: 90], maxRows: maxRows)
    }

    /// The last row of a list that counts what it does not show, in its message column.
    static func countRow(_ text: String, columns: Int, at message: Int = 3) -> [Cell] {
        (0..<columns).map { $0 == message ? Cell(.text(text), .wrap) : .empty }
    }

    /// A list as tables of at most `maxRows` rows (header included): past Excel's last row
    /// the list goes on in « Alertes (2) »…, which Synthèse names — never cut short.
    static func table(name: String, headers: [String], rows: [[Cell]], fixed: [Int: Double] = [:], maxRows: Int) -> [SheetPlan] {
        let perSheet = max(1, maxRows - 1)
        let parts = max(1, (rows.count + perSheet - 1) / perSheet)
        return (0..<parts).map { part in
            var sheet = SheetPlan(name: part == 0 ? name : "\(name) (\(part + 1))")
            sheet.append(headers.map(Cell.header))
            let slice = rows[min(rows.count, part * perSheet)..<min(rows.count, (part + 1) * perSheet)]
            for row in slice { sheet.append(row) }
            sheet.frozenRows = 1
            sheet.tables = [TablePlan(headerRow: 0, firstColumn: 0, lastRow: max(slice.count, 1), headers: headers)]
            sheet.fitColumns(max: 50, fixed: fixed)
            sheet.fitRowHeights()
            return sheet
        }
    }
}
