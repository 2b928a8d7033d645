/// Catalogue: the evidence of indicator 1, one row per session of the period saying which
/// of the elements the guide de lecture lists its catalogue entry states
/// (`CatalogueCheck`), and whether the entry is complete; below, the catalogue keys that
/// would state the missing ones. The project phase is not listed.
enum CatalogueSheet {
    static func plan(_ m: MetricsResult) -> SheetPlan {
        var sheet = SheetPlan(name: "Catalogue")
        let elements = CatalogueCheck.Element.allCases
        let headers = ["Programme", "Session", "Intitulé", "Début"] + elements.map(\.label) + ["Entrée complète"]
        sheet.append(headers.map(Cell.header))
        let checks = CatalogueCheck.of(m)
        for check in checks {
            let s = check.session
            var row: [Cell] = [.text(s.programme), .text(s.code), Cell(.text(s.title), .wrap), Cell(.date(s.start))]
            for element in elements {
                row.append(check.states(element) ? .text("oui") : Cell(.text("non"), .flagged))
            }
            row.append(check.isComplete ? .text("oui") : Cell(.text("non"), .flagged))
            sheet.append(row)
        }
        sheet = EvidenceSheets.finish(sheet, headers: headers, keyColumns: 2, fixed: [2: 30, 3: 11])
        // Below the table, in the wide title column: what to write in the catalogue.
        let missing = elements.filter { e in checks.contains { !$0.states(e) } }
        if !missing.isEmpty {
            sheet.append([])
            sheet.append([
                .empty, .empty,
                Cell(
                    .text(
                        "À compléter dans le catalogue (clé du programme, ou de la session quand elle diffère) : "
                            + missing.map { "\($0.label.lowercased()) → \($0.key)" }.joined(separator: " ; ") + "."), .wrap),
            ])
            sheet.fitRowHeights()
        }
        sheet.pagesWide = 1
        return sheet
    }
}
