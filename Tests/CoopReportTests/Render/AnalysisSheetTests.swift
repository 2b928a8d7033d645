import Foundation
import Testing

@testable import CoopReport

/// The analyses on the real executable and in the written files: `--by role` writes
/// `roles` and the sheet Analyse, `--filter` with an unknown value exits 64 naming the
/// nearest one, split registrations count every file's rejected rows. SmallRun's inputs
/// with roles: p1 Directeur (A present, B present), p2 Salarié (A absent, B present),
/// p3 Salarié (A partial).
@Suite("Analyse")
struct AnalysisSheetTests {
    static let registrations =
        "formation;session;identifiant;coopérative;fonction;statut;présence\n"
        + "P;A;p1;Coop Un;Directeur;inscrit;présent\n"
        + "P;A;p2;Coop Un;Salarié;inscrit;absent\n"
        + "P;A;p3;Coop Deux;Salarié;inscrit;partiel\n"
        + "P;B;p1;Coop Un;Directeur;inscrit;présent\n"
        + "P;B;p2;Coop Un;Salarié;inscrit;présent\n"

    func report(_ dir: TemporaryDirectory, _ extra: [String]) throws -> CommandLineTests.Run {
        try CommandLineTests().run(
            [
                "report", "--catalogue", try dir.write("catalogue.yml", SmallRun.catalogue),
                "--registrations", try dir.write("registrations.csv", Self.registrations),
                "--evaluations", try dir.write("evaluations.csv", SmallRun.evaluations), "--out", dir.path + "/out",
                "--as-of", "2022-03-01", "--min-group-size", "1",
            ] + extra)
    }

    @Test("--by role on report writes « roles » in metrics.json and the sheet Analyse, with N beside each rate and an Ensemble row")
    func byRole() throws {
        let dir = try TemporaryDirectory()
        let r = try report(dir, ["--by", "role"])
        #expect(r.status == 0, "\(r.stderr)")
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/out/metrics.json"))) as? [String: Any]
        let roles = try #require(json?["roles"] as? [[String: Any]])
        // The anonymous response (line 4) has no registration: its role cannot be told. Its
        // group comes last, after the named ones (docs/decisions.md, « Order »).
        #expect(roles.compactMap { $0["role"] as? String } == ["Directeur", "Salarié", "Non renseigné"])
        #expect(roles[2]["registered"] as? Int == 0)
        #expect(roles[2]["responses"] as? Int == 1)
        // Directeur: 2 present of 2; Salarié: p2 absent at A, p3 partial at A, p2 present at B → 2 / 3.
        #expect(roles[0]["attendance_rate"] as? Double == 1)
        #expect(roles[1]["attendance_rate_numerator"] as? Double == 2)
        #expect(roles[1]["attendance_rate_denominator"] as? Double == 3)
        // Every figure key of « overall » is there.
        let overall = try #require(json?["overall"] as? [String: Any])
        #expect(Set(overall.keys).subtracting(roles[0].keys).isEmpty)

        let book = try XLSXReader(url: URL(fileURLWithPath: dir.path + "/out/report.xlsx"))
        #expect(book.sheetNames.dropFirst().first == "Analyse")
        let grid = book.grid("Analyse")
        let header = try #require(grid.first { $0.first??.value == "Fonction" })
        let rate = try #require(header.firstIndex { $0?.value == Metric.attendanceRate.label })
        #expect(header[rate + 1]?.value.hasPrefix("N ") == true)
        let salarie = try #require(grid.first { $0.first??.value == "Salarié" })
        #expect(salarie[rate]?.number.map { ($0 * 1000).rounded() } == 667)
        #expect(salarie[rate + 1]?.number == 3)
        let total = try #require(grid.first { $0.first??.value == "Ensemble" })
        #expect(total[rate + 1]?.number == 5)  // 4 present + 1 absent
        #expect(book.parts.keys.contains { $0.hasPrefix("xl/charts/") })
    }

    @Test("an unknown filter value exits 64 and names the nearest value; a known one keeps that cooperative only")
    func filter() throws {
        let dir = try TemporaryDirectory()
        let bad = try report(dir, ["--filter", "cooperative=Coop Uno"])
        #expect(bad.status == ExitStatus.usage.rawValue)
        #expect(bad.stderr.contains("filter.cooperative"))
        #expect(bad.stderr.contains("vouliez-vous dire « Coop Un » ?"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out/report.xlsx"))
        let badDimension = try report(dir, ["--filter", "coop=Coop Un"])
        #expect(badDimension.status == ExitStatus.usage.rawValue)
        let good = try report(dir, ["--filter", "cooperative=coop deux"])
        #expect(good.status == 0, "\(good.stderr)")
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/out/metrics.json"))) as? [String: Any]
        #expect((json?["overall"] as? [String: Any])?["registered"] as? Int == 1)
        // A session's capacity is not a cooperative's: no fill rate under that filter.
        #expect((json?["overall"] as? [String: Any])?["fill_rate"] is NSNull)
        #expect((json?["cooperatives"] as? [[String: Any]])?.compactMap { $0["cooperative"] as? String } == ["Coop Deux"])
        #expect((json?["filter"] as? [String: [String]])?["cooperative"] == ["coop deux"])
    }

    @Test("registrations split over two files: metrics.json counts the rejected rows of both")
    func splitRejects() throws {
        let dir = try TemporaryDirectory()
        let header = "formation;session;identifiant;coopérative;statut;présence\n"
        _ = try dir.write("r1.csv", header + "P;A;p1;Coop Un;inscrit;présent\nP;Z;p2;Coop Un;inscrit;présent\n")
        _ = try dir.write(
            "r2.csv", header + "P;B;p1;Coop Un;inscrit;présent\nP;Z;p3;Coop Un;inscrit;présent\nQ;A;p4;Coop Un;inscrit;présent\n")
        let r = try CommandLineTests().run([
            "report", "--catalogue", try dir.write("catalogue.yml", SmallRun.catalogue), "--registrations", dir.path + "/r*.csv",
            "--evaluations", try dir.write("evaluations.csv", SmallRun.evaluations), "--out", dir.path + "/out", "--as-of", "2022-03-01",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/out/metrics.json"))) as? [String: Any]
        #expect((json?["rejects"] as? [String: Int])?["registrations"] == 3)
        let rejects = try String(contentsOfFile: dir.path + "/out/rejects.csv", encoding: .utf8)
        #expect(rejects.split(whereSeparator: \.isNewline).filter { $0.contains("r1.csv") || $0.contains("r2.csv") }.count == 3)
    }
}

/// The analysis keys of a job, and what they refuse (exit 64 through `JobError`).
@Suite("Analysis keys")
struct AnalysisKeysTests {
    static func parse(_ keys: String) throws -> Job { try JobReader.parse(Fixtures.jobHead + keys, path: "/srv/jobs/q.yml") }

    func refused(_ keys: String, keyPath: String) {
        do {
            _ = try Self.parse(keys)
            Issue.record("accepted: \(keys)")
        } catch let JobError.invalid(_, _, path, _) {
            #expect(path == keyPath, "\(keys)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("filter, by, figures and compare are read; a dimension or figure that does not exist is refused with its key path")
    func keys() throws {
        let job = try Self.parse(
            "filter: {cooperative: Coop Un, role: [Directeur, Directrice]}\nby: [role, cooperative]\nfigures: [satisfaction_rate]\ncompare: previous_edition\n"
        )
        #expect(job.analysis.filter.conditions.map(\.dimension) == [.cooperative, .role])
        #expect(job.analysis.filter.conditions.last?.values == ["Directeur", "Directrice"])
        #expect(job.analysis.by == [.role, .cooperative])
        #expect(job.analysis.figures == [.satisfactionRate])
        #expect(job.analysis.compare == .previousEdition)
        #expect(try Self.parse("compare: {programme: FVC-2021}\n").analysis.compare == .period(Period(programme: "FVC-2021")))
        refused("filter: {coop: Coop Un}\n", keyPath: "filter.coop")
        refused("by: [role, role]\n", keyPath: "by")
        refused("by: [role, cooperative, month]\n", keyPath: "by")
        refused("figures: [satisfaction]\n", keyPath: "figures")
        refused("compare: last_year\n", keyPath: "compare")
        refused("compare: {from: 2022-06-01, to: 2022-01-01}\n", keyPath: "compare")
    }

    @Test("a filter beside the evidence sheets, and a previous edition without a programme period, stop the run (64)")
    func refusedRuns() throws {
        let run = try SmallRun()
        var request = ReportRequest(
            catalogue: run.directory.path + "/catalogue.yml", registrations: run.directory.path + "/registrations.csv",
            evaluations: run.directory.path + "/evaluations.csv", outputDirectory: run.directory.path + "/out2",
            asOf: Fixtures.day("2022-03-01"))
        request.analysis.filter = Filter([.init(.cooperative, ["Coop Un"])])
        request.options.evidence = true
        #expect(throws: JobError.self) { try Pipeline(logger: .init(label: "t")).check(request) }
        request.options.evidence = false
        request.analysis.filter = Filter()
        request.analysis.compare = .previousEdition
        do {
            _ = try Pipeline(logger: .init(label: "t")).check(request)
            Issue.record("no error")
        } catch let JobError.invalid(_, _, keyPath, message) {
            #expect(keyPath == "compare")
            #expect(message == ComparisonError.notAnEdition.description)
            #expect(ExitStatus.forError(JobError.invalid(path: "", line: 0, keyPath: keyPath, message: message)) == .usage)
        }
    }
}
