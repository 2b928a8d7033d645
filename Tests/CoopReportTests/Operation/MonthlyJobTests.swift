import Foundation
import Logging
import Testing

@testable import CoopReport

/// The shipped jobs/monthly.yml on the shipped sample, for June 2022.
@Suite("Monthly job")
struct MonthlyJobTests {
    @Test("June 2022: the S2 session, dated files, a twelve-month Mois sheet with its chart, hashes sha256sum agrees with")
    func june2022() throws {
        let dir = try TemporaryDirectory()
        let job = try JobReader.read(path: Repository.path("jobs/monthly.yml"))
        var request = ReportRequest(job: job, asOf: nil, today: Fixtures.day("2026-11-27"), month: Fixtures.day("2022-06-01"))
        #expect(request.outputDirectory == Repository.path("output/monthly/2022-06"))
        request.outputDirectory = dir.path
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let outcome = try Pipeline(logger: logger).run(request)
        let main = outcome.outputs.filter { !$0.contains("/cooperatives/") }
        #expect(
            main.map { URL(fileURLWithPath: $0).lastPathComponent } == [
                "rapport-mensuel-2022-06.xlsx", "rapport-mensuel-2022-06-metrics.json",
                "rapport-mensuel-2022-06-rejets.csv", "rapport-mensuel-2022-06-manifest.json",
            ])
        let m = outcome.document.metrics
        // Every month, every member: a workbook for each cooperative with a registration in
        // June, and the index listing them.
        let members = outcome.outputs.filter { $0.contains("/cooperatives/") }.map { URL(fileURLWithPath: $0).lastPathComponent }
        let registering = m.cooperatives.filter {
            $0.name != Dimension.cooperative.unknownName
                && $0.figures.tally.registered + $0.figures.tally.cancelled + $0.figures.tally.waitlisted > 0
        }
        #expect(!registering.isEmpty && members.filter { $0.hasSuffix(".xlsx") }.count == registering.count)
        #expect(members.last == "index.csv")
        #expect(m.sessions.map { "\($0.session.key)" } == ["FVC-2122/S2"])
        #expect(m.asOf == Fixtures.day("2022-06-30"))
        #expect(m.months.map(\.month).first == "2021-07")
        #expect(m.months.map(\.month).last == "2022-06")
        #expect(m.months.count == 12)
        let x = try XLSXReader(url: URL(fileURLWithPath: outcome.outputs[0]))
        let monthCells = x.grid("Mois").dropFirst().prefix { $0.contains { $0 != nil } }
        #expect(monthCells.count == 12)
        #expect(x.parts.keys.contains { $0.hasPrefix("xl/charts/") })
        // The trend chart: a marker on every month, the line drawn across empty months,
        // months named in French on the axis (« juin 2022 »), not as serial numbers.
        let chart =
            x.parts.filter { $0.key.hasPrefix("xl/charts/chart") }.map { String(decoding: $0.value, as: UTF8.self) }
            .first { $0.contains("<c:lineChart>") } ?? ""
        #expect(chart.components(separatedBy: "<c:symbol val=\"circle\"/>").count - 1 == 3)  // one per series
        #expect(chart.contains("<c:dispBlanksAs val=\"span\"/>"))
        #expect(chart.contains("formatCode=\"[$-40C]mmm yyyy\""))
        #expect(x.styleFormats.values.contains("[$-40C]mmmm yyyy"))  // the month cells too
        let data = try Data(contentsOf: URL(fileURLWithPath: main[3]))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for output in manifest["outputs"] as? [[String: Any]] ?? [] {
            let path = try #require(output["path"] as? String)
            #expect(output["sha256"] as? String == (try ManifestTests().sha256sum(path)))
        }
        #expect((manifest["outputs"] as? [[String: Any]])?.count == main.count - 1 + members.count)
        for input in manifest["inputs"] as? [[String: Any]] ?? [] {
            let path = try #require(input["path"] as? String)
            #expect(input["sha256"] as? String == (try ManifestTests().sha256sum(path)))
        }
    }

    @Test("June 2022 speaks of June: its rejected rows listed, those of other months counted in one line, all in rejects.csv")
    func juneRejects() throws {
        let dir = try TemporaryDirectory()
        let job = try JobReader.read(path: Repository.path("jobs/monthly.yml"))
        var request = ReportRequest(job: job, asOf: nil, today: Fixtures.day("2026-11-27"), month: Fixtures.day("2022-06-01"))
        request.outputDirectory = dir.path
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let outcome = try Pipeline(logger: logger).run(request)
        // By hand (input/README.md): June's only session is FVC-2122/S2. Listed: the rows no
        // session can be read from (registrations 20 and 107, evaluations 56) and S2's
        // evaluation 48; counted: EXT (114), GOUV (evaluation 61) and ACTION (64). GOUV's line
        // 124 counts: its unreadable registered_at is dropped with an alert (issue 19).
        let (listed, outside) = outcome.document.listedRejects
        #expect(listed.map(\.line) == [20, 107, 48, 56])
        #expect(outside == 3)
        let x = try XLSXReader(url: URL(fileURLWithPath: outcome.outputs[0]))
        let rejets = x.grid("Rejets").dropFirst()
        #expect(rejets.count == 5)
        let note = (rejets.last ?? []).count > 4 ? (rejets.last ?? [])[4]?.value ?? "" : ""
        #expect(note.hasPrefix("3 autres lignes écartées concernent des sessions hors de la période"))
        // Alerts: the duplicates of S1 (P005) and EXT (P009) and the repeated response id of
        // S1 and GOUV's dropped registered_at (line 124) are other months'. P001's second answer to S2 came on 05/07, after June's as-of
        // date (30/06): it is left out with the 14 other answers to S2 given from 01/07 to
        // 05/07 and EXT's 2, in one listed alert, and P001's answer of 30/06 stands (no
        // resubmission at the as-of date).
        let (alerts, alertsOutside) = outcome.document.listedWarnings
        #expect(alertsOutside == 4)
        #expect(!alerts.contains { $0.message.contains("P001 a répondu deux fois") })
        #expect(
            alerts.contains {
                $0.message.hasPrefix(
                    "17 réponses datées après la date d'arrêté (30/06/2022), du 01/07/2022 au 05/07/2022 (FVC-2122/S2, FVC-2122/EXT)")
            })
        let csv = try String(contentsOfFile: outcome.outputs[2], encoding: .utf8).split(separator: "\r\n").dropFirst()
        #expect(csv.count == 7)
        #expect(csv.filter { $0.contains(";hors période;") }.count == 3)
        #expect(csv.filter { $0.contains(";non rattachée;") }.count == 3)
    }
}
