import Foundation

/// BPF: the frames of the bilan pédagogique et financier (cerfa 10443) in the cerfa's order
/// and words — those the data can fill, and A, D and H with their lines « à remplir » —
/// with checks that compare sums made apart (F-1 against F-3, F-4 and the attendance record).
enum BPFSheet {
    /// What a line the data cannot fill says.
    static let toFill = "à remplir"

    static func plan(_ bpf: BPF, _ doc: ReportDocument) -> SheetPlan {
        let m = doc.metrics
        var sheet = SheetPlan(name: "BPF")
        sheet.append([.text("Bilan pédagogique et financier (cerfa 10443)", .title)])
        sheet.append([.text("Période", .label), .text(m.period.french)])
        frameA(doc.options.organisation, into: &sheet)
        frameB(bpf, into: &sheet)
        notes(bpf, into: &sheet)
        // Printed on four pages, each frame whole: A, B and the notes; C and D; E, F-1 and F-2;
        // F-3 to the checks.
        sheet.pageBreaks.append(sheet.rows.count + 1)  // after the blank row, at C's title
        frameC(bpf, into: &sheet)
        frameD(into: &sheet)
        sheet.pageBreaks.append(sheet.rows.count + 1)  // at E's title
        frameE(bpf, into: &sheet)
        frameF1(bpf, into: &sheet)
        frame(&sheet, "F-2. Activité sous-traitée de l'organisme")
        countRow(
            &sheet, "", "Stagiaires ou apprentis dont l'action a été confiée par votre organisme à un autre organisme de formation",
            bpf.f2)
        sheet.pageBreaks.append(sheet.rows.count + 1)
        frameF3(bpf, into: &sheet)
        frameF4(bpf, into: &sheet)
        frame(&sheet, "G. Bilan pédagogique : stagiaires dont la formation a été confiée à votre organisme")
        countRow(&sheet, "", "Formations confiées à votre organisme par un autre organisme de formation", bpf.g)
        frameH(into: &sheet)
        checks(bpf, rejected: rejectedRegistrations(doc), into: &sheet)
        sheet.frozenRows = 0
        // A fixed scale, not fitted to the page: Excel ignores page breaks in a sheet fitted
        // to pages. At 72 % the four columns (98 characters) and each group of frames fit an A4
        // landscape page.
        sheet.pagesWide = 0
        sheet.printScale = 72
        sheet.fitColumns(fixed: [0: 8, 1: 62, 2: 14, 3: 14])
        sheet.fitRowHeights()
        return sheet
    }

    /// A frame's title and its column headers, short enough to stay on one line.
    static func frame(_ sheet: inout SheetPlan, _ title: String, count: String = "Stagiaires", hours: String = "Heures") {
        sheet.append([])
        sheet.append([.text(title, .label)])
        sheet.append([.header("Ligne"), .header(""), Cell(.text(count), .numberHeader), Cell(.text(hours), .numberHeader)])
    }

    static func countRow(_ sheet: inout SheetPlan, _ line: String, _ label: String, _ c: BPF.Count, role: Cell.Role = .wrap) {
        sheet.append([.text(line, role == .wrap ? .body : role), .text(label, role), .int(c.trainees), .number(c.hours, .hours)])
    }

    /// A line the organisation fills by hand: its label and « à remplir ».
    static func toFillRow(_ sheet: inout SheetPlan, _ line: String, _ label: String) {
        sheet.append([.text(line), .text(label, .wrap), .text(toFill, .warning)])
    }

    /// A. Identification: what the job's `organisation` block gives, the rest « à remplir ».
    static func frameA(_ o: Organisation, into sheet: inout SheetPlan) {
        sheet.append([])
        sheet.append([.text("A. Identification de l'organisme de formation", .label)])
        let known: [(String, String?)] = [
            ("Numéro de déclaration d'activité", o.ndaShown), ("Raison sociale", o.name.isEmpty ? nil : o.name),
            ("Forme juridique", nil), ("Numéro SIRET", o.siretShown), ("Code NAF", nil), ("Adresse", o.address),
            ("Téléphone", nil), ("Courriel", nil), ("Exercice comptable (du … au …)", nil),
        ]
        for (label, value) in known {
            if let value { sheet.append([.text("A"), .text("\(label) : \(value)", .wrap)]) } else { toFillRow(&sheet, "A", label) }
        }
    }

    /// D. Charges: the accounts hold them, not the registrations.
    static func frameD(into sheet: inout SheetPlan) {
        sheet.append([])
        sheet.append([.text("D. Bilan financier hors taxes : charges de l'organisme", .label)])
        toFillRow(&sheet, "Total", "Total des charges de l'organisme liées à l'activité de formation")
        toFillRow(&sheet, "", "dont salaires des formateurs")
        toFillRow(&sheet, "", "dont achats de prestation de formation et honoraires de formation")
    }

    /// H. The person who is the organisation's head (dirigeant): not in the data.
    static func frameH(into sheet: inout SheetPlan) {
        sheet.append([])
        sheet.append([.text("H. Personne ayant la qualité de dirigeant", .label)])
        for label in ["Nom et prénom", "Qualité", "Téléphone", "Courriel"] { toFillRow(&sheet, "H", label) }
    }

    /// Registration rows rejected that belong to the period's sessions or cannot be placed
    /// (the Rejets sheet): hours the BPF may be missing.
    static func rejectedRegistrations(_ doc: ReportDocument) -> Int {
        let files = Set(doc.inputs.filter { $0.role == .registrations }.map(\.path))
        let sessions = Set(doc.metrics.sessions.map(\.session.key))
        return doc.rejects.filter { files.contains($0.file) && $0.scope(inPeriod: sessions) != .outside }.count
    }

    static func frameB(_ bpf: BPF, into sheet: inout SheetPlan) {
        sheet.append([])
        sheet.append([.text("B. Caractéristiques de l'organisme", .label)])
        sheet.append([
            .text("B"), .text("Formations réalisées totalement ou partiellement à distance", .wrap),
            .text(bpf.remoteSessions > 0 ? "Oui (\(plural(bpf.remoteSessions, "session")))" : "Non"),
        ])
    }

    static func frameC(_ bpf: BPF, into sheet: inout SheetPlan) {
        sheet.append([])
        sheet.append([
            .text(
                "C. Bilan financier hors taxes : origine des produits de l'organisme — estimation à rapprocher de la comptabilité", .label)
        ])
        sheet.append([
            .empty,
            .text(
                "Estimation : prix du catalogue × \(bpf.presentOnly ? "présents" : "inscrits"), pas le chiffre d'affaires comptabilisé.",
                .warning),
        ])
        sheet.append([.header("Ligne"), .header("Produits provenant"), Cell(.text("Montant HT (€)"), .numberHeader)])
        for r in bpf.revenue {
            if r.line == .c2a {
                sheet.append([
                    .empty,
                    .text(
                        "Des organismes gestionnaires des fonds de la formation professionnelle pour des actions dispensées dans le cadre :",
                        .wrap),
                ])
            }
            if r.line == .c4 {
                sheet.append([.empty, .text("Des pouvoirs publics pour la formation de publics spécifiques :", .wrap)])
            }
            sheet.append([.text(r.line.number), .text(r.line.french, .wrap), .number(r.amount, .euros)])
            if r.line == .c2h {
                let funds = bpf.revenue.filter(\.line.isFund).reduce(0) { $0 + $1.amount }
                sheet.append([
                    .text("2", .label),
                    .text(
                        "Total des produits provenant des organismes gestionnaires des fonds de la formation professionnelle (total des lignes a à h)",
                        .labelWrap),
                    .number(funds, .euros),
                ])
            }
        }
        if bpf.revenueUnassigned > 0 {
            sheet.append([
                .text("?", .warning), .text("Non ventilé : inscriptions sans ligne de financeur (voir les alertes ci-dessous)", .warning),
                .number(bpf.revenueUnassigned, .euros),
            ])
        }
        sheet.append([
            .text("Total", .label),
            .text(
                "Total des produits réalisés au titre de la formation professionnelle (estimation à rapprocher de la comptabilité)",
                .labelWrap),
            .number(bpf.revenueTotal, .euros),
        ])
        for (value, nearest) in bpf.unmappedPayers {
            let hint = nearest.map { " (la plus proche : « \($0) »)" } ?? ""
            sheet.append([
                .text("Alerte", .warning),
                .text("Financeur « \(value) » sans ligne dans bpf.payers du fichier de tâche\(hint) : compté en « non ventilé »", .warning),
            ])
        }
        for key in bpf.unusedPayers {
            sheet.append([
                .text("Alerte", .warning), .text("bpf.payers nomme « \(key) », qu'aucune inscription de la période ne porte", .warning),
            ])
        }
    }

    static func frameE(_ bpf: BPF, into sheet: inout SheetPlan) {
        frame(&sheet, "E. Personnes dispensant des heures de formation", count: "Personnes", hours: "Heures dispensées")
        for t in bpf.trainers {
            let label = t.status?.french ?? "Formateurs sans statut (le fichier de tâche n'a pas de bloc « trainers »)"
            sheet.append([.text(""), .text(label, t.status == nil ? .warning : .wrap), .int(t.people), .number(t.hours, .hours)])
        }
    }

    static func frameF1(_ bpf: BPF, into sheet: inout SheetPlan) {
        sheet.append([])
        sheet.append([.text("F. Bilan pédagogique : stagiaires et apprentis", .label)])
        frame(&sheet, "F-1. Type de stagiaires de l'organisme")
        for (line, c) in bpf.f1 { countRow(&sheet, line.rawValue, line.french, c) }
        countRow(&sheet, "Total", "Total des stagiaires et apprentis", bpf.f1Total, role: .label)
        countRow(&sheet, "", "dont stagiaires et apprentis ayant suivi une action en tout ou partie à distance", bpf.f1Remote)
        for role in bpf.unusedRoles {
            sheet.append([
                .text("Alerte", .warning),
                .text(
                    "bpf.roles nomme la fonction « \(role) », qu'aucune inscription de la période ne porte : vérifiez son orthographe dans la colonne role",
                    .warning),
            ])
        }
    }

    static func frameF3(_ bpf: BPF, into sheet: inout SheetPlan) {
        frame(&sheet, "F-3. Objectif général des prestations dispensées")
        for (line, c) in bpf.f3 { countRow(&sheet, line.rawValue, line.french, c) }
        if !bpf.f3Missing.isEmpty {
            sheet.append([
                .text("?", .warning),
                .text(
                    "Programmes sans objectif dans bpf.objectives du fichier de tâche, hors lignes : \(bpf.f3Missing.joined(separator: ", "))",
                    .warning),
            ])
        }
        countRow(&sheet, "Total", "Total", bpf.f3Total, role: .label)
    }

    static func frameF4(_ bpf: BPF, into sheet: inout SheetPlan) {
        frame(&sheet, "F-4. Spécialités de formation (code NSF et libellé)")
        for s in bpf.f4 { countRow(&sheet, s.code, s.label.isEmpty ? "(libellé non indiqué au catalogue)" : s.label, s.count) }
        if bpf.f4Others.trainees > 0 { countRow(&sheet, "", "Autres spécialités", bpf.f4Others) }
        if !bpf.f4Missing.isEmpty {
            sheet.append([
                .text("?", .warning),
                .text("Programmes sans code NSF (nsf) au catalogue, hors lignes : \(bpf.f4Missing.joined(separator: ", "))", .warning),
            ])
        }
        countRow(&sheet, "Total", "Total", bpf.f4Total, role: .label)
    }

    /// Each check compares two sums made apart, so that it can fail: F-1 against F-3 and
    /// F-4 (per programme, from the job and the catalogue), against the attendance record
    /// (present registrations, the Relevé d'assiduité's hours) and against Synthèse's hours.
    /// The rows rejected and the hours estimated are stated beside them.
    static func checks(_ bpf: BPF, rejected: Int, into sheet: inout SheetPlan) {
        sheet.append([])
        sheet.append([.text("Contrôles", .label)])
        sheet.append([
            .header(""), .header("Totaux qui doivent concorder"), Cell(.text("Stagiaires"), .numberHeader),
            Cell(.text("Heures"), .numberHeader),
        ])
        let f1 = bpf.f1Total
        for (label, other) in [("Total F-1 = total F-3", bpf.f3Total), ("Total F-1 = total F-4", bpf.f4Total)] {
            sheet.append([
                .text("Contrôle", .label), .text(label), verdict(f1.trainees - other.trainees),
                verdict(f1.hours - other.hours, hours: true),
            ])
        }
        sheet.append([
            .text("Contrôle", .label),
            .text(
                "Total F-1 = inscriptions présentes ou partielles aux sessions de la période (participants par programme ; heures du Relevé d'assiduité de ces inscriptions)",
                .wrap),
            verdict(f1.trainees - bpf.present.trainees), verdict(f1.hours - bpf.present.hours, hours: true),
        ])
        sheet.append([
            .text("Contrôle", .label), .text("Heures F-1 = heures-stagiaires de la période (Synthèse)"), .empty,
            verdict(f1.hours - bpf.periodHours, hours: true),
        ])
        sheet.append([
            .text("Écartées", rejected > 0 ? .warning : .body),
            .text("Lignes d'inscription écartées (feuille Rejets) : ni stagiaires ni heures ; corrigez-les pour les compter", .wrap),
            .int(rejected),
        ])
        sheet.append([
            .text("Estimées", bpf.estimated.trainees > 0 ? .warning : .body),
            .text(
                "Inscriptions comptées avec des heures estimées (« partiel » sans heures, heures saisies illisibles ou au-delà de la durée de la session : heures de la présence) — lignes et heures",
                .wrap),
            .int(bpf.estimated.trainees), .number(bpf.estimated.hours, .hours),
        ])
    }

    static func verdict(_ gap: Int) -> Cell { gap == 0 ? .text("OK") : .text("écart de \(gap)", .warning) }

    static func verdict(_ gap: Double, hours: Bool) -> Cell {
        guard abs(gap) >= 1e-6 else { return .text("OK") }
        let rounded = (gap * 100).rounded() / 100
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded).replacingOccurrences(of: ".", with: ",")
        return .text("écart de \(text) h", .warning)
    }

    static func notes(_ bpf: BPF, into sheet: inout SheetPlan) {
        let zero = bpf.zeroHourTrainees
        let notes = [
            "Heures comptées dans l'année où elles ont été dispensées : les sessions qui commencent dans la période. Un stagiaire est un participant dans un programme (une action) ayant suivi au moins une heure de formation dans la période ; il est rangé sur la ligne F-1 de la fonction de sa dernière inscription au programme (bpf.roles ; par défaut : ligne \(bpf.defaultLine.rawValue)).",
            zero == 0
                ? "Aucune inscription sans heure de formation dans la période."
                : "\(plural(zero, "participant", "participants")) à un programme sans aucune heure de formation dans la période (par exemple la seule phase projet, ou absent) \(zero > 1 ? "ne sont pas comptés" : "n'est pas compté") comme \(zero > 1 ? "stagiaires" : "stagiaire") (un par programme).",
            "C : estimation, prix HT de la session au catalogue × \(bpf.presentOnly ? "participants présents" : "inscrits") (bpf.invoiced), sur la ligne du financeur de chaque inscription (colonne payer, bpf.payers) ; à rapprocher de la comptabilité. A, D et H : à remplir (les données n'en disent rien, sauf l'identité de l'organisme que donne le bloc organisation du fichier de tâche). E : heures de chaque session dispensée de la période, pour chacun de ses formateurs. F-2 et G : valeurs du fichier de tâche (0 par défaut).",
        ]
        sheet.append([])
        for note in notes { sheet.append([.empty, Cell(.text(note), .wrap)]) }
    }
}
