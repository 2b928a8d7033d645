import XlsxWriter

/// The participant-level sheets: Relevé d'assiduité (the check against the signed
/// sheets), Parcours (journeys). Names appear here only, or pseudonyms. The improvement
/// points are in `ImprovementSheet`.
enum EvidenceSheets {
    /// The attendance sheet's name (31 characters at most, with « (2) »… after it).
    static let attendanceName = "Relevé d'assiduité"

    /// The Relevé d'assiduité's columns.
    static let attendanceHeaders = [
        "Programme", "Session", "Date", "Demi-journée", "Participant", "Identifiant", "Coopérative", "Statut", "Présence",
        "Heures", "Formateurs", "Lieu", "Prérequis non respectés", "Source", "Émargement vérifié",
    ]

    /// Relevé d'assiduité, continued on « Relevé d'assiduité (2) »… past Excel's last row:
    /// one row per registration and session, or per half-day when the registration was
    /// signed by half-day, with the session's trainers and venue from the catalogue; the
    /// cancelled and waitlisted come after the registered (`AttendanceRows`). Dates are
    /// the session's start date (docs/decisions.md). Each row names its source (the
    /// registration's file and line) and leaves « Émargement vérifié » empty for the
    /// auditor's tick; below the rows, each session's total of present and hours, summed
    /// from the rows (`AttendanceRows.totals`).
    static func attendance(_ e: Evidence, people: People, paths: DisplayPaths = .currentFolder, maxRows: Int = Worksheet.maxRows)
        -> [SheetPlan]
    {
        let rows = e.attendance
        // Per session (by its place in the report): trainers and venue, made once.
        let trainers = rows.store.sessions.map { $0.trainers.joined(separator: ", ") }
        let venues = rows.store.sessions.map { $0.venue ?? "" }
        // Per input file, its path as shown to a person, as bytes.
        let files = rows.store.data.files.map { Array(paths.show($0).utf8) }
        let widths: [Double] = [10, 7, 10, 13, 22, 14, 25, 13, 17, 7, 27, 42, 22, 24, 11]
        var sheets = split(
            name: attendanceName, headers: attendanceHeaders, count: rows.count, maxRows: maxRows, keyColumns: 5,
            widths: widths
        ) { i, w in
            let row = rows[i]
            let r = row.row
            let pool = row.store.data.pool
            let session = row.session
            w.flagged = !row.missing.isEmpty
            try w.text(0, session.programme)
            try w.text(1, session.code)
            try w.date(2, session.start)
            try w.text(3, Words.halfDay(row))
            if people.pseudonymise {
                let participant = pool.string(r.participant)
                try w.text(4, people.pseudonym(participant))
                try w.text(5, people.pseudonym(participant))
            } else {
                try w.name(4, last: r.lastName, first: r.firstName, in: pool)
                if r.identifiedByEmail { try w.text(5, People.byEmail) } else { try w.text(5, r.participant, in: pool) }
            }
            try w.text(6, r.cooperative, in: pool)
            try w.text(7, Words.status(r.status))
            try w.text(8, Words.presence(row))
            if let hours = row.hours { try w.hours(9, hours) } else { try w.text(9, "") }
            try w.text(10, trainers[row.slot])
            try w.text(11, venues[row.slot])
            try w.text(12, row.missing.isEmpty ? "" : "non suivi : " + row.missing.joined(separator: ", "))
            try w.source(13, file: files.indices.contains(Int(r.file)) ? files[Int(r.file)] : [], line: Int(r.line))
            // Column 14, « Émargement vérifié », stays empty: the auditor ticks it.
        }
        appendTotals(rows.totals, to: &sheets, maxRows: maxRows, widths: widths)
        // One page wide, like the signed sheet it is checked against: the trainers and
        // venue (the sample's are 31 and 51 characters) take the print past the 200
        // characters a page holds unshrunk, to about 230.
        return sheets.map { sheet in
            var sheet = sheet
            sheet.pagesWide = 1
            return sheet
        }
    }

    /// Each session's total below the Relevé's rows (outside its table, so that filters and
    /// sorts leave it alone): a heading line, then per session its present (projects carried
    /// out for the project phase) under « Présence » and its hours under « Heures ». On a
    /// sheet of its own when the last one has no room left.
    static func appendTotals(_ totals: [AttendanceRows.SessionTotal], to sheets: inout [SheetPlan], maxRows: Int, widths: [Double]) {
        guard !totals.isEmpty, var last = sheets.last, let rows = last.generated else { return }
        let extra = 2 + totals.count
        let room = maxRows - last.rows.count - rows.count
        let before = room >= extra ? rows.count : 0
        if room < extra {
            last = SheetPlan(name: "\(attendanceName) (\(sheets.count + 1))")
            last.append(attendanceHeaders.map(Cell.header))
            last.frozenRows = 1
            last.columnWidths = widths
        }
        last.generated = GeneratedRows(count: before + extra) { i, w in
            if i < before { return try rows.write(i, &w) }
            switch i - before {
            case 0: return  // a blank line under the table
            case 1:
                try w.label(4, "Total par session")
                try w.label(8, "Présents")
                try w.label(9, "Heures")
            default:
                let t = totals[i - before - 2]
                try w.text(0, t.session.programme)
                try w.text(1, t.session.code)
                try w.date(2, t.session.start)
                try w.label(4, t.session.isTaught ? "Total de la session" : "Total (projets réalisés)")
                try w.integer(8, t.present)
                try w.hours(9, t.hours)
            }
        }
        if room < extra { sheets.append(last) } else { sheets[sheets.count - 1] = last }
    }

    /// Parcours, continued on « Parcours (2) »… past Excel's last row.
    static func journeys(_ e: Evidence, people: People, maxRows: Int = Worksheet.maxRows) -> [SheetPlan] {
        let sessionColumns = sessionCodes(e)
        let headers = journeyHeaders(sessionColumns)
        let journeys = e.journeys
        // Per programme: the session number under each session column (−1: not its own),
        // and its action sessions.
        var columnsOf: [String: [Int32]] = [:]
        var actionsOf: [String: [Int32]] = [:]
        if let data = journeys.first?.store.data {
            for j in journeys where columnsOf[j.programme.code] == nil {
                let p = j.programme
                columnsOf[p.code] = sessionColumns.map { code in
                    p.sessions.contains { $0.code == code } ? data.sessions.find(SessionKey(p.code, code)) ?? -1 : -1
                }
                actionsOf[p.code] = p.sessions.filter { $0.kind == .action }.map { data.sessions.find($0.key) ?? -1 }
            }
        }
        let columns = columnsOf
        let actions = actionsOf
        return split(
            name: "Parcours", headers: headers, count: journeys.count, maxRows: maxRows, keyColumns: 2,
            widths: [11, 24, 22, 28, 26] + sessionColumns.map { _ in 11 } + [14, 22]
        ) { i, w in
            let j = journeys[i]
            let pool = j.store.data.pool
            let last = j.lastRow
            try w.text(0, j.programme.code)
            if people.pseudonymise {
                try w.text(1, people.pseudonym(j.participant))
                try w.text(2, people.pseudonym(j.participant))
            } else {
                try w.name(1, last: last.lastName, first: last.firstName, in: pool)
                if last.identifiedByEmail { try w.text(2, People.byEmail) } else { try w.text(2, j.participantID, in: pool) }
            }
            try w.text(3, j.cooperativeID, in: pool)
            try w.text(4, last.role, in: pool)
            for (c, number) in (columns[j.programme.code] ?? []).enumerated() where number >= 0 {
                let seat = j.seat(number)
                try w.text(5 + c, seat.map { Words.attendance($0.status, $0.attendance) } ?? "—")
            }
            try w.text(5 + sessionColumns.count, project(actions[j.programme.code] ?? [], of: j))
            try w.label(6 + sessionColumns.count, j.outcomeText)
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

    /// Parcours' headers around its session columns.
    static func journeyHeaders(_ sessionColumns: [String]) -> [String] {
        ["Programme", "Participant", "Identifiant", "Coopérative", "Fonction"] + sessionColumns + ["Projet (action)", "Issue"]
    }

    /// The action phase, read with the journeys' own rule (`JourneyStep`): carried out,
    /// not carried out (absent, cancelled, waitlisted, not registered), or not recorded yet.
    static func project(_ actions: [Int32], of j: JourneyRow) -> String {
        if actions.isEmpty { return "" }
        let steps = actions.map { JourneyStep(seat: j.seat($0)).state }
        if steps.allSatisfy({ $0 == .done }) { return "réalisé" }
        if steps.contains(.missed) { return "non réalisé" }
        return "non renseigné"
    }

    /// Sheets of at most `maxRows` rows (header included), rows made on demand.
    static func split(
        name: String, headers: [String], count: Int, maxRows: Int, keyColumns: Int, widths: [Double],
        row: @escaping @Sendable (Int, inout RowWriter) throws -> Void
    ) -> [SheetPlan] {
        let perSheet = maxRows - 1
        let parts = max(1, (count + perSheet - 1) / perSheet)
        return (0..<parts).map { part in
            var sheet = SheetPlan(name: part == 0 ? name : "\(name) (\(part + 1))")
            sheet.append(headers.map(Cell.header))
            let first = part * perSheet
            let rows = min(perSheet, count - first)
            sheet.generated = GeneratedRows(count: max(0, rows)) { try row(first + $0, &$1) }
            sheet.frozenRows = 1
            sheet.keyColumns = keyColumns
            sheet.columnWidths = widths
            sheet.tables = [TablePlan(headerRow: 0, firstColumn: 0, lastRow: max(rows, 1), headers: headers)]
            return sheet
        }
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
