import Foundation
import Testing

@testable import CoopReport

/// `--today`: a run of another day, rehearsed or replayed; `--as-of` before the period refused.
@Suite("rehearsal (--today) and as-of dates")
struct RehearsalTests {
    let cli = CommandLineTests()

    /// A monthly job over the SmallRun inputs (sessions on 10 January and 10 February 2022).
    func monthlyJob(in dir: TemporaryDirectory) throws -> String {
        try dir.write("catalogue.yml", SmallRun.catalogue)
        try dir.write("registrations.csv", SmallRun.registrations)
        try dir.write("evaluations.csv", SmallRun.evaluations)
        return try dir.write(
            "monthly.yml",
            """
            version: 1
            inputs:
              catalogue: catalogue.yml
              registrations: registrations.csv
              evaluations: evaluations.csv
            period: previous_month
            max_reject_rate: 0.5
            output: out/{period}
            """)
    }

    @Test("--today 2022-03-02 writes what the run of 2 March 2022 writes: February, as of 28 February")
    func today() throws {
        let dir = try TemporaryDirectory()
        let job = try monthlyJob(in: dir)
        let given = try cli.run(["run", job, "--period", "2022-02"])
        #expect(given.status == 0)
        let expected = try String(contentsOfFile: dir.path + "/out/2022-02/metrics.json", encoding: .utf8)
        try FileManager.default.removeItem(atPath: dir.path + "/out")

        let r = try cli.run(["run", job, "--today", "2022-03-02"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("sessions commençant entre le 01/02/2022 et le 28/02/2022, arrêté au 28/02/2022"))
        let written = try String(contentsOfFile: dir.path + "/out/2022-02/metrics.json", encoding: .utf8)
        #expect(written == expected)
        #expect(written.contains("\"as_of\": \"2022-02-28\""))
        // The first of the month still reports the month before: 1 January reports December.
        let january = try cli.run(["check", job, "--today", "2022-01-01"])
        #expect(january.stderr.contains("sessions commençant entre le 01/12/2021 et le 31/12/2021"))
    }

    @Test("--today that is not a date is a usage error")
    func badToday() throws {
        let dir = try TemporaryDirectory()
        let r = try cli.run(["run", try monthlyJob(in: dir), "--today", "2022-13-02"])
        #expect(r.status == ExitStatus.usage.rawValue)
        #expect(r.stderr.contains("--today « 2022-13-02 » n'est pas une date (attendu : AAAA-MM-JJ)"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))
    }

    @Test("an --as-of before the period's first day exits 64, says why, writes nothing")
    func asOfBeforePeriod() throws {
        let dir = try TemporaryDirectory()
        let job = try monthlyJob(in: dir)
        for command in ["run", "check"] {
            let r = try cli.run([command, job, "--today", "2022-03-02", "--as-of", "2022-01-31"])
            #expect(r.status == ExitStatus.usage.rawValue)
            #expect(
                r.stderr.contains(
                    "--as-of 2022-01-31 : la date d'arrêté 31/01/2022 est antérieure au premier jour de la période, le 01/02/2022"))
        }
        // Without --today, the message points to it: the period is the month before today's.
        let r = try cli.run(["run", job, "--as-of", "2022-07-02"])
        #expect(r.status == ExitStatus.usage.rawValue)
        #expect(r.stderr.contains("donnez-le avec --today (par exemple --today 2022-07-02)"))
        // The period's first day itself is a fine as-of date.
        let first = try cli.run(["check", job, "--today", "2022-03-02", "--as-of", "2022-02-01"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))
        // `report`: an --as-of before --from, likewise.
        let report = try cli.run(
            ["report"] + cli.inputs(dir) + [
                "--out", dir.path + "/r", "--from", "2022-02-01", "--to", "2022-02-28", "--as-of", "2022-01-15",
            ])
        #expect(report.status == ExitStatus.usage.rawValue)
        #expect(report.stderr.contains("est antérieure au premier jour de la période, le 01/02/2022"))
    }
}
