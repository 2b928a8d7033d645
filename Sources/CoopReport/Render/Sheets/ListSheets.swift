/// The sheets that list rows rather than figures: comments, prerequisite violations,
/// rejected rows, warnings. None shows a name or an e-mail.
enum ListSheets {
    static func comments(_ m: MetricsResult) -> SheetPlan {
        table(
            name: "Commentaires", headers: ["Programme", "Session", "Date", "Coopérative", "Commentaire"],
            rows: m.comments.map { c in
                [
                    .text(c.session.programme), .text(c.session.session),
                    c.submittedAt.map { Cell(.dateTime($0)) } ?? .empty, .text(c.cooperative), Cell(.text(c.text), .wrap),
                ]
            }, fixed: [4: 80])
    }

    static func prerequisites(_ m: MetricsResult) -> SheetPlan {
        table(
            name: "Prérequis", headers: ["Programme", "Session", "Participant", "Coopérative", "Sessions requises non suivies", "Ligne"],
            rows: m.violations.map { v in
                let r = v.registration
                return [
                    .text(r.session.programme), .text(r.session.session), .text(r.publicIdentifier), .text(r.cooperative),
                    .text(v.missing.joined(separator: ", ")), .int(r.line),
                ]
            })
    }

    static func rejects(_ doc: ReportDocument) -> SheetPlan {
        table(
            name: "Rejets", headers: ["Fichier", "Ligne", "Colonne", "Motif", "Ligne brute (noms et courriels masqués)"],
            rows: doc.rejects.map { d in
                [
                    .text(d.file), .int(d.line), .text(d.column ?? ""), Cell(.text(d.message), .wrap),
                    Cell(.text(d.redactedRaw ?? ""), .wrap),
                ]
            }, fixed: [3: 60, 4: 60])
    }

    static func warnings(_ doc: ReportDocument) -> SheetPlan {
        table(
            name: "Alertes", headers: ["Fichier", "Ligne", "Colonne", "Message"],
            rows: doc.warnings.map { d in
                [.text(d.file), d.line > 0 ? .int(d.line) : .empty, .text(d.column ?? ""), Cell(.text(d.message), .wrap)]
            }, fixed: [3: 90])
    }

    static func table(name: String, headers: [String], rows: [[Cell]], fixed: [Int: Double] = [:]) -> SheetPlan {
        var sheet = SheetPlan(name: name)
        sheet.append(headers.map(Cell.header))
        for row in rows { sheet.append(row) }
        sheet.frozenRows = 1
        sheet.tables = [TablePlan(headerRow: 0, firstColumn: 0, lastRow: max(rows.count, 1), headers: headers)]
        sheet.fitColumns(max: 50, fixed: fixed)
        sheet.fitRowHeights()
        return sheet
    }
}
