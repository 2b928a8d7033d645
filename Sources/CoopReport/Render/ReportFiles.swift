import Foundation

/// The four files beside each other in the output folder, each written atomically:
/// report.xlsx, metrics.json, rejects.csv, then manifest.json (which lists the others).
public struct ReportFiles {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// Writes the four files and returns their paths.
    public func write(_ doc: ReportDocument, job: String? = nil, started: Date, now: () -> Date) throws -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputError.notWritable(path: directory, reason: error.localizedDescription)
        }
        let folder = URL(fileURLWithPath: directory)
        let workbook = folder.appendingPathComponent("report.xlsx").path
        let m = doc.metrics
        try WorkbookWriter.write(
            WorkbookPlanner.plan(doc),
            properties: .init(
                title: "Rapport de formation — arrêté au \(m.asOf.french)",
                subject: "Indicateurs de formation (présence, achèvement, satisfaction)",
                author: "CoopReport", created: m.asOf),
            to: workbook)
        let metrics = folder.appendingPathComponent("metrics.json").path
        try AtomicFile.write(Data(MetricsJSON.document(doc).serialized().utf8), to: metrics)
        let rejects = folder.appendingPathComponent("rejects.csv").path
        try AtomicFile.write(Data(RejectsCSV.text(doc.rejects).utf8), to: rejects)

        var outputs: [Manifest.Output] = []
        for path in [workbook, metrics, rejects] {
            let data = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
            outputs.append(Manifest.Output(path: path, bytes: data.count, sha256: InputFile.sha256Hex(data)))
        }
        let manifestPath = folder.appendingPathComponent("manifest.json").path
        let manifest = Manifest(
            toolVersion: doc.toolVersion, job: job, period: m.period, asOf: m.asOf,
            startedAt: Self.iso(started), endedAt: Self.iso(now()), inputs: doc.inputs, outputs: outputs)
        try AtomicFile.write(Data(manifest.json.serialized().utf8), to: manifestPath)
        return outputs.map(\.path) + [manifestPath]
    }

    static func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
