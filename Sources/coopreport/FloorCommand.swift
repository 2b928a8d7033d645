import ArgumentParser
import Foundation
import XlsxWriter

/// The benchmark's writer floor: writes as many rows of the Relevé d'assiduité's shape (13
/// cells, the same kinds as the sheet's: texts, a date, a number), of the Parcours sheet's
/// (text) and of the list sheets' (Commentaires, Alertes: four texts and a number) with
/// the libxlsxwriter wrapper alone, so that a report's time can be compared with what the
/// writer itself costs for as many cells. Not for users; hidden.
struct FloorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-floor", abstract: "Plancher du banc d'essai : écrire N lignes de détail avec le seul écrivain de classeur.",
        shouldDisplay: false)

    @Option(help: "Lignes à écrire.")
    var rows = 100_000

    @Option(help: "Lignes Parcours à écrire après les lignes du relevé d'assiduité.")
    var journeys = 0

    @Option(help: "Cellules par ligne Parcours.")
    var journeyColumns = 13

    @Option(help: "Lignes de liste (forme des feuilles Commentaires et Alertes) à écrire ensuite.")
    var listRows = 0

    @Option(help: "Le fichier .xlsx à écrire.")
    var out: String

    @Flag(help: "Mode « constant memory » de libxlsxwriter.")
    var constantMemory = false

    func run() throws {
        let workbook = try Workbook(path: out, constantMemory: constantMemory)
        let name = "Relevé d'assiduité"
        var sheet = try workbook.addWorksheet(named: name)
        let date = CellFormat(numberFormat: "dd/mm/yyyy")
        let trainers = "Olivier Maurel, Lucine Leclercq"
        let venue = "Crown Plaza, 10 place de la République, 75011 Paris"
        var written = 0
        while written < rows {
            if written > 0 && written % (Worksheet.maxRows - 1) == 0 {
                sheet = try workbook.addWorksheet(named: "\(name) (\(written / (Worksheet.maxRows - 1) + 1))")
            }
            let r = written % (Worksheet.maxRows - 1) + 1
            let i = written
            try sheet.write(text: "PRG-\(i % 100)", row: r, column: 0)
            try sheet.write(text: "S\(i % 4 + 1)", row: r, column: 1)
            try sheet.write(number: 44_000 + Double(i % 700), row: r, column: 2, format: date)
            try sheet.write(text: i % 2 == 0 ? "matin" : "après-midi", row: r, column: 3)
            try sheet.write(text: "MARTIN Léa \(i % 300_000)", row: r, column: 4)
            try sheet.write(text: "P\(i % 300_000)", row: r, column: 5)
            try sheet.write(text: "Coopérative d'Hlm n° \(i % 40)", row: r, column: 6)
            try sheet.write(text: "inscrit", row: r, column: 7)
            try sheet.write(text: "présent", row: r, column: 8)
            try sheet.write(number: 3.5, row: r, column: 9)
            try sheet.write(text: trainers, row: r, column: 10)
            try sheet.write(text: venue, row: r, column: 11)
            try sheet.write(text: "", row: r, column: 12)
            written += 1
        }
        var journeySheet = try workbook.addWorksheet(named: "Parcours")
        for i in 0..<journeys {
            if i > 0 && i % (Worksheet.maxRows - 1) == 0 {
                journeySheet = try workbook.addWorksheet(named: "Parcours (\(i / (Worksheet.maxRows - 1) + 1))")
            }
            let r = i % (Worksheet.maxRows - 1) + 1
            let texts = ["PRG-\(i % 100)", "MARTIN Léa \(i)", "P\(i)", "Coopérative d'Hlm n° \(i % 40)", "Référent Vie coopérative"]
            for c in 0..<journeyColumns {
                try journeySheet.write(
                    text: c < texts.count ? texts[c] : c == journeyColumns - 1 ? "terminé" : "présent", row: r, column: c)
            }
        }
        var listSheet = try workbook.addWorksheet(named: "Listes")
        for i in 0..<listRows {
            if i > 0 && i % (Worksheet.maxRows - 1) == 0 {
                listSheet = try workbook.addWorksheet(named: "Listes (\(i / (Worksheet.maxRows - 1) + 1))")
            }
            let r = i % (Worksheet.maxRows - 1) + 1
            try listSheet.write(text: "PRG-\(i % 100)", row: r, column: 0)
            try listSheet.write(number: Double(i + 2), row: r, column: 1)
            try listSheet.write(text: "Coopérative d'Hlm n° \(i % 40)", row: r, column: 2)
            try listSheet.write(
                text: "prérequis non respecté : P\(i) (Coopérative d'Hlm n° \(i % 40)) inscrit à PRG-\(i % 100)/S3 sans avoir suivi ACT",
                row: r, column: 3)
            try listSheet.write(text: "session", row: r, column: 4)
        }
        try workbook.close()
    }
}
