import XlsxWriter

/// A member cooperative's own workbook (`split: cooperative`): its figures beside the
/// federation's, its sessions, its people, their certificates' hours, its comments and its
/// rejected rows. Nothing in it names another cooperative, person or comment: each sheet is
/// made from the cooperative's `Part` alone, and the federation appears only as totals.
enum CooperativeWorkbook {
    static func plan(_ part: CooperativeParts.Part, of parts: CooperativeParts, _ doc: ReportDocument) -> [SheetPlan] {
        let m = doc.metrics
        let people = People(doc.options)
        var sheets = [summary(part, doc), GroupSheet.sessions(parts.sessions(of: part), minGroupSize: m.minGroupSize)]
        if let e = parts.evidence(of: part) {
            sheets += EvidenceSheets.attendance(e, people: people, paths: doc.paths) + EvidenceSheets.journeys(e, people: people)
        }
        sheets.append(certificates(parts.certificates(of: part)))
        sheets += comments(parts.comments(of: part, in: m))
        var own = ReportDocument(
            metrics: m, inputs: doc.inputs, rejects: rejects(part, doc), warnings: [], toolVersion: doc.toolVersion)
        own.paths = doc.paths
        sheets += ListSheets.rejects(own)
        sheets.append(MethodSheet.plan(m, evidenceFigures: false, namingHidden: false))
        for i in sheets.indices { sheets[i].highlightTargets(doc.options) }
        return sheets
    }

    /// Its rejected rows of the period's sessions and those not placed in any session: it
    /// has no rejects.csv to find the other periods' in.
    static func rejects(_ part: CooperativeParts.Part, _ doc: ReportDocument) -> [Diagnostic] { doc.listed(part.rejects).rows }

    /// The figures Synthèse sets side by side: registrations, then the report's key figures.
    static let figures: [Metric] = [.registered] + Analysis.keyFigures

    /// The federation's figures as a cooperative's workbook shows them: its satisfaction
    /// figures hidden when the other cooperatives' responses are fewer than `min_group_size`
    /// (but some), since the federation minus the cooperative would be theirs.
    static func federation(_ part: CooperativeParts.Part, _ m: MetricsResult) -> Figures {
        let others = m.overall.tally.responses - part.figures.tally.responses
        return others > 0 && others < m.minGroupSize && !m.overall.suppressed ? m.overall.hiddenAsComplement() : m.overall
    }

    static func summary(_ part: CooperativeParts.Part, _ doc: ReportDocument) -> SheetPlan {
        let m = doc.metrics
        var sheet = SheetPlan(name: "Synthèse")
        sheet.append([.text("\(part.name) — rapport de formation", .title)])
        if let note = doc.emptyPeriodNote { sheet.append([.text(note, .warning)]) }
        sheet.append([.text("Période", .label), .text(SummarySheet.periodText(m))])
        sheet.append([.text("Date d'arrêté", .label), Cell(.date(m.asOf))])
        if doc.options.organisation != ReportOptions().organisation {
            sheet.append([.text("Établi par", .label), .text(doc.options.organisation.name)])
        }
        sheet.append([])
        sheet.append([
            .header("Indicateur"), Cell(.text("Votre coopérative"), .numberHeader), Cell(.text("Fédération"), .numberHeader),
            Cell(.text("Écart"), .numberHeader),
        ])
        let federation = federation(part, m)
        for metric in figures {
            sheet.append([
                .text(metric.label, .label), FigureCells.value(metric, part.figures, minGroupSize: m.minGroupSize),
                FigureCells.value(metric, federation, minGroupSize: m.minGroupSize),
                // A gap between a cooperative's count and the federation's says nothing.
                metric.unit == .rate ? FigureCells.gap(metric, part.figures, federation) : .empty,
            ])
        }
        sheet.append([])
        let rejected = rejects(part, doc).count
        // Short lines, each overflowing into the empty columns at its right: printed on the page.
        let notes = [
            "Mêmes définitions, même période, même date d'arrêté pour les deux colonnes.",
            "Écart : votre coopérative moins la fédération, en points pour un taux. La fédération compte toutes les coopératives, la vôtre comprise.",
            "Satisfaction : masquée pour un groupe de moins de \(m.minGroupSize) réponses, ici comme dans le rapport de la fédération.",
            "Ce classeur ne contient que vos sessions, vos participants, leurs certificats et vos lignes écartées : aucune autre coopérative.",
            "Commentaires : ceux de vos participants, dans les sessions où ils ont donné au moins \(m.minGroupSize) réponses.",
            "Feuilles : Sessions (vos inscrits et réponses), Relevé d'assiduité et Parcours (chaque participant), Certificats (heures), Méthode.",
            rejected == 0
                ? "Aucune ligne de vos exports n'a été écartée."
                : "\(plural(rejected, "ligne écartée", "lignes écartées")) de vos exports : feuille Rejets (à corriger dans l'export).",
        ]
        for note in notes { sheet.append([.text(note)]) }
        // Wide enough for « masqué (< 3 réponses) » on one line; a longer note wraps and its
        // row grows (LibreOffice does not grow it by itself).
        sheet.columnWidths = [36, 22, 22, 11, 22, 22]
        sheet.fitRowHeights()
        sheet.printArea = (sheet.rows.count - 1, sheet.columnWidths.count - 1)
        sheet.printPagesTall = 1
        return sheet
    }

    static func certificates(_ lines: [CooperativeParts.CertificateLine]) -> SheetPlan {
        let headers = ["Programme", "Participant", "Du", "Au", "Heures certifiées", "À compléter"]
        var sheet = SheetPlan(name: "Certificats")
        sheet.append(headers.map(Cell.header))
        for c in lines {
            sheet.append([
                .text(c.programme), .text(c.holder), Cell(.date(c.from)), Cell(.date(c.to)),
                c.hours.map { Cell.number($0, .hours) } ?? Cell(.note("à compléter")),
                .text(c.toComplete.isEmpty ? "" : "heures de \(c.toComplete.joined(separator: ", ")) à saisir"),
            ])
        }
        if lines.isEmpty {
            sheet.append([.text("Aucun certificat : aucun de vos participants n'a suivi de session animée sur la période.")])
        }
        sheet.frozenRows = 1
        if !lines.isEmpty {
            sheet.tables = [TablePlan(headerRow: 0, firstColumn: 0, lastRow: sheet.rows.count - 1, headers: headers)]
        }
        sheet.fitColumns(max: 40)
        sheet.pagesWide = 1
        return sheet
    }

    /// Its respondents' comments, where they gave at least `min_group_size` responses in the
    /// session: the session and date are shown (the session has as many responses at least).
    static func comments(_ comments: [MetricsResult.Comment], maxRows: Int = Worksheet.maxRows) -> [SheetPlan] {
        let rows: [[Cell]] = comments.map { c in
            [
                .text(c.session.programme), .text(c.session.session), c.submittedAt.map { Cell(.dateTime($0)) } ?? .empty,
                Cell(.text(c.text), .wrap),
            ]
        }
        return ListSheets.table(
            name: "Commentaires", headers: ["Programme", "Session", "Date", "Commentaire"], rows: rows, fixed: [2: 18, 3: 90],
            maxRows: maxRows)
    }

    /// The name of the main workbook's sheet listing the cooperatives' workbooks.
    static let listName = "Classeurs des coopératives"

    /// The main workbook's list of the cooperatives' workbooks: each linked, with its
    /// contact e-mail and the figures of `cooperatives/index.csv`, for a mail merge.
    static func list(_ parts: CooperativeParts, _ doc: ReportDocument) -> SheetPlan {
        let m = doc.metrics
        let headers = ["Coopérative", "Classeur", "Courriel de contact"] + CooperativeIndex.figures.map(\.label)
        var sheet = SheetPlan(name: listName)
        sheet.append(headers.enumerated().map { c, h in c < 3 ? .header(h) : Cell(.text(h), .numberHeader) })
        for part in parts.parts {
            sheet.append(
                [
                    .text(part.name), Cell(.fileLink(path: CooperativeParts.folder + "/" + part.file, text: part.file)),
                    .text(doc.contactEmail(of: part.name) ?? ""),
                ] + CooperativeIndex.figures.map { FigureCells.value($0, part.figures, minGroupSize: m.minGroupSize) })
        }
        if parts.parts.isEmpty { sheet.append([.text("Aucune coopérative n'a d'inscrit sur la période : aucun classeur écrit.")]) }
        sheet.frozenRows = 1
        if !parts.parts.isEmpty {
            sheet.tables = [TablePlan(headerRow: 0, firstColumn: 0, lastRow: sheet.rows.count - 1, headers: headers)]
        }
        sheet.targetColumns = Dictionary(
            uniqueKeysWithValues: CooperativeIndex.figures.enumerated().filter { $0.element.unit == .rate }.map {
                (3 + $0.offset, $0.element)
            })
        sheet.fitColumns(max: 40)
        sheet.pagesWide = 1
        return sheet
    }
}
