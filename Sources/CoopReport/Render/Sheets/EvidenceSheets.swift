/// The participant-level sheets: Émargement (attendance evidence), Parcours (journeys),
/// Amélioration (what to improve). Names appear here only, or pseudonyms.
enum EvidenceSheets {
    static func attendance(_ e: Evidence, people: People) -> SheetPlan {
        var sheet = SheetPlan(name: "Émargement")
        let headers = [
            "Programme", "Session", "Date", "Participant", "Identifiant", "Coopérative", "Fonction", "Statut",
            "Présence", "Demi-journées", "Heures", "Prérequis non respectés",
        ]
        sheet.append(headers.map(Cell.header))
        for row in e.attendance {
            let r = row.registration
            let role: Cell.Role = row.missing.isEmpty ? .body : .flagged
            var cells: [Cell] = [
                .text(r.session.programme), .text(r.session.session), Cell(.date(row.session.start)),
                .text(people.name(last: r.lastName, first: r.firstName, participant: r.participant)),
                .text(people.identifier(r.participant, byEmail: r.identifiedByEmail)), .text(r.cooperative), .text(r.role),
                .text(Words.status(r.status)), .text(Words.attendance(r)),
                r.halvesPresent.map { .text("\($0)/2") } ?? .empty, .number(row.hours, .hours),
                .text(row.missing.isEmpty ? "" : "non suivi : " + row.missing.joined(separator: ", ")),
            ]
            for i in cells.indices { cells[i].role = role }
            sheet.append(cells)
        }
        return finish(
            sheet, headers: headers, keyColumns: 4,
            fixed: [0: 11, 1: 8, 2: 10, 3: 24, 4: 14, 5: 28, 6: 26, 7: 10, 8: 10, 9: 9, 10: 8, 11: 24])
    }

    static func journeys(_ e: Evidence, people: People) -> SheetPlan {
        var sheet = SheetPlan(name: "Parcours")
        // One column per session of the widest programme, in catalogue order.
        let sessionColumns = e.journeys.reduce(into: [String]()) { codes, j in
            for s in j.programme.sessions where !codes.contains(s.code) { codes.append(s.code) }
        }
        let headers =
            ["Programme", "Participant", "Identifiant", "Coopérative", "Fonction"] + sessionColumns
            + ["Projet (action)", "Issue"]
        sheet.append(headers.map(Cell.header))
        for j in e.journeys {
            let actions = j.programme.sessions.filter { $0.kind == .action }
            let project: String
            if actions.isEmpty {
                project = ""
            } else if actions.allSatisfy({ j.registrations[$0.code]?.isPresent == true }) {
                project = "réalisé"
            } else if actions.contains(where: { j.registrations[$0.code]?.attendance == .absent }) {
                project = "non réalisé"
            } else {
                project = "non renseigné"
            }
            let own = Set(j.programme.sessions.map(\.code))
            sheet.append(
                [
                    .text(j.programme.code), .text(people.name(last: j.lastName, first: j.firstName, participant: j.participant)),
                    .text(people.identifier(j.participant, byEmail: j.identifiedByEmail)), .text(j.cooperative), .text(j.role),
                ]
                    + sessionColumns.map { own.contains($0) ? .text(Words.attendance(j.registrations[$0])) : .empty }
                    + [.text(project), .text(j.outcome.french, .label)])
        }
        return finish(sheet, headers: headers, keyColumns: 2)
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
