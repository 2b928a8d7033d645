import Foundation
import Testing

@testable import CoopReport

/// The member list in a whole run (SmallRun: Coop Un's p1 and p2, Coop Deux's p3, and an
/// anonymous response): « Coopératives sans inscrit » in metrics.json and in the
/// Coopératives sheet read back, the region breakdown, the alerts.
@Suite("Member list in the report")
struct MembersReportTests {
    /// Coop Un is written « Coopérative Un » in the list with « Coop Un » as its alias;
    /// Coop Deux has none of its region's neighbours; Coop Trois and L'Îlot send nobody.
    static let members =
        "\u{FEFF}Coopérative;Alias;Département;Région;Adresse;Courriel\r\n"
        + "Coopérative Un;Coop Un | C1;35;Bretagne;1 rue Un, 35000 Rennes;un@example.org\r\n"
        + "Coop Deux;;14;Normandie;;deux@example.org\r\n"
        + "Coop Trois;;2A;Corse;3 cours Trois, 20000 Ajaccio;trois@example.org\r\n"
        + "L'Îlot;;29;Bretagne;;\r\n"

    @Test("metrics.json lists the members who sent nobody, with department and region; without a list the key is absent")
    func json() throws {
        let run = try SmallRun(members: Self.members)
        let json = try run.metricsJSON()
        let without = try #require(json["cooperatives_without_registrations"] as? [[String: String]])
        #expect(
            without == [
                ["name": "Coop Trois", "department": "2A", "region": "Corse"],
                ["name": "L'Îlot", "department": "29", "region": "Bretagne"],
            ])
        // The list's name, not the export's spelling, names the cooperative everywhere.
        let cooperatives = try #require(json["cooperatives"] as? [[String: Any]])
        #expect(cooperatives.compactMap { $0["cooperative"] as? String } == ["Coop Deux", "Coopérative Un", "Non renseignée"])
        #expect(try SmallRun().metricsJSON()["cooperatives_without_registrations"] == nil)
    }

    @Test("the Coopératives sheet: « Non renseignée » last and explained, then « Coopératives sans inscrit » with department and region")
    func sheet() throws {
        let run = try SmallRun(members: Self.members)
        let grid = try run.workbook().grid("Coopératives")
        let names = grid.map { $0.first??.value ?? "" }
        // The table: two members, then the anonymous response's group.
        #expect(Array(names[1...3]) == ["Coop Deux", "Coopérative Un", "Non renseignée"])
        #expect(names[4] == "")
        #expect(
            names[5]
                == "Non renseignée : 1 réponse qu'aucune inscription ne rattache à une coopérative et qui n'en nomme aucune (sans identifiant ni courriel d'un inscrit, ni coopérative) ; elle compte dans les totaux, sous aucune coopérative."
        )
        let title = try #require(names.firstIndex(of: "Coopératives sans inscrit (2)"))
        let header = grid[title + 2].map { $0?.value }
        #expect(header == ["Coopérative", "Département", "Région"])
        let rows = grid[(title + 3)...].map { $0.map { $0?.value ?? "" } }
        #expect(rows == [["Coop Trois", "2A", "Corse"], ["L'Îlot", "29", "Bretagne"]])
        // Text cells, not numbers: « 29 » is a department code.
        #expect(grid[title + 4][1]?.isText == true)
    }

    @Test("without a member list the Coopératives sheet says nothing of members")
    func sheetWithout() throws {
        let grid = try SmallRun().workbook().grid("Coopératives")
        #expect(!grid.contains { $0.first??.value.hasPrefix("Coopératives sans inscrit") == true })
    }

    @Test("the list is an input of the run: in Synthèse's inputs and the manifest with its digest")
    func traced() throws {
        let run = try SmallRun(members: Self.members)
        let manifest = try String(contentsOfFile: run.out + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"members\""))
        #expect(manifest.contains("adherents.csv"))
        let synthese = try run.workbook().grid("Synthèse").flatMap { $0.compactMap { $0?.value } }
        #expect(synthese.contains("liste des adhérents"))
        // Nothing of the list's contacts is written in the workbook.
        for (part, data) in try run.workbook().parts {
            #expect(!String(decoding: data, as: UTF8.self).contains("un@example.org"), "\(part)")
        }
    }

    @Test("report --members and --by region: the regions in metrics.json, unknown last")
    func commandLine() throws {
        let dir = try TemporaryDirectory()
        let r = try CommandLineTests().run([
            "report", "--catalogue", try dir.write("catalogue.yml", SmallRun.catalogue),
            "--registrations", try dir.write("registrations.csv", SmallRun.registrations),
            "--evaluations", try dir.write("evaluations.csv", SmallRun.evaluations), "--out", dir.path + "/out",
            "--as-of", "2022-03-01", "--min-group-size", "1", "--members", try dir.write("adherents.csv", Self.members),
            "--by", "region",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.lines.contains { $0.contains("liste des adhérents : ") })
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/out/metrics.json"))) as? [String: Any]
        let regions = try #require(json?["regions"] as? [[String: Any]])
        #expect(regions.compactMap { $0["region"] as? String } == ["Bretagne", "Normandie", "Non renseignée"])
        // Bretagne = Coop Un: p1 and p2 at A (present, absent) and at B (present, present) →
        // 4 registered, 3 present of 4; Normandie = Coop Deux: p3 partial at A → 1 of 1.
        #expect(regions[0]["registered"] as? Int == 4)
        #expect(regions[0]["attendance_rate_numerator"] as? Double == 3)
        #expect(regions[0]["attendance_rate_denominator"] as? Double == 4)
        #expect(regions[1]["registered"] as? Int == 1)
        #expect(regions[2]["responses"] as? Int == 1)  // the anonymous response
    }
}
