/// Certificats de réalisation: one printable A4 portrait page per participant and
/// programme (`reports.md`, « Version 2 of the evidence report »). Each certificate starts
/// a page (a manual page break); the three columns fit the page's width at 100 %, so no
/// fitting is asked (Excel would then ignore the breaks). The holder's name is shown
/// whatever `pseudonymise` says; an e-mail never is.
enum CertificatesSheet {
    static let name = "Certificats de réalisation"
    /// Certificates per sheet: Excel keeps at most 1,023 manual page breaks in a sheet.
    static let perSheet = 1000
    /// Session (code and title, wrapped), date, hours: 64 characters, about 470 pixels in
    /// Excel of the 660 an A4 portrait page holds between libxlsxwriter's default margins,
    /// and still within the page where LibreOffice draws characters wider (without Calibri).
    static let widths: [Double] = [44, 11, 9]

    static func plans(_ certificates: [Certificate], _ doc: ReportDocument) -> [SheetPlan] {
        let parts = max(1, (certificates.count + perSheet - 1) / perSheet)
        return (0..<parts).map { part in
            let slice = certificates[min(certificates.count, part * perSheet)..<min(certificates.count, (part + 1) * perSheet)]
            return plan(Array(slice), doc, name: part == 0 ? name : "\(name) (\(part + 1))")
        }
    }

    static func plan(_ certificates: [Certificate], _ doc: ReportDocument, name: String = name) -> SheetPlan {
        var sheet = SheetPlan(name: name)
        if certificates.isEmpty {
            sheet.append([.text("Certificats de réalisation", .title)])
            sheet.append([
                Cell(
                    .text(
                        "Aucun certificat : aucun participant n'a suivi une session de la période (\(doc.metrics.period.french))."),
                    .wrap)
            ])
        }
        for certificate in certificates {
            if !sheet.rows.isEmpty { sheet.pageBreaks.append(sheet.rows.count) }
            append(certificate, organisation: doc.options.organisation, asOf: doc.metrics.asOf, to: &sheet)
        }
        sheet.columnWidths = widths
        sheet.portrait = true
        sheet.pagesWide = 0
        sheet.printArea = (sheet.rows.count - 1, widths.count - 1)
        sheet.fitRowHeights()
        return sheet
    }

    /// One certificate's rows, from its title to the signature.
    static func append(_ c: Certificate, organisation o: Organisation, asOf: Day, to sheet: inout SheetPlan) {
        func line(_ text: String, _ role: Cell.Role = .wrap) { sheet.append([Cell(.text(text), role)]) }
        line("Certificat de réalisation", .title)
        line("Action concourant au développement des compétences", .body)
        sheet.append([])
        line("Organisme de formation", .label)
        line(o.name)
        if let siret = o.siretShown { line("SIRET : \(siret)") }
        if let nda = o.ndaShown { line("Déclaration d'activité n° \(nda)") }
        if let address = o.address { line(address) }
        sheet.append([])
        let signer = o.signatory.map { "Je soussigné(e), \($0), pour l'organisme de formation ci-dessus, certifie que :" }
        line(signer ?? "L'organisme de formation ci-dessus certifie que :")
        line(c.holder, .label)
        if !c.cooperative.isEmpty { line("Coopérative : \(c.cooperative)") }
        line("a suivi l'action : \(c.programmeTitle) (\(c.programmeCode))")
        line("Nature de l'action : action de formation (article L. 6313-1 du code du travail)")
        line(c.from == c.to ? "Date : le \(c.from.french)" : "Dates : du \(c.from.french) au \(c.to.french)")
        sheet.append([])
        // « Heures réalisées » on two lines: the row is made tall enough for them.
        let header = sheet.append([.header("Session suivie"), .header("Date"), Cell(.text("Heures réalisées"), .numberHeader)])
        sheet.rowHeights[header] = 30
        for l in c.lines {
            sheet.append([
                Cell(.text("\(l.code) — \(l.title)"), .wrap), date(l.start, l.end),
                l.hours.map { Cell(.number($0, .hours)) } ?? Cell(.text("à compléter"), .warning),
            ])
        }
        for p in c.projects {
            sheet.append([Cell(.text("\(p.code) — \(p.title) : phase projet \(p.state.french)"), .wrap), date(p.start, p.end)])
        }
        sheet.append([
            .text("Total des heures réalisées", .label), .empty,
            c.totalHours.map { Cell(.number($0, .hours), .label) } ?? Cell(.text("à compléter"), .warning),
        ])
        if !c.toComplete.isEmpty {
            line(
                "À compléter avant envoi : présence partielle sans heures saisies pour \(c.toComplete.joined(separator: ", ")) ; une estimation n'est pas certifiée."
            )
        }
        if !c.projects.isEmpty { line("La phase projet, travail en coopérative, n'est pas comptée en heures.") }
        sheet.append([])
        line("Fait pour servir et valoir ce que de droit.")
        line(o.town.map { "Fait à \($0), le \(asOf.french)" } ?? "Fait le \(asOf.french)")
        sheet.append([])
        if let signatory = o.signatory { line(signatory, .label) }
        line("Signature et cachet de l'organisme de formation")
        for _ in 0..<3 { sheet.append([]) }
        line("Pièces justificatives (feuilles d'émargement signées) conservées par l'organisme.")
    }

    /// A one-day session as a date; a longer one as « 01/01/2022 – 29/06/2022 ».
    static func date(_ start: Day, _ end: Day) -> Cell {
        start == end ? Cell(.date(start)) : Cell(.text("\(start.french) – \(end.french)"), .wrap)
    }
}
