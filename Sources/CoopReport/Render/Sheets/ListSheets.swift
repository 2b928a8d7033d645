import XlsxWriter

/// The sheets that list rows rather than figures: comments, rejected rows, alerts
/// (prerequisite violations among them). None shows a name or an e-mail.
enum ListSheets {
    static func comments(_ m: MetricsResult, maxRows: Int = Worksheet.maxRows) -> [SheetPlan] {
        table(
            name: "Commentaires", headers: ["Programme", "Session", "Date", "Coopérative", "Commentaire"],
            rows: CommentView.list(m).map { c in
                [
                    .text(c.programme), c.session.map { Cell.text($0) } ?? Cell(.note(CommentView.sessionHidden(m.minGroupSize))),
                    c.submittedAt.map { Cell(.dateTime($0)) } ?? .empty,
                    c.cooperative.map { Cell.text($0) } ?? Cell(.note(CommentView.cooperativeHidden(m.minGroupSize))),
                    Cell(.text(c.text), .wrap),
                ]
            }, fixed: [1: 20, 3: 34, 4: 80], maxRows: maxRows)
    }

    /// Rejets: the rejected rows of the period's sessions and those that cannot be placed;
    /// the rows of sessions of another period are counted in one line (rejects.csv lists
    /// them all), so that a monthly report speaks of its month.
    static func rejects(_ doc: ReportDocument, maxRows: Int = Worksheet.maxRows) -> [SheetPlan] {
        let (listed, outside) = doc.listedRejects
        let names = doc.columnNames
        var rows: [[Cell]] = listed.map { d in
            [
                .text(doc.paths.show(d.file)), .int(d.line), .text(d.column.map { names.show($0, in: d.file) } ?? ""), .text(d.value ?? ""),
                Cell(.text(d.message), .wrap),
                Cell(.text(d.redactedRaw ?? ""), .wrap),
            ]
        }
        if outside > 0 {
            rows.append(
                countRow(
                    "\(outsidePeriod(outside, rejected: true)) : \(outside > 1 ? "comptées" : "comptée") ici, \(outside > 1 ? "détaillées" : "détaillée") dans le fichier CSV des rejets (colonne « scope »).",
                    columns: 6, at: 4))
        }
        return table(
            name: "Rejets", headers: ["Fichier", "Ligne", "Colonne", "Valeur", "Motif", "Ligne brute (noms et courriels masqués)"],
            rows: rows, fixed: [4: 60, 5: 60], maxRows: maxRows)
    }

    /// Alertes: the rows kept but reported and the figure-level warnings of the period
    /// (those of other periods counted in one line), then one line per registration whose
    /// required sessions were not all attended — a hundred thousand at scale, written row by
    /// row and continued past Excel's last row like the detail sheets.
    static func warnings(_ doc: ReportDocument, maxRows: Int = Worksheet.maxRows) -> [SheetPlan] {
        let (listed, outside) = doc.listedWarnings
        let names = doc.columnNames
        var rows: [[Cell]] = listed.map { d in
            [
                .text(doc.paths.show(d.file)), d.line > 0 ? .int(d.line) : .empty, .text(d.column.map { names.show($0, in: d.file) } ?? ""),
                Cell(.text(d.message), .wrap),
            ]
        }
        if outside > 0 {
            rows.append(
                countRow(
                    "\(outsidePeriod(outside, rejected: false)) (doublons, réponses en double) : \(outside > 1 ? "comptées" : "comptée") ici, non \(outside > 1 ? "détaillées" : "détaillée").",
                    columns: 4))
        }
        let headers = ["Fichier", "Ligne", "Colonne", "Message"]
        let violations = doc.metrics.violations
        guard !violations.isEmpty else { return table(name: "Alertes", headers: headers, rows: rows, fixed: [3: 90], maxRows: maxRows) }
        // The listed alerts first, as cells; the violations after them, generated.
        let perSheet = max(1, maxRows - 1)
        let stored = violations.first?.rows.data.files ?? []
        let files = stored.map(doc.paths.show)
        let sessionHeader = stored.enumerated().reduce(into: [Int: String]()) { $0[$1.offset] = names.show("session", in: $1.element) }
        let write: @Sendable (Int, inout RowWriter) throws -> Void = { i, w in
            let v = violations[i]
            let r = v.row
            let data = v.rows.data
            let key = data.sessions.keys[Int(r.session)]
            try w.text(0, files.indices.contains(Int(r.file)) ? files[Int(r.file)] : "")
            try w.integer(1, Int(r.line))
            try w.text(2, sessionHeader[Int(r.file)] ?? "session")
            // « prérequis non respecté : WHO (COOPERATIVE) inscrit à P/S sans avoir suivi A, B »,
            // composed on bytes (the cooperative left out when the row has none).
            try w.composed(3) { out in
                out += "prérequis non respecté : ".utf8
                if r.identifiedByEmail { out += People.byEmail.utf8 } else { data.pool.withBytes(r.participant) { out += $0 } }
                if r.cooperative != 0 {
                    out += " (".utf8
                    data.pool.withBytes(r.cooperative) { out += $0 }
                    out += ")".utf8
                }
                out += " inscrit à ".utf8
                out += key.programme.utf8
                out += "/".utf8
                out += key.session.utf8
                out += " sans avoir suivi ".utf8
                for (k, session) in v.missing.enumerated() {
                    if k > 0 { out += ", ".utf8 }
                    out += session.utf8
                }
            }
        }
        // The last sheet of listed alerts takes the first violations; more sheets follow.
        var sheets = table(name: "Alertes", headers: headers, rows: rows, fixed: [3: 90], maxRows: maxRows)
        var last = sheets.removeLast()
        let onLast = min(max(0, perSheet - (last.rows.count - 1)), violations.count)
        last.generated = GeneratedRows(count: onLast) { try write($0, &$1) }
        last.tables = [TablePlan(headerRow: 0, firstColumn: 0, lastRow: max(last.rowCount - 1, 1), headers: headers)]
        sheets.append(last)
        let rest = violations.count - onLast
        guard rest > 0 else { return sheets }
        let more = EvidenceSheets.split(
            name: "Alertes", headers: headers, count: rest, maxRows: maxRows, keyColumns: 0, widths: last.columnWidths
        ) { i, w in try write(onLast + i, &w) }
        let done = sheets.count
        return sheets + more.enumerated().map { i, sheet in sheet.renamed("Alertes (\(done + i + 1))") }
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
            let slice = rows[min(rows.count, part * perSheet)..<min(rows.count, (part + 1) * perSheet)]
            // A header over numbers stands right, like them (Ligne).
            sheet.append(
                headers.enumerated().map { c, h in
                    let numbers = slice.contains { $0.indices.contains(c) && $0[c].isNumber }
                    return Cell(.text(h), numbers ? .numberHeader : .header)
                })
            for row in slice { sheet.append(row) }
            sheet.frozenRows = 1
            sheet.tables = [TablePlan(headerRow: 0, firstColumn: 0, lastRow: max(slice.count, 1), headers: headers)]
            sheet.fitColumns(max: 50, fixed: fixed)
            sheet.fitRowHeights()
            return sheet
        }
    }
}
