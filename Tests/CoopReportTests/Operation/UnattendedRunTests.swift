import Crypto
import Foundation
import Testing

@testable import CoopReport

/// The cron contract: atomic outputs, one run at a time, interrupted runs leave the
/// previous report as it was, and `check` writes nothing.
@Suite("Unattended runs", .serialized)
struct UnattendedRunTests {
    let cli = CommandLineTests()

    /// A job over the SmallRun inputs writing into `out/`.
    func setUp(_ dir: TemporaryDirectory, extra: String = "") throws -> String {
        try dir.write("catalogue.yml", SmallRun.catalogue)
        try dir.write("registrations.csv", SmallRun.registrations)
        try dir.write("evaluations.csv", SmallRun.evaluations)
        return try dir.write(
            "job.yml",
            """
            version: 1
            inputs: {catalogue: catalogue.yml, registrations: registrations.csv, evaluations: evaluations.csv}
            as_of: 2022-03-01
            max_reject_rate: 0.5
            output: out
            \(extra)
            """)
    }

    func contents(_ folder: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where !name.hasPrefix(".coopreport.lock") {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            out[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
        return out
    }

    func start(_ arguments: [String], pause: Double, hook: String = "COOPREPORT_TEST_PAUSE_BEFORE_COMMIT") throws -> Process {
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment[hook] = String(pause)
        process.environment = environment
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits until the run has staged its four files (in its staging folder), at most 30 s.
    func waitForStaging(_ folder: String) throws {
        for _ in 0..<300 {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            let staged = names.filter { $0.hasPrefix(StagingFolder.prefix) }.flatMap {
                (try? FileManager.default.contentsOfDirectory(atPath: folder + "/" + $0)) ?? []
            }
            if staged.count >= 4 { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("the run never staged its files")
    }

    @Test("a run interrupted half-way (SIGTERM) leaves the previous report intact and no temporary file", arguments: [SIGTERM, SIGKILL])
    func interrupted(signal: Int32) throws {
        let dir = try TemporaryDirectory()
        let job = try setUp(dir)
        let out = dir.path + "/out"
        #expect(try cli.run(["run", job]).status == 0)
        let before = try contents(out)
        #expect(before.count == 4)
        // Change the inputs, so that a completed second run would change the report.
        try dir.write("registrations.csv", SmallRun.registrations.replacingOccurrences(of: "absent", with: "présent"))
        let process = try start(["run", job], pause: 30)
        try waitForStaging(out)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus == (signal == SIGTERM ? 128 + SIGTERM : SIGKILL))
        #expect(try contents(out).filter { !$0.key.hasSuffix(".tmp") } == before)
        if signal == SIGTERM {
            #expect(try contents(out).keys.allSatisfy { !$0.hasSuffix(".tmp") })
        } else {
            // SIGKILL cannot be caught: the next run removes what the killed one left.
            let next = try cli.run(["run", job])
            #expect(next.status == 0)
            #expect(next.stderr.contains("laissé par une exécution interrompue"))
            #expect(try contents(out).keys.allSatisfy { !$0.hasSuffix(".tmp") })
            #expect(try contents(out) != before)
        }
    }

    @Test("a run killed between two renames: the next run completes the switch, so the manifest vouches for its files")
    func killedMidSwitch() throws {
        let dir = try TemporaryDirectory()
        let job = try setUp(dir)
        let out = dir.path + "/out"
        #expect(try cli.run(["run", job]).status == 0)
        try dir.write("registrations.csv", SmallRun.registrations.replacingOccurrences(of: "absent", with: "présent"))
        let process = try start(["run", job], pause: 30, hook: "COOPREPORT_TEST_PAUSE_MID_COMMIT")
        // The journal appears once the set starts switching; the workbook is renamed first.
        for _ in 0..<300 where !FileManager.default.fileExists(atPath: out + "/" + ReportFiles.journalName) {
            Thread.sleep(forTimeInterval: 0.1)
        }
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // Mixed: the new workbook beside the old manifest, and the journal left behind.
        func manifestAgrees() throws -> Bool {
            let data = try Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))
            let manifest = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
            let outputs = manifest["outputs"] as? [[String: Any]] ?? []
            return try !outputs.isEmpty
                && outputs.allSatisfy { o in
                    let path = o["path"] as? String ?? ""
                    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                    return SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() == o["sha256"] as? String
                }
        }
        #expect(FileManager.default.fileExists(atPath: out + "/" + ReportFiles.journalName))
        #expect(try !manifestAgrees())
        // The next look at the folder under its lock completes the switch.
        let completed = ReportFiles.recover(in: out)
        #expect(completed == ["metrics.json", "rejects.csv", "manifest.json"])
        #expect(try manifestAgrees())
        #expect(!FileManager.default.fileExists(atPath: out + "/" + ReportFiles.journalName))
    }

    @Test("a failure while writing leaves the previous report intact and no temporary file")
    func failedWrite() throws {
        let dir = try TemporaryDirectory()
        let job = try setUp(dir)
        let out = dir.path + "/out"
        #expect(try cli.run(["run", job]).status == 0)
        let before = try contents(out)
        // The manifest's name is taken by a folder: its rename must fail, after the others staged.
        try FileManager.default.removeItem(atPath: out + "/manifest.json")
        try FileManager.default.createDirectory(atPath: out + "/manifest.json/blocker", withIntermediateDirectories: true)
        try dir.write("registrations.csv", SmallRun.registrations.replacingOccurrences(of: "absent", with: "présent"))
        let r = try cli.run(["run", job])
        #expect(r.status == ExitStatus.outputNotWritable.rawValue)
        let after = try contents(out)
        #expect(after.keys.allSatisfy { !$0.hasSuffix(".tmp") })
        for name in ["report.xlsx", "metrics.json", "rejects.csv"] { #expect(after[name] == before[name], "\(name) changed") }
    }

    @Test("two runs started together on the same job both end cleanly with one report")
    func concurrent() throws {
        let dir = try TemporaryDirectory()
        let job = try setUp(dir)
        let first = try start(["run", job], pause: 1)
        let second = try start(["run", job], pause: 1)
        first.waitUntilExit()
        second.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(second.terminationStatus == 0)
        let out = dir.path + "/out"
        let files = try contents(out)
        #expect(files.keys.sorted() == ["manifest.json", "metrics.json", "rejects.csv", "report.xlsx"])
        let manifestData = try #require(files["manifest.json"])
        let manifest = try #require(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
        for output in manifest["outputs"] as? [[String: Any]] ?? [] {
            let name = URL(fileURLWithPath: output["path"] as? String ?? "").lastPathComponent
            #expect(output["bytes"] as? Int == files[name]?.count, "\(name) is not the one the manifest describes")
        }
    }

    @Test("a run that cannot get the folder in time exits 75 and says who holds it")
    func locked() throws {
        let dir = try TemporaryDirectory()
        let job = try setUp(dir)
        let holder = try start(["run", job], pause: 10)
        try waitForStaging(dir.path + "/out")
        let r = try cli.run(["run", job, "--wait", "0"])
        kill(holder.processIdentifier, SIGTERM)
        holder.waitUntilExit()
        #expect(r.status == ExitStatus.locked.rawValue)
        #expect(r.stderr.contains("une autre exécution de coopreport écrit dans ce dossier (pid \(holder.processIdentifier)"))
    }

    @Test("check validates the job and inputs, prints the diagnostics, writes nothing")
    func check() throws {
        let dir = try TemporaryDirectory()
        let job = try setUp(dir)
        let ok = try cli.run(["check", job])
        #expect(ok.status == 0)
        #expect(ok.stderr.contains("registrations.csv:7 : ligne écartée — colonne « session »"))
        #expect(ok.stderr.contains("rien n'est écrit"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))
        #expect(try cli.run(["check", job, "--strict"]).status == ExitStatus.dataErrors.rawValue)
        try FileManager.default.removeItem(atPath: dir.path + "/evaluations.csv")
        #expect(try cli.run(["check", job]).status == ExitStatus.inputMissing.rawValue)
        let other = try TemporaryDirectory()
        let blocked = try setUp(other)
        try Data("x".utf8).write(to: URL(fileURLWithPath: URL(fileURLWithPath: blocked).deletingLastPathComponent().path + "/out"))
        #expect(try cli.run(["check", blocked]).status == ExitStatus.outputNotWritable.rawValue)
    }

    @Test("--period names the month; the manifest traces inputs and outputs with sha256sum's hashes")
    func monthlyManifest() throws {
        let dir = try TemporaryDirectory()
        let job = try setUp(dir).replacingOccurrences(of: "job.yml", with: "job.yml")
        var text = try String(contentsOfFile: job, encoding: .utf8)
        text = text.replacingOccurrences(of: "output: out", with: "output: out/{period}\nname: mensuel\nperiod: previous_month")
            .replacingOccurrences(of: "as_of: 2022-03-01\n", with: "")
        try text.write(toFile: job, atomically: true, encoding: .utf8)
        let r = try cli.run(["run", job, "--period", "2022-01"])
        #expect(r.status == 0)
        let folder = dir.path + "/out/2022-01"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
        #expect(
            names == [
                "mensuel-2022-01-manifest.json", "mensuel-2022-01-metrics.json", "mensuel-2022-01-rejets.csv", "mensuel-2022-01.xlsx",
            ])
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/mensuel-2022-01-manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(manifest["job"] as? String == job)
        #expect(manifest["as_of"] as? String == "2022-01-31")
        #expect((manifest["period"] as? [String: String]) == ["from": "2022-01-01", "to": "2022-01-31"])
        #expect(manifest["started_at"] is String && manifest["ended_at"] is String)
        for entry in (manifest["inputs"] as? [[String: Any]] ?? []) + (manifest["outputs"] as? [[String: Any]] ?? []) {
            let path = try #require(entry["path"] as? String)
            #expect(entry["sha256"] as? String == (try ManifestTests().sha256sum(path)), "\(path)")
            #expect(entry["rows"] is Int)
        }
    }
}
