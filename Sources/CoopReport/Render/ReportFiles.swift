import Foundation

/// The four files of a report, written together: each is staged under a temporary name in
/// the output folder, and only when all four are complete are they renamed into place —
/// workbook, metrics, rejects, then the manifest, whose hashes vouch for the other three.
/// A failure before that leaves the previous report untouched and no temporary behind.
public struct ReportFiles {
    /// The file names: `report.xlsx` … or, for a named job, dated names such as
    /// `rapport-mensuel-2022-06.xlsx`, `rapport-mensuel-2022-06-metrics.json`.
    public struct Names: Sendable, Equatable {
        public let workbook: String, metrics: String, rejects: String, manifest: String

        public static let standard = Names(
            workbook: "report.xlsx", metrics: "metrics.json", rejects: "rejects.csv", manifest: "manifest.json")

        public init(workbook: String, metrics: String, rejects: String, manifest: String) {
            self.workbook = workbook
            self.metrics = metrics
            self.rejects = rejects
            self.manifest = manifest
        }

        /// `<name>-<label>.xlsx`, `<name>-<label>-metrics.json`, `-rejets.csv`, `-manifest.json`.
        public static func dated(_ name: String, label: String) -> Names {
            let stem = "\(name)-\(label)"
            return Names(
                workbook: "\(stem).xlsx", metrics: "\(stem)-metrics.json", rejects: "\(stem)-rejets.csv",
                manifest: "\(stem)-manifest.json")
        }
    }

    public let directory: String
    public let names: Names
    /// Test hook: seconds to wait once everything is staged, before the renames, so that a
    /// test can kill the run half-way. 0 in normal use.
    public let pauseBeforeCommit: Double

    public init(directory: String, names: Names = .standard, pauseBeforeCommit: Double = 0) {
        self.directory = directory
        self.names = names
        self.pauseBeforeCommit = pauseBeforeCommit
    }

    /// Writes the four files and returns their final paths.
    public func write(_ doc: ReportDocument, job: String? = nil, started: Date, now: () -> Date) throws -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputError.notWritable(path: directory, reason: SystemReason.of(error))
        }
        let folder = URL(fileURLWithPath: directory)
        func final(_ name: String) -> String { folder.appendingPathComponent(name).path }
        // Staged in a folder only this run can enter, each file renamed from there.
        let staging = try StagingFolder(in: directory)
        var staged: [(file: String, path: String)] = []
        var written: [String] = []
        do {
            let m = doc.metrics
            // The cooperatives' workbooks and their index first, one after the other, in a
            // folder that switches with the rest of the set; then what they are made from is
            // let go, before the federation's workbook is laid out.
            let members = try doc.cooperativeParts.map { try writeCooperatives($0, doc, started: started, in: staging) }
            doc.cooperativeParts?.release()
            // metrics.json and rejects.csv are made on the other core meanwhile (that core
            // is otherwise idle while the workbook is zipped).
            let texts = Background {
                (
                    metrics: Data(MetricsJSON.document(doc).serialized().utf8),
                    rejects: Data(RejectsCSV.text(doc.rejects, periodSessions: doc.periodSessions, inputs: doc.inputs).utf8)
                )
            }
            let plans = WorkbookPlanner.plan(doc)
            let workbook = final(names.workbook)
            try staging.createEmpty(names.workbook)
            staged.append((names.workbook, workbook))
            Self.testPause("COOPREPORT_TEST_PAUSE_BEFORE_RENDER")
            do {
                try WorkbookWriter.write(plans, properties: Self.properties(doc, created: started), to: staging.writerPath(names.workbook))
            } catch OutputError.notWritable(_, let reason) {
                throw OutputError.notWritable(path: workbook, reason: reason)
            }
            let (metricsJSON, rejects) = texts.take()
            try staging.stage(metricsJSON, as: names.metrics)
            staged.append((names.metrics, final(names.metrics)))
            try staging.stage(rejects, as: names.rejects)
            staged.append((names.rejects, final(names.rejects)))

            var rows = [
                plans.reduce(0) { $0 + $1.rowCount }, m.sessions.count + m.programmes.count + m.cooperatives.count + m.months.count + 1,
                doc.rejects.count,
            ]
            let listed = staged + (members?.files ?? []).map { (file: $0.file, path: final($0.file)) }
            rows += (members?.files ?? []).map(\.rows)
            written = listed.map(\.path)
            let outputs = try zip(listed, rows).map { file, rows in
                let (bytes, sha256) = try ChunkReader.digest(of: staging.writerPath(file.file))
                return Manifest.Output(path: file.path, bytes: bytes, rows: rows, sha256: sha256)
            }
            let manifest = Manifest(
                toolVersion: doc.toolVersion, job: job, period: m.period, asOf: m.asOf,
                startedAt: Self.iso(started), endedAt: Self.iso(now()), inputs: doc.inputs, outputs: outputs)
            try staging.stage(Data(manifest.json.serialized().utf8), as: names.manifest)
            staged.append((names.manifest, final(names.manifest)))
            if pauseBeforeCommit > 0 { Thread.sleep(forTimeInterval: pauseBeforeCommit) }
            // A rename fails only when the destination is a folder: check them all first, so
            // that the four files are replaced together or not at all.
            for file in staged {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), isFolder.boolValue {
                    throw OutputError.notWritable(path: file.path, reason: "un dossier porte ce nom")
                }
            }
            try Self.switchSet(staged, folder: members.map { ($0.folder, $0.files.map(\.file)) }, from: staging)
            // A cooperatives' folder of an earlier run's set, which this set does not have, goes.
            if members == nil, Self.isOurs(CooperativeParts.folder, in: directory) { staging.retire(CooperativeParts.folder) }
        } catch {
            staging.remove()
            throw error
        }
        staging.remove()
        return written + [final(names.manifest)]
    }

    /// Writes each cooperative's workbook, then `index.csv` and the set's mark, in the
    /// staging folder's `cooperatives/`; returns the files written (`cooperatives/NAME`) and
    /// their rows, for the manifest. One workbook in memory at a time.
    func writeCooperatives(_ parts: CooperativeParts, _ doc: ReportDocument, started: Date, in staging: StagingFolder) throws -> (
        files: [(file: String, rows: Int)], folder: String
    ) {
        let folder = CooperativeParts.folder
        try staging.makeFolder(folder)
        var files: [(file: String, rows: Int)] = []
        for part in parts.parts {
            let name = folder + "/" + part.file
            try staging.createEmpty(name)
            let plans = CooperativeWorkbook.plan(part, of: parts, doc)
            do {
                try WorkbookWriter.write(plans, properties: Self.properties(part, doc, created: started), to: staging.writerPath(name))
            } catch OutputError.notWritable(_, let reason) {
                throw OutputError.notWritable(path: URL(fileURLWithPath: directory).appendingPathComponent(name).path, reason: reason)
            }
            files.append((name, plans.reduce(0) { $0 + $1.rowCount }))
        }
        let index = CooperativeIndex.text(parts, contact: doc.contactEmail(of:))
        try staging.stage(Data(index.utf8), as: folder + "/index.csv")
        files.append((folder + "/index.csv", parts.parts.count))
        try staging.stage(Data(staging.name.utf8), as: folder + "/" + StagingFolder.setMark)
        return (files, folder)
    }

    /// Whether the output folder's `folder` is a cooperatives' folder this tool wrote (it holds the set's mark).
    static func isOurs(_ folder: String, in directory: String) -> Bool {
        let output = open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard output >= 0 else { return false }
        defer { close(output) }
        return StagingFolder.mark(of: folder, in: output) != nil
    }

    /// Test hook: sleeps the seconds the environment variable says (inert when unset).
    static func testPause(_ variable: String) {
        let environment = ProcessInfo.processInfo.environment
        if let seconds = environment[variable].flatMap(Double.init), seconds > 0 {
            // `<variable>_MARK=PATH`: a file made when the pause begins, so that a test acts
            // during the pause however loaded the machine is.
            if let mark = environment[variable + "_MARK"] { FileManager.default.createFile(atPath: mark, contents: nil) }
            Thread.sleep(forTimeInterval: seconds)
        }
    }

    /// The name of the journal that lists a set's renames while they happen.
    static let journalName = ".coopreport-commit"

    /// Renames the staged files into place as one set: each checked to be the file staged
    /// and flushed to disk, then a journal listing the renames, then the renames, then the
    /// journal removed. An interruption (SIGINT, SIGTERM) during the renames waits for them
    /// to end (`TemporaryFiles.settle`); a run killed outright between two renames leaves
    /// the journal and the files still to rename, and the next run in the folder completes
    /// the switch (`recover`) before anything else. So the set a reader finds is the old
    /// one, the new one, or — for the few milliseconds of the renames — the new one being
    /// completed, never one that stays mixed (a manifest whose hashes disagree with its workbook).
    /// A staged folder (`cooperatives`, with its files) switches first, as one entry of the
    /// journal (`cooperatives/`), its mark telling a completed switch from one to do.
    static func switchSet(
        _ staged: [(file: String, path: String)], folder: (name: String, files: [String])? = nil, from staging: StagingFolder
    ) throws {
        for file in staged.map(\.file) + (folder?.files ?? []) { try staging.verify(file) }
        let journal = URL(fileURLWithPath: staging.directory).appendingPathComponent(journalName).path
        let lines =
            (folder.map { ["\(staging.name)/\($0.name)/\t\($0.name)/"] } ?? [])
            + staged.map { staging.name + "/" + $0.file + "\t" + URL(fileURLWithPath: $0.path).lastPathComponent }
        unlink(journal)
        let fd = open(journal, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError.notWritable(path: journal, reason: SystemReason.of(errno: errno)) }
        let text = lines.joined(separator: "\n") + "\n"
        let written = text.withCString { Foundation.write(fd, $0, strlen($0)) }
        fsync(fd)
        close(fd)
        guard written == text.utf8.count else { throw OutputError.notWritable(path: journal, reason: "le journal n'a pas pu être écrit") }
        staging.syncOutput()
        TemporaryFiles.shared.beginSwitch()
        defer { TemporaryFiles.shared.endSwitch() }
        if let folder { try staging.commitFolder(folder.name, as: folder.name) }
        for (i, file) in staged.enumerated() {
            try staging.commit(file.file, as: URL(fileURLWithPath: file.path).lastPathComponent)
            if i == 0 { testPause("COOPREPORT_TEST_PAUSE_MID_COMMIT") }
        }
        TemporaryFiles.shared.markSwitched()
        staging.syncOutput()
        unlink(journal)
        staging.syncOutput()
    }

    /// Completes the switch of a set a killed run left half-renamed (its journal is still
    /// there): the staged files it lists that remain are renamed into place. Returns the
    /// files so completed. Call under the folder's lock, before removing stale temporaries.
    public static func recover(in directory: String) -> [String] {
        let folder = URL(fileURLWithPath: directory)
        let journal = folder.appendingPathComponent(journalName).path
        var info = stat()
        guard lstat(journal, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
            let text = try? String(contentsOfFile: journal, encoding: .utf8)
        else { return [] }
        let output = open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard output >= 0 else { return [] }
        defer { close(output) }
        var done: [String] = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t").map(String.init)
            if parts.count == 2, let folder = recoverFolder(parts, in: output) {
                done.append(folder)
                continue
            }
            guard parts.count == 2, !parts[1].contains("/"), parts[1] != "..", parts[1] != "." else { continue }
            let source = parts[0].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if source.count == 2, source[1] == parts[1], source[0].hasPrefix(StagingFolder.prefix), source[0].hasSuffix(".tmp") {
                // `.staging.coopreport-PID.tmp/NAME` → NAME: from a staging folder of ours.
                let staging = openat(output, source[0], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard staging >= 0 else { continue }
                defer { close(staging) }
                var folderInfo = stat()
                var fileInfo = stat()
                guard fstat(staging, &folderInfo) == 0, folderInfo.st_uid == geteuid(),
                    fstatat(staging, source[1], &fileInfo, AT_SYMLINK_NOFOLLOW) == 0, (fileInfo.st_mode & S_IFMT) == S_IFREG
                else { continue }
                if renameat(staging, source[1], output, parts[1]) == 0 { done.append(parts[1]) }
            } else if source.count == 1, parts[0].hasPrefix("." + parts[1] + TemporaryFiles.marker), parts[0].hasSuffix(".tmp") {
                // An earlier version's journal: `.NAME.coopreport-PID.tmp` → NAME, beside it.
                var fileInfo = stat()
                guard fstatat(output, parts[0], &fileInfo, AT_SYMLINK_NOFOLLOW) == 0, (fileInfo.st_mode & S_IFMT) == S_IFREG else {
                    continue
                }
                if renameat(output, parts[0], output, parts[1]) == 0 { done.append(parts[1]) }
            }
        }
        fsync(output)
        unlink(journal)
        return done
    }

    /// A journal's folder line (`.staging.coopreport-PID.tmp/cooperatives/` → `cooperatives/`):
    /// switched when the folder in place is not yet the staged one (their marks say), and
    /// returned; nil for a file's line, or a folder already in place.
    static func recoverFolder(_ parts: [String], in output: Int32) -> String? {
        guard parts[1].hasSuffix("/") else { return nil }
        let folder = String(parts[1].dropLast())
        let source = parts[0].split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard folder == CooperativeParts.folder, source.count == 2, source[1] == folder, source[0].hasPrefix(StagingFolder.prefix),
            source[0].hasSuffix(".tmp"), StagingFolder.mark(of: folder, in: output) != source[0]
        else { return nil }
        let staging = openat(output, source[0], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard staging >= 0 else { return nil }
        defer { close(staging) }
        var info = stat()
        guard fstat(staging, &info) == 0, info.st_uid == geteuid(), StagingFolder.mark(of: folder, in: staging) == source[0],
            StagingFolder.switchFolder(folder, in: staging, to: folder, in: output) == nil
        else { return nil }
        return folder + "/"
    }

    /// The properties of a cooperative's workbook: its name in the title; nothing traces
    /// another cooperative's inputs.
    static func properties(_ part: CooperativeParts.Part, _ doc: ReportDocument, created: Date) -> WorkbookWriter.Properties {
        let m = doc.metrics
        return .init(
            title: "Rapport de formation — \(part.name) — arrêté au \(m.asOf.french)",
            subject: "Chiffres de la coopérative à côté de ceux de la fédération ; ses sessions, ses participants, leurs certificats",
            author: doc.options.organisation.name, created: created,
            custom: [("Outil", "coopreport \(doc.toolVersion)"), ("Période", m.period.french), ("Coopérative", part.name)])
    }

    /// Title, subject, author (the federation), created = `created` (the run's start: the
    /// as-of date stays in the title and subject), and custom properties tracing the inputs.
    static func properties(_ doc: ReportDocument, created: Date) -> WorkbookWriter.Properties {
        let m = doc.metrics
        let evidence = doc.options.evidence
        let title =
            doc.options.certificates
            ? "Certificats de réalisation — \(m.period.programme ?? m.period.label) — arrêté au \(m.asOf.french)"
            : evidence
                ? "Preuves Qualiopi — \(m.period.programme ?? m.period.label) — arrêté au \(m.asOf.french)"
                : "Rapport de formation — arrêté au \(m.asOf.french)"
        let subject =
            doc.options.certificates
            ? "Certificats de réalisation des actions de formation (article L. 6313-1 du code du travail), un par participant et programme"
            : evidence
                ? "Indicateurs Qualiopi 1, 2, 8, 11, 12, 30, 31 et 32 : information, résultats, positionnement, objectifs, abandons, appréciations, réclamations, améliorations"
                : "Indicateurs de formation (présence, achèvement, satisfaction)"
        var custom: [(name: String, value: String)] = [("Outil", "coopreport \(doc.toolVersion)"), ("Période", m.period.french)]
        for input in doc.inputs {
            custom.append(("SHA-256 \(input.role.rawValue) \(URL(fileURLWithPath: input.path).lastPathComponent)", input.sha256))
        }
        return .init(title: title, subject: subject, author: doc.options.organisation.name, created: created, custom: custom)
    }

    static func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
