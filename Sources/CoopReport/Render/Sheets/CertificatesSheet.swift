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
        sheet.printScale = printScale
        sheet.printArea = (sheet.rows.count - 1, widths.count - 1)
        sheet.fitRowHeights()
        return sheet
    }

    /// The most characters of a name from the inputs or the job (holder, cooperative,
    /// organisation, address, signatory) on a certificate: a 10,000-character name would push
    /// the page over several pages. 80 characters wrap on two lines of the first column.
    static let textLimit = 80
    /// The same for a programme's or a session's title, from the catalogue: longer in
    /// practice (« Extension : découverte de membres et d'actions du monde coopératif… »).
    static let titleLimit = 160
    /// Printed at a fixed 90 %: a certificate with its notes fits its A4 page (a fixed scale,
    /// not a fit to the page, which would make Excel ignore the page breaks).
    static let printScale = 90

    /// `text` clipped to `limit` characters, « … » marking the cut.
    static func clipped(_ text: String, _ limit: Int = textLimit) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// « Je soussigné(e), Marie Dupont, directrice, représentant(e) légal(e) de … » — in the
    /// capacity the job's `organisation.signs_as` gives (the ministry's model).
    static func attestation(_ o: Organisation) -> String {
        guard let signatory = o.signatory else { return "L'organisme de formation ci-dessus certifie que :" }
        let capacity =
            o.signsAs == .delegate
            ? "agissant par délégation du représentant légal de l'organisme de formation ci-dessus"
            : "représentant(e) légal(e) de l'organisme de formation ci-dessus"
        return "Je soussigné(e), \(clipped(signatory)), \(capacity), certifie que :"
    }

    /// The sentence on the supporting documents (the ministry's model, in our words).
    static let supportingDocuments =
        "Pièces justificatives (feuilles d'émargement signées) conservées par l'organisme trois ans après la fin de l'année du dernier paiement, pour les contrôles des financeurs."

    /// One certificate's rows, from its title to the signature. Texts from the inputs and
    /// the job are clipped (`clipped`) so that a certificate stays on its page.
    static func append(_ c: Certificate, organisation o: Organisation, asOf: Day, to sheet: inout SheetPlan) {
        func line(_ text: String, _ role: Cell.Role = .wrap) { sheet.append([Cell(.text(text), role)]) }
        line("Certificat de réalisation", .title)
        line("Action concourant au développement des compétences", .body)
        sheet.append([])
        line("Organisme de formation", .label)
        line(clipped(o.name))
        if let siret = o.siretShown { line("SIRET : \(siret)") }
        if let nda = o.ndaShown { line("Déclaration d'activité n° \(nda)") }
        if let address = o.address { line(clipped(address)) }
        sheet.append([])
        line(attestation(o))
        line(clipped(c.holder), .labelWrap)
        if !c.cooperative.isEmpty {
            line("salarié(e) de la coopérative : \(clipped(c.cooperative))")
            line("Adresse de l'employeur : \(c.employerAddress.map { clipped($0) } ?? "adresse à compléter")")
        }
        line("a suivi l'action : \(clipped(c.programmeTitle, titleLimit)) (\(clipped(c.programmeCode)))")
        line("Nature de l'action : action de formation (article L. 6313-1 du code du travail)")
        line(c.from == c.to ? "Date : le \(c.from.french)" : "Dates : du \(c.from.french) au \(c.to.french)")
        sheet.append([])
        // « Heures réalisées » on two lines: the row is made tall enough for them.
        let header = sheet.append([.header("Session suivie"), .header("Date"), Cell(.text("Heures réalisées"), .numberHeader)])
        sheet.rowHeights[header] = 30
        for l in c.lines {
            sheet.append([
                Cell(.text(clipped("\(l.code) — \(l.title)", titleLimit)), .wrap), date(l.start, l.end),
                l.hours.map { Cell(.number($0, .hours)) } ?? Cell(.text("à compléter"), .warning),
            ])
        }
        for p in c.projects {
            sheet.append([
                Cell(.text(clipped("\(p.code) — \(p.title)", titleLimit) + " : phase projet \(p.state.french)"), .wrap),
                date(p.start, p.end),
            ])
        }
        sheet.append([
            .text("Total des heures réalisées", .label), .empty,
            c.totalHours.map { Cell(.number($0, .hours), .label) } ?? Cell(.text("à compléter"), .warning),
        ])
        let pending = c.lines.compactMap { l in l.pending.map { "\(clipped(l.code)) (\($0.french))" } }
        if !pending.isEmpty {
            line("À compléter avant envoi : \(pending.joined(separator: ", ")).")
        }
        if !c.projects.isEmpty { line("Phase projet (travail en coopérative) : sans heures.") }
        sheet.append([])
        line(
            "Fait pour servir et valoir ce que de droit, " + (o.town.map { "à \(clipped($0)), le \(asOf.french)." } ?? "le \(asOf.french).")
        )
        sheet.append([])
        if let signatory = o.signatory { line(clipped(signatory), .labelWrap) }
        line(
            o.signsAs == .delegate
                ? "Signature et cachet de l'organisme de formation (par délégation du représentant légal)"
                : "Signature et cachet de l'organisme de formation (représentant légal)")
        for _ in 0..<3 { sheet.append([]) }
        line(supportingDocuments)
    }

    /// A one-day session as a date; a longer one as « 01/01/2022 – 29/06/2022 ».
    static func date(_ start: Day, _ end: Day) -> Cell {
        start == end ? Cell(.date(start)) : Cell(.text("\(start.french) – \(end.french)"), .wrap)
    }
}
