/// BPF: section F-1 of the bilan pédagogique et financier — trainees and hours-trainee by
/// type of public — with the revenue HT and a check that the lines add up to the totals.
enum BPFSheet {
    static func plan(_ bpf: BPF, _ m: MetricsResult) -> SheetPlan {
        var sheet = SheetPlan(name: "BPF")
        sheet.append([.text("Bilan pédagogique et financier — F-1. Type de stagiaires", .title)])
        sheet.append([.text("Période", .label), .text(m.period.french)])
        sheet.append([])
        let headers: [Cell] = [
            .header("Ligne"), .header("Type de stagiaires"), Cell(.text("Nombre de stagiaires"), .numberHeader),
            Cell(.text("Heures-stagiaires"), .numberHeader),
        ]
        sheet.append(headers)
        for row in bpf.rows {
            sheet.append([.text(row.line.rawValue), .text(row.line.french), .int(row.trainees), .number(row.hours, .hours)])
        }
        let sumTrainees = bpf.rows.reduce(0) { $0 + $1.trainees }
        let sumHours = bpf.rows.reduce(0) { $0 + $1.hours }
        sheet.append([
            .text("Total", .label), .text("Stagiaires distincts présents au moins une fois", .label),
            .int(bpf.trainees), .number(bpf.hours, .hours),
        ])
        let traineesOK = sumTrainees == bpf.trainees
        let hoursOK = abs(sumHours - bpf.hours) < 1e-9
        sheet.append([
            .text("Contrôle", .label), .text("Somme des lignes = total"),
            .text(traineesOK ? "OK" : "écart de \(sumTrainees - bpf.trainees)", traineesOK ? .body : .warning),
            .text(hoursOK ? "OK" : "écart de \(sumHours - bpf.hours)", hoursOK ? .body : .warning),
        ])
        sheet.append([])
        sheet.append([.text("Produits HT", .label), .text("Prix HT × inscrits, sessions de la période"), .number(bpf.revenueHT, .euros)])
        sheet.append([])
        sheet.append([
            .empty,
            Cell(
                .text(
                    "Un stagiaire est rangé sur la ligne de la fonction de sa dernière inscription de la période (réglage bpf du fichier de tâche ; par défaut : salariés d'employeurs privés)."
                ), .wrap),
        ])
        sheet.frozenRows = 0
        sheet.fitColumns(fixed: [0: 10, 1: 70, 2: 20, 3: 20])
        sheet.fitRowHeights()
        return sheet
    }
}
