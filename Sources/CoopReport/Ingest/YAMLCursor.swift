import Yams

/// A node of a YAML document with the key path that leads to it, so that every complaint
/// names the place at fault (`programmes[0].sessions[2].kind`) and its line.
struct YAMLCursor {
    /// Builds the reader's own error from (file, line, key path, message).
    typealias ErrorMaker = @Sendable (String, Int, String, String) -> Error

    let node: Node
    let path: String
    let file: String
    let makeError: ErrorMaker

    var line: Int { node.mark?.line ?? 0 }

    func fail(_ message: String) -> Error {
        makeError(file, line, path.isEmpty ? "(document)" : path, message)
    }

    func child(_ node: Node, path: String) -> YAMLCursor {
        YAMLCursor(node: node, path: path, file: file, makeError: makeError)
    }

    /// The mapping's entries; a key outside `allowed` is an error naming the nearest one.
    func mapping(allowed: [String]) throws -> [String: YAMLCursor] {
        guard case .mapping(let mapping) = node else { throw fail("expected a mapping (key: value lines), found \(kind)") }
        var out: [String: YAMLCursor] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            let child = child(value, path: path.isEmpty ? name : "\(path).\(name)")
            guard allowed.contains(name) else {
                let hint = Nearest.match(name, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                // Reported at the key's own line (a nested value starts on the next one).
                throw makeError(
                    file, key.mark?.line ?? child.line, child.path,
                    "unknown key '\(name)'\(hint); expected one of \(allowed.joined(separator: ", "))")
            }
            out[name] = child
        }
        return out
    }

    /// The items of a sequence.
    func sequence() throws -> [YAMLCursor] {
        guard case .sequence(let seq) = node else { throw fail("expected a list, found \(kind)") }
        return seq.enumerated().map { child($1, path: "\(path)[\($0)]") }
    }

    func string() throws -> String {
        guard case .scalar(let s) = node else { throw fail("expected text, found \(kind)") }
        return s.string
    }

    func day() throws -> Day {
        let text = try string()
        guard let day = Day(iso: text) else { throw fail("'\(text)' is not a date (expected YYYY-MM-DD)") }
        return day
    }

    func number() throws -> Double {
        let text = try string()
        guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite else {
            throw fail("'\(text)' is not a number")
        }
        return value
    }

    func integer() throws -> Int {
        let text = try string()
        guard let value = Int(text) else { throw fail("'\(text)' is not a whole number") }
        return value
    }

    func bool() throws -> Bool {
        guard let value = node.bool else { throw fail("'\((try? string()) ?? kind)' is not true or false") }
        return value
    }

    /// Key → value pairs of a mapping whose keys are free text (header renames, value maps).
    func pairs() throws -> [(key: String, value: YAMLCursor)] {
        guard case .mapping(let mapping) = node else { throw fail("expected a mapping (key: value lines), found \(kind)") }
        return mapping.map { key, value in
            let name = key.string ?? ""
            return (name, child(value, path: "\(path).\(name)"))
        }
    }

    func strings() throws -> [String] {
        if case .scalar = node { return [try string()] }
        return try sequence().map { try $0.string() }
    }

    private var kind: String {
        switch node {
        case .scalar: "a value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
