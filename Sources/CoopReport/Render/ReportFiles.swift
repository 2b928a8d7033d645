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
            throw OutputError.notWritable(path: directory, reason: error.localizedDescription)
        }
        let folder = URL(fileURLWithPath: directory)
        func final(_ name: String) -> String { folder.appendingPathComponent(name).path }
        var staged: [(temporary: String, path: String)] = []
        do {
            let m = doc.metrics
            let plans = WorkbookPlanner.plan(doc)
            let workbook = final(names.workbook)
            let workbookTemporary = AtomicFile.freshTemporaryPath(for: workbook)
            staged.append((workbookTemporary, workbook))
            try WorkbookWriter.write(plans, properties: Self.properties(doc), to: workbookTemporary)
            let metricsJSON = Data(MetricsJSON.document(doc).serialized().utf8)
            staged.append((try AtomicFile.stage(metricsJSON, for: final(names.metrics)), final(names.metrics)))
            let rejects = Data(RejectsCSV.text(doc.rejects).utf8)
            staged.append((try AtomicFile.stage(rejects, for: final(names.rejects)), final(names.rejects)))

            let rows = [
                plans.reduce(0) { $0 + $1.rows.count }, m.sessions.count + m.programmes.count + m.cooperatives.count + m.months.count + 1,
                doc.rejects.count,
            ]
            let outputs = try zip(staged, rows).map { file, rows in
                let (bytes, sha256) = try ChunkReader.digest(of: file.temporary)
                return Manifest.Output(path: file.path, bytes: bytes, rows: rows, sha256: sha256)
            }
            let manifest = Manifest(
                toolVersion: doc.toolVersion, job: job, period: m.period, asOf: m.asOf,
                startedAt: Self.iso(started), endedAt: Self.iso(now()), inputs: doc.inputs, outputs: outputs)
            staged.append((try AtomicFile.stage(Data(manifest.json.serialized().utf8), for: final(names.manifest)), final(names.manifest)))
            if pauseBeforeCommit > 0 { Thread.sleep(forTimeInterval: pauseBeforeCommit) }
            // A rename in the same folder fails only when the destination is a folder: check
            // them all first, so that the four files are replaced together or not at all.
            for file in staged {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), isFolder.boolValue {
                    throw OutputError.notWritable(path: file.path, reason: "a folder has this name")
                }
            }
            for file in staged { try AtomicFile.commit(file.temporary, to: file.path) }
        } catch {
            for file in staged { AtomicFile.discard(file.temporary) }
            throw error
        }
        return staged.map(\.path)
    }

    /// Title, subject, author (the federation), created = the as-of date, and custom
    /// properties tracing the inputs.
    static func properties(_ doc: ReportDocument) -> WorkbookWriter.Properties {
        let m = doc.metrics
        let evidence = doc.options.evidence
        let title =
            evidence
            ? "Preuves Qualiopi — \(m.period.programme ?? m.period.label) — arrêté au \(m.asOf.french)"
            : "Rapport de formation — arrêté au \(m.asOf.french)"
        let subject =
            evidence
            ? "Indicateurs Qualiopi 2, 8, 11, 12, 30 et 32 : résultats, prérequis, objectifs, abandons, appréciations, améliorations"
            : "Indicateurs de formation (présence, achèvement, satisfaction)"
        var custom: [(name: String, value: String)] = [("Outil", "coopreport \(doc.toolVersion)"), ("Période", m.period.french)]
        for input in doc.inputs {
            custom.append(("SHA-256 \(input.role) \(URL(fileURLWithPath: input.path).lastPathComponent)", input.sha256))
        }
        return .init(title: title, subject: subject, author: doc.options.organisation, created: m.asOf, custom: custom)
    }

    static func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
