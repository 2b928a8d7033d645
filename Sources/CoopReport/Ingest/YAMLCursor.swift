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
        guard case .mapping(let mapping) = node else { throw fail("attendu : une table (lignes « clé: valeur ») ; trouvé : \(kind)") }
        var out: [String: YAMLCursor] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            let child = child(value, path: path.isEmpty ? name : "\(path).\(name)")
            guard allowed.contains(name) else {
                let hint = Nearest.match(name, in: allowed).map { " (vouliez-vous dire « \($0) » ?)" } ?? ""
                // Reported at the key's own line (a nested value starts on the next one).
                throw makeError(
                    file, key.mark?.line ?? child.line, child.path,
                    "clé inconnue « \(name) »\(hint) ; attendu : l'une de \(allowed.joined(separator: ", "))")
            }
            out[name] = child
        }
        return out
    }

    /// The items of a sequence.
    func sequence() throws -> [YAMLCursor] {
        guard case .sequence(let seq) = node else { throw fail("attendu : une liste ; trouvé : \(kind)") }
        return seq.enumerated().map { child($1, path: "\(path)[\($0)]") }
    }

    func string() throws -> String {
        guard case .scalar(let s) = node else { throw fail("attendu : un texte ; trouvé : \(kind)") }
        return s.string
    }

    func day() throws -> Day {
        let text = try string()
        guard let day = Day(iso: text) else { throw fail("\(quoted(text)) n'est pas une date (attendu : AAAA-MM-JJ)") }
        return day
    }

    func number() throws -> Double {
        let text = try string()
        guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite else {
            throw fail("\(quoted(text)) n'est pas un nombre")
        }
        return value
    }

    func integer() throws -> Int {
        let text = try string()
        guard let value = Int(text) else { throw fail("\(quoted(text)) n'est pas un nombre entier") }
        return value
    }

    func bool() throws -> Bool {
        guard let value = node.bool else { throw fail("\(quoted((try? string()) ?? kind)) n'est ni true ni false") }
        return value
    }

    /// Key → value pairs of a mapping whose keys are free text (header renames, value maps).
    func pairs() throws -> [(key: String, value: YAMLCursor)] {
        guard case .mapping(let mapping) = node else { throw fail("attendu : une table (lignes « clé: valeur ») ; trouvé : \(kind)") }
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
        case .scalar: "une valeur"
        case .mapping: "une table"
        case .sequence: "une liste"
        case .alias: "un alias"
        }
    }
}
