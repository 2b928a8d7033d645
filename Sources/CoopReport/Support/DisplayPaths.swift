import Foundation

/// Paths as a person reads them in a report and on the terminal: relative to the folder
/// the command was typed in (`input/registrations.csv`, which the person can open from
/// there) — never the absolute path of the machine that ran the report.
public struct DisplayPaths: Sendable, Equatable {
    /// The folder paths are shown from (absolute).
    public let base: String

    public init(base: String) { self.base = URL(fileURLWithPath: base).standardizedFileURL.path }

    /// The current folder.
    public static var currentFolder: DisplayPaths { DisplayPaths(base: FileManager.default.currentDirectoryPath) }

    /// `path` relative to `base`; a path with nothing in common with it (another disk,
    /// `/tmp` beside `/srv`) stays absolute, which says more than a row of `..`.
    public func show(_ path: String) -> String {
        guard !path.isEmpty else { return path }
        let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let from = URL(fileURLWithPath: base).pathComponents
        var common = 0
        while common < min(target.count, from.count) && target[common] == from[common] { common += 1 }
        guard common > 1 else { return path }  // only "/" in common
        let ups = Array(repeating: "..", count: from.count - common)
        let rest = Array(target[common...])
        let parts = ups + rest
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// A message with every absolute path in it shown as `show` shows it: an error that
    /// stops the run names the files as the job does, not as the machine stores them.
    public func showPaths(in message: String) -> String {
        var out = ""
        var path = ""
        // A path runs from a « / » that starts a word to a space, a quote or a « : » .
        let stops: Set<Character> = [" ", "\n", "\t", "«", "»", "'", "\"", "(", ")", ",", ";"]
        var previous: Character = " "
        for ch in message {
            if path.isEmpty {
                if ch == "/" && (previous == " " || previous == "«" || previous == "(" || previous == "'" || previous == "\"") {
                    path.append(ch)
                } else {
                    out.append(ch)
                }
            } else if stops.contains(ch) || ch == ":" {
                out += show(path)
                path = ""
                out.append(ch)
            } else {
                path.append(ch)
            }
            previous = ch
        }
        if !path.isEmpty { out += show(path) }
        return out
    }
}
