import XlsxWriter

/// The participant-level sheets: Émargement (attendance evidence), Parcours (journeys),
/// Amélioration (what to improve). Names appear here only, or pseudonyms.
enum EvidenceSheets {
    /// Émargement, continued on « Émargement (2) »… past Excel's last row.
    static func attendance(_ e: Evidence, people: People, maxRows: Int = Worksheet.maxRows) -> [SheetPlan] {
        let headers = [
            "Programme", "Session", "Date", "Participant", "Identifiant", "Coopérative", "Fonction", "Statut",
            "Présence", "Demi-journées", "Heures", "Prérequis non respectés",
        ]
        let rows = e.attendance
        return split(
            name: "Émargement", headers: headers, count: rows.count, maxRows: maxRows, keyColumns: 4,
            widths: [11, 8, 10, 24, 14, 28, 26, 10, 10, 9, 8, 24]
        ) { i in
            let row = rows[i]
            let r = row.row
            let session = row.session
            let participant = row.text(r.participant)
            let role: Cell.Role = row.missing.isEmpty ? .body : .flagged
            var cells: [Cell] = [
                .text(session.programme), .text(session.code), Cell(.date(session.start)),
                .text(people.name(last: row.text(r.lastName), first: row.text(r.firstName), participant: participant)),
                .text(people.identifier(participant, byEmail: r.identifiedByEmail)), .text(row.text(r.cooperative)),
                .text(row.text(r.role)), .text(Words.status(r.status)), .text(Words.attendance(r.status, r.attendance)),
                r.halves >= 0 ? .text(Self.halves[Int(r.halves)]) : .empty, .number(row.hours, .hours),
                .text(row.missing.isEmpty ? "" : "non suivi : " + row.missing.joined(separator: ", ")),
            ]
            if role == .flagged { for c in cells.indices { cells[c].role = role } }
            return cells
        }
    }

    static let halves = ["0/2", "1/2", "2/2"]

    /// Parcours, continued on « Parcours (2) »… past Excel's last row.
    static func journeys(_ e: Evidence, people: People, maxRows: Int = Worksheet.maxRows) -> [SheetPlan] {
        let sessionColumns = sessionCodes(e)
        let headers = journeyHeaders(e)
        let journeys = e.journeys
        return split(
            name: "Parcours", headers: headers, count: journeys.count, maxRows: maxRows, keyColumns: 2,
            widths: [11, 24, 14, 28, 26] + sessionColumns.map { _ in 11 } + [14, 22]
        ) { i in
            let j = journeys[i]
            let own = Set(j.programme.sessions.map(\.code))
            return [
                .text(j.programme.code), .text(people.name(last: j.lastName, first: j.firstName, participant: j.participant)),
                .text(people.identifier(j.participant, byEmail: j.identifiedByEmail)), .text(j.cooperative), .text(j.role),
            ]
                + sessionColumns.map { own.contains($0) ? .text(Words.attendance(j.registration($0))) : .empty }
                + [.text(project(j)), .text(j.outcome.french, .label)]
        }
    }

    /// One column per session code of the programmes listed, in order of appearance.
    static func sessionCodes(_ e: Evidence) -> [String] {
        var codes: [String] = []
        var seen = Set<String>()
        var last: String?
        for j in e.journeys where j.programme.code != last {  // journeys come grouped by programme
            last = j.programme.code
            for s in j.programme.sessions where seen.insert(s.code).inserted { codes.append(s.code) }
        }
        return codes
    }

    static func journeyHeaders(_ e: Evidence) -> [String] {
        ["Programme", "Participant", "Identifiant", "Coopérative", "Fonction"] + sessionCodes(e) + ["Projet (action)", "Issue"]
    }

    /// The action phase: carried out (present), not carried out (absent), or not recorded.
    static func project(_ j: Evidence.JourneyRow) -> String {
        let actions = j.programme.sessions.filter { $0.kind == .action }
        if actions.isEmpty { return "" }
        if actions.allSatisfy({ j.registration($0.code)?.isPresent == true }) { return "réalisé" }
        if actions.contains(where: { j.registration($0.code)?.attendance == .absent }) { return "non réalisé" }
        return "non renseigné"
    }

    /// Sheets of at most `maxRows` rows (header included), rows made on demand.
    static func split(
        name: String, headers: [String], count: Int, maxRows: Int, keyColumns: Int, widths: [Double],
        row: @escaping @Sendable (Int) -> [Cell]
    ) -> [SheetPlan] {
        let perSheet = maxRows - 1
        let parts = max(1, (count + perSheet - 1) / perSheet)
        return (0..<parts).map { part in
            var sheet = SheetPlan(name: part == 0 ? name : "\(name) (\(part + 1))")
            sheet.append(headers.map(Cell.header))
            let first = part * perSheet
            let rows = min(perSheet, count - first)
            sheet.generated = GeneratedRows(count: max(0, rows)) { row(first + $0) }
            sheet.frozenRows = 1
            sheet.keyColumns = keyColumns
            sheet.columnWidths = widths
            sheet.tables = [TablePlan(headerRow: 0, firstColumn: 0, lastRow: max(rows, 1), headers: headers)]
            return sheet
        }
    }

    static func improvements(_ e: Evidence) -> SheetPlan {
        var sheet = SheetPlan(name: "Amélioration")
        let headers = [
            "Programme", "Session", "Question", "n", "Part de satisfaits", "Commentaires de la session",
            "Action décidée", "Responsable", "Échéance",
        ]
        sheet.append(headers.map(Cell.header))
        for row in e.improvements {
            sheet.append([
                .text(row.session.programme), .text(row.session.code), .text(row.question.label), .int(row.n),
                .number(row.satisfied, .percent),
                Cell(.text(row.comments.map { "• " + $0 }.joined(separator: "\n")), .wrap), .empty, .empty, .empty,
            ])
        }
        var plan = finish(sheet, headers: headers, keyColumns: 2, fixed: [5: 60, 6: 30, 7: 16, 8: 12])
        plan.highlightColumns(["Part de satisfaits"], below: e.target)
        return plan
    }

    static func finish(_ sheet: SheetPlan, headers: [String], keyColumns: Int, fixed: [Int: Double] = [:]) -> SheetPlan {
        var sheet = sheet
        sheet.frozenRows = 1
        sheet.keyColumns = keyColumns
        sheet.tables = [TablePlan(headerRow: 0, firstColumn: 0, lastRow: max(sheet.rows.count - 1, 1), headers: headers)]
        sheet.fitColumns(max: 40, fixed: fixed)
        sheet.fitRowHeights()
        return sheet
    }
}
