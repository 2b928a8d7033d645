import Foundation
import Testing

@testable import CoopReport

/// The log cron keeps: dated lines, what --quiet keeps, paths from where the command was typed.
@Suite("the log of a run")
struct LogTests {
    let cli = CommandLineTests()

    /// The SmallRun inputs in `input/`, a job in `jobs/` writing to `../output/small`: the
    /// server's layout, the command typed from the folder above.
    func layout(_ dir: TemporaryDirectory) throws -> String {
        try FileManager.default.createDirectory(atPath: dir.path + "/input", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir.path + "/jobs", withIntermediateDirectories: true)
        try dir.write("input/catalogue.yml", SmallRun.catalogue)
        try dir.write("input/registrations.csv", SmallRun.registrations)
        try dir.write("input/evaluations.csv", SmallRun.evaluations)
        try dir.write(
            "jobs/small.yml",
            """
            version: 1
            inputs:
              catalogue: ../input/catalogue.yml
              registrations: ../input/registrations.csv
              evaluations: ../input/evaluations.csv
            as_of: 2022-03-01
            max_reject_rate: 0.5
            output: ../output/small
            """)
        return "jobs/small.yml"
    }

    @Test("stderr not a terminal: every line starts with the date and time, ISO 8601 with the Europe/Paris offset")
    func timestamps() throws {
        let dir = try TemporaryDirectory()
        let job = try layout(dir)
        let before = Date().addingTimeInterval(-1)
        let r = try cli.run(["run", job], in: dir.path)
        let after = Date().addingTimeInterval(1)
        #expect(r.status == 0)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count > 5)
        let paris = try #require(TimeZone(identifier: "Europe/Paris"))
        let parser = ISO8601DateFormatter()
        for line in lines {
            let stamp = String(line.prefix(25))
            #expect(line.dropFirst(25).hasPrefix(" coopreport: "), "\(line)")
            let instant = try #require(parser.date(from: stamp), "\(line)")
            #expect(before <= instant && instant <= after)
            // The offset is Paris's at that instant (+01:00 in winter, +02:00 in summer).
            let seconds = paris.secondsFromGMT(for: instant)
            #expect(stamp.hasSuffix(String(format: "+%02d:00", seconds / 3600)), "\(stamp)")
        }
        // A stopping error is dated too.
        let missing = try cli.run(["run", "jobs/absent.yml"], in: dir.path)
        #expect(missing.status != 0)
        #expect(missing.stderr.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00 coopreport: "#, options: .regularExpression) != nil)
    }

    @Test("--quiet keeps the rejected rows, the alerts, the summary and the last line, not the stages")
    func quiet() throws {
        let dir = try TemporaryDirectory()
        let job = try layout(dir)
        let full = try cli.run(["run", job], in: dir.path)
        let r = try cli.run(["run", job, "--quiet"], in: dir.path)
        #expect(r.status == 0)
        let lines = r.lines
        #expect(lines.contains { $0.contains(" : ligne écartée — ") })
        // Every alert of the full log is in the quiet one.
        let alerts = full.lines.filter { $0.contains("alerte : ") }
        #expect(!alerts.isEmpty)
        for alert in alerts { #expect(lines.contains(alert), "\(alert)") }
        #expect(lines.contains { $0.hasPrefix("coopreport: bilan : ") })
        #expect(lines.last?.hasPrefix("coopreport: Rapport écrit : output/small/report.xlsx") == true)
        #expect(!lines.contains { $0.contains("[1/5]") || $0.hasPrefix("coopreport: tâche : ") })
        #expect(lines.count < full.lines.count)
    }

    @Test("--help and the README say the same of --quiet")
    func quietDocumented() throws {
        let help = try cli.run(["run", "--help"])
        let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let said =
            "N'afficher que ce qui appelle une action : les lignes écartées, les alertes, les erreurs, le bilan et la dernière ligne (« Rapport écrit »)."
        #expect(words.contains("--quiet " + said))
        let readme = try String(contentsOf: Repository.root.appendingPathComponent("README.md"), encoding: .utf8)
        let flat = readme.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(
            flat.contains(
                "`--quiet` keeps the rejected rows, the alerts, the errors, the summary (« bilan : ») and the last line (« Rapport écrit : … »)"
            ))
        // No other description of --quiet in the README.
        #expect(flat.components(separatedBy: "`--quiet` keeps").count == 2)
    }

    @Test("paths are shown from the folder the command was typed in: log, last line, Synthèse, Rejets")
    func pathsFromHere() throws {
        let dir = try TemporaryDirectory()
        let job = try layout(dir)
        let r = try cli.run(["run", job], in: dir.path)
        #expect(r.status == 0)
        #expect(r.lines.contains { $0.hasPrefix("coopreport: input/registrations.csv:7 : ligne écartée") })
        #expect(r.lines.contains { $0.contains("tâche : jobs/small.yml — ") })
        #expect(r.lines.last?.hasPrefix("coopreport: Rapport écrit : output/small/report.xlsx — ") == true)
        #expect(!r.stderr.contains("../"))
        let x = try XLSXReader(url: dir.url.appendingPathComponent("output/small/report.xlsx"))
        let inputs = x.grid("Synthèse").compactMap { $0.first??.value }
        #expect(inputs.contains("input/registrations.csv") && inputs.contains("input/evaluations.csv"))
        let rejets = x.grid("Rejets").dropFirst().compactMap { $0.first??.value }
        #expect(rejets.contains("input/registrations.csv"))
        #expect(!rejets.contains { $0.hasPrefix("..") })
        // From the job's own folder, the same files read as the job names them.
        let there = try cli.run(["run", "small.yml"], in: dir.path + "/jobs")
        #expect(there.lines.last?.hasPrefix("coopreport: Rapport écrit : ../output/small/report.xlsx — ") == true)
    }
}
