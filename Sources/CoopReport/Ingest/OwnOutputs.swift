import Foundation

/// The files CoopReport itself writes, never read as inputs (docs/decisions.md, « Inputs
/// that are outputs »): this run's four outputs, and in any input folder the files a
/// coopreport manifest there lists as its outputs, and those manifests. An output folder
/// inside an input's glob (`output: input`, `registrations: input/*.csv`) would otherwise
/// have the next run read its own `rejects.csv`.
public struct OwnOutputs: Sendable {
    private let paths: Set<String>

    /// This run's outputs: `names` in `directory`.
    public init(directory: String, names: ReportFiles.Names) {
        let folder = URL(fileURLWithPath: directory)
        paths = Set(
            [names.workbook, names.metrics, names.rejects, names.manifest].map { Self.key(folder.appendingPathComponent($0).path) })
    }

    /// None: every file is an input (tests of the glob alone).
    public static let none = OwnOutputs(paths: [])

    private init(paths: Set<String>) { self.paths = paths }

    /// The same file however it is written (`./`, `..`, links in the folders).
    static func key(_ path: String) -> String { URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path }

    /// These outputs and those the coopreport manifests in `folder` list, with the manifests.
    func adding(manifestsIn folder: String) -> OwnOutputs {
        var all = paths
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name == "manifest.json" || name.hasSuffix("-manifest.json") {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size < 1 << 20,
                let data = FileManager.default.contents(atPath: path),
                let manifest = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
                manifest["tool"] as? String == "coopreport"
            else { continue }
            all.insert(Self.key(path))
            for output in manifest["outputs"] as? [[String: Any]] ?? [] {
                guard let listed = output["path"] as? String else { continue }
                all.insert(Self.key(listed))
                // The folder may have moved since: the same name beside the manifest.
                all.insert(
                    Self.key(URL(fileURLWithPath: folder).appendingPathComponent(URL(fileURLWithPath: listed).lastPathComponent).path))
            }
        }
        return OwnOutputs(paths: all)
    }

    /// Whether `path` is one of these outputs.
    func contains(_ path: String) -> Bool { paths.contains(Self.key(path)) }
}
