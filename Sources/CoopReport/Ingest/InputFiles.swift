import Foundation

/// Expands an input's path or glob (`*` and `?` in the file name) into files, in name order.
public enum InputFiles {
    /// The files of `pattern`, the tool's own outputs (`own`) left out of a glob and listed
    /// in `skipped`; a path naming one of them is an error.
    public static func expand(_ pattern: String, skipping own: OwnOutputs = .none) throws -> (files: [String], skipped: [String]) {
        let url = URL(fileURLWithPath: pattern)
        let name = url.lastPathComponent
        let folder = url.deletingLastPathComponent()
        let outputs = own.adding(manifestsIn: folder.path)
        guard name.contains("*") || name.contains("?") else {
            guard FileManager.default.fileExists(atPath: pattern) else { throw IngestError.fileNotFound(path: pattern) }
            if outputs.contains(pattern) { throw IngestError.ownOutput(path: pattern) }
            return ([pattern], [])
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let found = entries.filter { matches(Array($0), Array(name)) }.sorted().map { folder.appendingPathComponent($0).path }
        guard !found.isEmpty else { throw IngestError.noMatch(pattern: pattern) }
        let skipped = found.filter(outputs.contains)
        let files = found.filter { !outputs.contains($0) }
        guard !files.isEmpty else { throw IngestError.ownOutput(path: skipped[0]) }
        return (files, skipped)
    }

    /// Shell-style match of `*` (any run) and `?` (one character).
    static func matches(_ s: [Character], _ p: [Character]) -> Bool {
        var si = 0
        var pi = 0
        var star = -1
        var mark = 0
        while si < s.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == s[si]) {
                si += 1
                pi += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi
                mark = si
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                si = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
