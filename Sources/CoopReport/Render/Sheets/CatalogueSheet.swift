/// Catalogue: the evidence of indicator 1, one row per session of the period saying which
/// of the elements the reference asks to publish its catalogue entry states
/// (`CatalogueCheck`), and whether the entry is complete.
enum CatalogueSheet {
    static func plan(_ m: MetricsResult) -> SheetPlan {
        var sheet = SheetPlan(name: "Catalogue")
        let elements = CatalogueCheck.Element.allCases
        let headers = ["Programme", "Session", "Intitulé", "Début"] + elements.map(\.label) + ["Entrée complète"]
        sheet.append(headers.map(Cell.header))
        for check in m.sessions.map({ CatalogueCheck.of($0.session) }) {
            let s = check.session
            var row: [Cell] = [.text(s.programme), .text(s.code), Cell(.text(s.title), .wrap), Cell(.date(s.start))]
            for element in elements {
                if !element.inCatalogue {
                    row.append(Cell(.text("non renseigné dans le catalogue"), .wrap))
                } else {
                    row.append(check.states(element) ? .text("oui") : Cell(.text("non"), .flagged))
                }
            }
            row.append(check.isComplete ? .text("oui") : Cell(.text("non"), .flagged))
            sheet.append(row)
        }
        sheet = EvidenceSheets.finish(sheet, headers: headers, keyColumns: 2, fixed: [2: 30, 3: 11, 9: 18])
        sheet.pagesWide = 1
        return sheet
    }
}
