/// Catalogue: the evidence of indicator 1, one row per session of the period saying which
/// of the elements the reference asks to publish its catalogue entry states
/// (`CatalogueCheck`), and whether the entry is complete. The project phase is not listed.
enum CatalogueSheet {
    static func plan(_ m: MetricsResult) -> SheetPlan {
        var sheet = SheetPlan(name: "Catalogue")
        let elements = CatalogueCheck.Element.allCases
        let headers = ["Programme", "Session", "Intitulé", "Début"] + elements.map(\.label) + ["Entrée complète"]
        sheet.append(headers.map(Cell.header))
        for check in CatalogueCheck.of(m) {
            let s = check.session
            var row: [Cell] = [.text(s.programme), .text(s.code), Cell(.text(s.title), .wrap), Cell(.date(s.start))]
            for element in elements {
                row.append(check.states(element) ? .text("oui") : Cell(.text("non"), .flagged))
            }
            row.append(check.isComplete ? .text("oui") : Cell(.text("non"), .flagged))
            sheet.append(row)
        }
        sheet = EvidenceSheets.finish(sheet, headers: headers, keyColumns: 2, fixed: [2: 30, 3: 11, 9: 18])
        sheet.pagesWide = 1
        return sheet
    }
}
