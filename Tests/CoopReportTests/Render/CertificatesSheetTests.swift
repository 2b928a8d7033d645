import Foundation
import Logging
import Testing

@testable import CoopReport

/// The certificates of completion on a hand-worked fixture: two certificates, one whose
/// hours are partly to complete, two participants without one.
@Suite("Certificats de réalisation")
struct CertificatesSheetTests {
    static let catalogue = """
        programmes:
          - code: P
            title: "Programme P"
            sessions:
              - {code: A, title: "Session A", start: 2022-01-10, hours: 7}
              - {code: PROJ, title: "Projet", kind: action, start: 2022-01-11, end: 2022-02-09, hours: 0}
              - {code: B, title: "Session B", start: 2022-02-10, hours: 6}
        """

    /// Léa (p1): A present → 7 h; PROJ done; B signed for the morning only → 6 × 1 / 2 = 3 h;
    /// total 7 + 3 = 10 h, from 10/01/2022 (A) to 10/02/2022 (B).
    /// Paul (p2): A partial with 5.5 hours recorded → 5.5 h; B partial, nothing recorded →
    /// « à compléter », and so is the total (line 6: one warning).
    /// Zoé (p3): absent at A, project done: no taught session attended, no certificate.
    /// An e-mail-only participant without name (line 9): no certificate, one warning.
    static let registrations =
        "programme;session;participant_id;email;last_name;first_name;cooperative;status;attendance;hours_attended;morning;afternoon\n"
        + "P;A;p1;lea@example.org;Durand;Léa;Coop Un;inscrit;présent;;;\n"
        + "P;PROJ;p1;lea@example.org;Durand;Léa;Coop Un;inscrit;présent;;;\n"
        + "P;B;p1;lea@example.org;Durand;Léa;Coop Un;inscrit;;;présent;absent\n"
        + "P;A;p2;paul@example.org;Martin;Paul;Coop Deux;inscrit;partiel;5,5;;\n"
        + "P;B;p2;paul@example.org;Martin;Paul;Coop Deux;inscrit;partiel;;;\n"
        + "P;A;p3;zoe@example.org;Petit;Zoé;Coop Un;inscrit;absent;;;\n"
        + "P;PROJ;p3;zoe@example.org;Petit;Zoé;Coop Un;inscrit;présent;;;\n"
        + "P;A;;anonyme@example.org;;;Coop Trois;inscrit;présent;;;\n"

    static let organisation = Organisation(
        name: "Fédération test", siret: "99988877700015", nda: "11759999975", address: "1 rue des Coopérateurs, 75011 Paris",
        signatory: "Marie Dupont, directrice", signsAs: .representative)

    /// The run into a temporary folder: its outcome and the workbook read back.
    static func run(pseudonymise: Bool = false, members: String? = nil) throws -> (ReportOutcome, XLSXReader, TemporaryDirectory) {
        let dir = try TemporaryDirectory()
        var request = ReportRequest(
            catalogue: try dir.write("catalogue.yml", catalogue), registrations: try dir.write("registrations.csv", registrations),
            evaluations: try dir.write("evaluations.csv", "programme,session,overall\nP,A,5\n"),
            outputDirectory: dir.url.appendingPathComponent("out").path, asOf: Fixtures.day("2022-03-01"), minGroupSize: 3)
        request.options.certificates = true
        request.options.organisation = organisation
        request.options.pseudonymise = pseudonymise
        if let members { request.members = InputSpec(try dir.write("adherents.csv", members)) }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let outcome = try Pipeline(logger: logger).run(request)
        return (outcome, try XLSXReader(url: URL(fileURLWithPath: outcome.outputs[0])), dir)
    }

    /// The sheet's text cells, row by row (first column, or the whole row joined by « | »).
    static func lines(_ x: XLSXReader) -> [String] {
        x.grid(CertificatesSheet.name).map { row in row.map { $0?.value ?? "" }.joined(separator: "|") }
    }

    @Test("each certificate states the organisation, the holder, the action, and the hours per session and in total")
    func cells() throws {
        let (outcome, x, dir) = try Self.run()
        defer { withExtendedLifetime(dir) {} }
        let certificates = try #require(outcome.document.certificates)
        #expect(certificates.map(\.holder) == ["Léa DURAND", "Paul MARTIN"])
        #expect(x.sheetNames == ["Certificats de réalisation", "Rejets", "Alertes"])
        let lines = Self.lines(x)
        let lea = try #require(lines.firstIndex(of: "Léa DURAND"))
        let paul = try #require(lines.firstIndex(of: "Paul MARTIN"))
        let first = Array(lines[..<paul])
        for expected in [
            "Certificat de réalisation", "Fédération test",
            "SIRET : 999 888 777 00015", "Déclaration d'activité n° 11 75 99999 75", "1 rue des Coopérateurs, 75011 Paris",
            "Je soussigné(e), Marie Dupont, directrice, représentant(e) légal(e) de l'organisme de formation ci-dessus, certifie que :",
            "salarié(e) de la coopérative : Coop Un", "Adresse de l'employeur : adresse à compléter",
            "a suivi l'action : Programme P (P)", CertificatesSheet.supportingDocuments,
            "Nature de l'action : action de formation (article L. 6313-1 du code du travail)",
            "Dates : du 10/01/2022 au 10/02/2022", "Fait pour servir et valoir ce que de droit, à Paris, le 01/03/2022.",
            "Marie Dupont, directrice",
        ] {
            #expect(first.contains(expected), "\(expected)")
        }
        let grid = x.grid(CertificatesSheet.name)
        func row(_ label: String, after start: Int) throws -> [XLSXReader.StoredCell?] {
            let r = try #require((start..<grid.count).first { grid[$0].first??.value == label }, "\(label)")
            return grid[r]
        }
        // Léa: 7 h at A, 3 h at B (half-days), the project without hours, 10 h in all.
        #expect(try row("A — Session A", after: lea)[2]?.number == 7)
        #expect(try row("B — Session B", after: lea)[2]?.number == 3)
        #expect(try row("PROJ — Projet : phase projet réalisée", after: lea).count <= 2)
        #expect(try row("Total des heures réalisées", after: lea)[2]?.number == 10)
        // Paul: 5.5 h recorded at A; B is an estimate: to complete, and so is the total.
        #expect(try row("A — Session A", after: paul)[2]?.number == 5.5)
        #expect(try row("B — Session B", after: paul)[2]?.value == "à compléter")
        #expect(try row("Total des heures réalisées", after: paul)[2]?.value == "à compléter")
        #expect(certificates[1].totalHours == nil && certificates[1].toComplete == ["B"])
    }

    @Test("the employer's address is its member's in the member list, found through an alias; « adresse à compléter » without one")
    func employerAddress() throws {
        // Coop Un is written « COOP-UN » in the list's alias column and has an address; Coop
        // Deux is a member without one.
        let members =
            "Coopérative;Alias;Région;Adresse\n" + "Coopérative Numéro Un;Coop-Un;Bretagne;12 rue de la Coopération, 35000 Rennes\n"
            + "Coop Deux;;Normandie;\n"
        let (outcome, x, dir) = try Self.run(members: members)
        defer { withExtendedLifetime(dir) {} }
        let certificates = try #require(outcome.document.certificates)
        #expect(certificates.map(\.cooperative) == ["Coopérative Numéro Un", "Coop Deux"])
        #expect(certificates.map(\.employerAddress) == ["12 rue de la Coopération, 35000 Rennes", nil])
        let lines = Self.lines(x)
        let paul = try #require(lines.firstIndex(of: "Paul MARTIN"))
        #expect(lines[..<paul].contains("salarié(e) de la coopérative : Coopérative Numéro Un"))
        #expect(lines[..<paul].contains("Adresse de l'employeur : 12 rue de la Coopération, 35000 Rennes"))
        #expect(lines[paul...].contains("Adresse de l'employeur : adresse à compléter"))
        // Coop Trois (the participant without name) is not in the list: one alert.
        #expect(outcome.document.warnings.filter { $0.message.hasPrefix("coopérative « Coop Trois » absente") }.count == 1)
    }

    @Test("an estimate and a participant without name are alerts, in Alertes and in the run's warnings")
    func warnings() throws {
        let (outcome, x, dir) = try Self.run()
        defer { withExtendedLifetime(dir) {} }
        let warnings = outcome.document.warnings.filter { $0.message.contains("certificat") }
        #expect(
            Set(warnings.map(\.message)) == [
                "certificat de réalisation de « p2 » (P) : heures de B à compléter — présence partielle sans heures ni demi-journées saisies ; seules des heures saisies sont certifiées",
                "participant (identifié par courriel) sans nom ni prénom : pas de certificat de réalisation pour P (renseignez les colonnes nom et prénom)",
            ])
        #expect(warnings.map(\.line).sorted() == [6, 9])
        let alertes = x.grid("Alertes").flatMap { $0.compactMap { $0?.value } }.joined(separator: "\n")
        #expect(alertes.contains("heures de B à compléter"))
        #expect(alertes.contains("pas de certificat de réalisation pour P"))
    }

    @Test("no e-mail anywhere in the workbook; names shown even when pseudonymise is set")
    func privacy() throws {
        let (_, x, dir) = try Self.run(pseudonymise: true)
        defer { withExtendedLifetime(dir) {} }
        for (part, data) in x.parts {
            #expect(!String(decoding: data, as: UTF8.self).contains("example.org"), "\(part)")
        }
        let lines = Self.lines(x)
        #expect(lines.contains("Léa DURAND") && lines.contains("Paul MARTIN"))
        #expect(!lines.contains { $0.contains("P-") })
    }

    @Test("one A4 portrait page per certificate: print area over all, a break before each but the first, not fitted")
    func pageSetup() throws {
        let (outcome, x, dir) = try Self.run()
        defer { withExtendedLifetime(dir) {} }
        let sheet = x.sheetTree(CertificatesSheet.name)
        let setup = try #require(sheet.first("pageSetup"))
        #expect(setup.attributes["orientation"] == "portrait")
        #expect(setup.attributes["paperSize"] == "9")
        // Fitting to pages would make Excel ignore the breaks: the columns fit the width instead.
        #expect(sheet.first("pageSetUpPr")?.attributes["fitToPage"] == nil)
        #expect(CertificatesSheet.widths.reduce(0) { $0 + ($1 * 7 + 5) } <= 660)
        let breaks = sheet.all("brk")
        #expect(breaks.count == (outcome.document.certificates?.count ?? 0) - 1)
        // The second certificate starts right after the break (`id` is the 1-based row above it).
        let grid = x.grid(CertificatesSheet.name)
        let second = try #require(grid.indices.dropFirst().first { grid[$0].first??.value == "Certificat de réalisation" })
        #expect(breaks.map { $0.attributes["id"] } == ["\(second)"])
        let workbook = XMLTree.parse(try #require(x.parts["xl/workbook.xml"]))
        let area = try #require(
            workbook.all("definedName").first { $0.attributes["name"] == "_xlnm.Print_Area" && $0.attributes["localSheetId"] == "0" })
        #expect(area.text.hasSuffix("$A$1:$C$\(grid.count)"))
    }

    @Test("the shipped job: one certificate per participant of FVC-2122 present at a session; P013's EXT to complete")
    func shippedJob() throws {
        let dir = try TemporaryDirectory()
        var request = ReportRequest(
            job: try JobReader.read(path: Repository.path("jobs/certificats-FVC-2122.yml")), asOf: nil,
            today: Fixtures.day("2022-07-15"))
        request.outputDirectory = dir.path
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let outcome = try Pipeline(logger: logger).run(request)
        #expect(outcome.outputs[0].hasSuffix("certificats-FVC-2122.xlsx"))
        let certificates = try #require(outcome.document.certificates)
        let x = try XLSXReader(url: URL(fileURLWithPath: outcome.outputs[0]))
        #expect(x.sheetTree(CertificatesSheet.name).all("brk").count == certificates.count - 1)
        #expect(certificates.contains { $0.lastName == "Arnaud" && $0.toComplete == ["EXT"] })
        #expect(outcome.document.warnings.contains { $0.message.contains("« P013 » (FVC-2122) : heures de EXT à compléter") })
        // Lines 98 and 105: S2 (30/06/2022) ended, attendance empty: « à compléter », not dropped.
        for (id, line) in [("P022", 98), ("P032", 105)] {
            let alert = outcome.document.warnings.first { $0.message.contains("« \(id) » (FVC-2122) : heures de S2 à compléter") }
            #expect(alert?.line == line, "\(id)")
        }
        #expect(certificates.filter { $0.toComplete == ["S2"] }.count == 2)
    }

    /// Léa (p1): A present → 7 h; project done (11/01–09/02); B ended on 10/02 (as-of 01/03)
    /// with attendance empty → « à compléter » (line 4), dates: A only, « le 10/01/2022 ».
    /// Paul (p2): A « présent » with 0 h (line 5) and B « présent » with 24 h for a 6-hour
    /// session (line 6, dropped): both « à compléter », dates 10/01 to 10/02.
    /// Zoé (p3): A present, `registered_at` unreadable (line 7): kept, certified 7 h.
    static let pendingRows =
        "programme;session;participant_id;last_name;first_name;cooperative;status;registered_at;attendance;hours_attended\n"
        + "P;A;p1;Durand;Léa;Coop Un;inscrit;;présent;\n"
        + "P;PROJ;p1;Durand;Léa;Coop Un;inscrit;;présent;\n"
        + "P;B;p1;Durand;Léa;Coop Un;inscrit;;;\n"
        + "P;A;p2;Martin;Paul;Coop Deux;inscrit;;présent;0\n"
        + "P;B;p2;Martin;Paul;Coop Deux;inscrit;;présent;24\n"
        + "P;A;p3;Petit;Zoé;Coop Un;inscrit;31/02/2022;présent;\n"

    @Test("hours never recorded are never certified: an ended session without attendance, 0 h, hours above the session")
    func pending() throws {
        let dir = try TemporaryDirectory()
        var request = ReportRequest(
            catalogue: try dir.write("catalogue.yml", Self.catalogue), registrations: try dir.write("registrations.csv", Self.pendingRows),
            evaluations: try dir.write("evaluations.csv", "programme,session,overall\nP,A,5\n"),
            outputDirectory: dir.url.appendingPathComponent("out").path, asOf: Fixtures.day("2022-03-01"), minGroupSize: 3)
        request.options.certificates = true
        request.options.organisation = Self.organisation
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let outcome = try Pipeline(logger: logger).run(request)
        #expect(outcome.document.rejects.isEmpty)
        let certificates = try #require(outcome.document.certificates)
        #expect(certificates.map(\.holder) == ["Léa DURAND", "Paul MARTIN", "Zoé PETIT"])
        let (lea, paul, zoe) = (certificates[0], certificates[1], certificates[2])
        #expect(lea.lines.map(\.code) == ["A", "B"])
        #expect(lea.lines.map(\.hours) == [7, nil] && lea.lines[1].pending == .unrecorded)
        #expect(lea.totalHours == nil && lea.toComplete == ["B"])
        #expect(lea.from == Fixtures.day("2022-01-10") && lea.to == Fixtures.day("2022-01-10"))  // not the project's 09/02
        #expect(paul.lines.map(\.pending) == [.zeroHours, .unusableHours] && paul.totalHours == nil)
        #expect(paul.from == Fixtures.day("2022-01-10") && paul.to == Fixtures.day("2022-02-10"))
        #expect(zoe.totalHours == 7 && zoe.toComplete.isEmpty)
        let alerts = outcome.document.warnings.filter { $0.message.hasPrefix("certificat de réalisation") }
        #expect(alerts.map(\.line) == [4, 5, 6])
        #expect(alerts.map(\.column) == ["attendance", "hours_attended", "hours_attended"])
        #expect(alerts[0].message.contains("heures de B à compléter — session terminée, présence non saisie"))
        // The two optional fields dropped are alerts at their file:line and column; the rows count.
        let dropped = outcome.document.warnings.filter { $0.message.contains("ignorée") }
        #expect(dropped.map(\.line) == [6, 7] && dropped.map(\.column) == ["hours_attended", "registered_at"])
        let x = try XLSXReader(url: URL(fileURLWithPath: outcome.outputs[0]))
        let lines = Self.lines(x)
        #expect(lines.contains("Date : le 10/01/2022"))
        #expect(lines.contains("À compléter avant envoi : B (session terminée, présence non saisie)."))
    }

    @Test("a certificate with 10,000-character names stays on its page: names clipped to 80 characters, titles to 160")
    func longNames() throws {
        let long = String(repeating: "Ab ", count: 3334)
        let c = Certificate(
            programmeCode: "P", programmeTitle: long, lastName: long, firstName: long, cooperative: long, employerAddress: nil,
            lines: [.init(code: "A", title: long, start: Fixtures.day("2022-01-10"), end: Fixtures.day("2022-01-10"), hours: 7)],
            projects: [], from: Fixtures.day("2022-01-10"), to: Fixtures.day("2022-01-10"))
        var organisation = Self.organisation
        organisation.signatory = long
        var sheet = SheetPlan(name: CertificatesSheet.name)
        CertificatesSheet.append(c, organisation: organisation, asOf: Fixtures.day("2022-03-01"), to: &sheet)
        sheet.columnWidths = CertificatesSheet.widths
        sheet.fitRowHeights()
        // A4 portrait is 842 points high; libxlsxwriter's default margins leave about 734, at
        // the sheet's print scale.
        let height = sheet.rows.indices.reduce(0.0) { $0 + (sheet.rowHeights[$1] ?? 15) }
        #expect(height * Double(CertificatesSheet.printScale) / 100 <= 734, "\(height) points")
        for cell in sheet.rows.joined() {
            if case .text(let t) = cell.value { #expect(t.count < 250, "\(t.prefix(40))…") }
        }
    }
}
