import Foundation

/// Expands an input's path or glob (`*` and `?` in the file name) into files, in name order.
public enum InputFiles {
    public static func expand(_ pattern: String) throws -> [String] {
        let url = URL(fileURLWithPath: pattern)
        let name = url.lastPathComponent
        guard name.contains("*") || name.contains("?") else {
            guard FileManager.default.fileExists(atPath: pattern) else { throw IngestError.fileNotFound(path: pattern) }
            return [pattern]
        }
        let folder = url.deletingLastPathComponent()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let found = entries.filter { matches(Array($0), Array(name)) }.sorted()
        guard !found.isEmpty else { throw IngestError.noMatch(pattern: pattern) }
        return found.map { folder.appendingPathComponent($0).path }
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
