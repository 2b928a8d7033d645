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
    /// The line of the key that leads here, when the node is a table's value.
    var keyLine: Int? = nil

    var line: Int { node.mark?.line ?? 0 }
    /// Where a person looks for this entry: its key's line, else the node's.
    var entryLine: Int { keyLine ?? line }

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
            var child = child(value, path: path.isEmpty ? name : "\(path).\(name)")
            child.keyLine = key.mark?.line
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

    /// A number written in decimal digits (`12`, `-3`, `0.5`, `0,5`). Hexadecimal
    /// (`0x10`), exponents (`1e9`), `inf` and `nan` are refused: the value used is the one
    /// a person reads.
    func number() throws -> Double {
        let text = try string()
        guard Self.isDecimal(text, fraction: true), let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite
        else {
            throw fail("\(quoted(text)) n'est pas un nombre écrit en chiffres (par exemple 12 ou 0,5)")
        }
        return value
    }

    /// A number within `range` (the bounds docs/jobs.md and README « Bornes » state).
    func number(in range: ClosedRange<Double>) throws -> Double {
        let value = try number()
        guard range.contains(value) else {
            throw fail(
                "doit être compris entre \(Self.french(range.lowerBound)) et \(Self.french(range.upperBound)) ; trouvé : \(try string())")
        }
        return value
    }

    /// An integer written in decimal digits (`12`, `-3`; not `0x10`, `1e3` nor `12.0`).
    func integer() throws -> Int {
        let text = try string()
        guard Self.isDecimal(text, fraction: false), let value = Int(text) else {
            throw fail("\(quoted(text)) n'est pas un nombre entier écrit en chiffres")
        }
        return value
    }

    /// An integer within `range`.
    func integer(in range: ClosedRange<Int>) throws -> Int {
        let value = try integer()
        guard range.contains(value) else {
            throw fail(
                "doit être compris entre \(Self.french(Double(range.lowerBound))) et \(Self.french(Double(range.upperBound))) ; trouvé : \(value)"
            )
        }
        return value
    }

    /// An optional sign, digits, and (when `fraction`) one `.` or `,` followed by digits.
    static func isDecimal(_ text: String, fraction: Bool) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        let whole = bytes.prefix(while: isDigit)
        guard !whole.isEmpty else { return false }
        let rest = bytes.dropFirst(whole.count)
        if rest.isEmpty { return true }
        guard fraction, let mark = rest.first, mark == UInt8(ascii: ".") || mark == UInt8(ascii: ",") else { return false }
        let decimals = rest.dropFirst()
        return !decimals.isEmpty && decimals.allSatisfy(isDigit)
    }

    /// A bound as a French reader writes it: 1 000 000, 0,5.
    static func french(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            let digits = String(Int(abs(value)))
            var grouped = ""
            for (i, c) in digits.enumerated() {
                if i > 0 && (digits.count - i) % 3 == 0 { grouped.append(" ") }
                grouped.append(c)
            }
            return (value < 0 ? "-" : "") + grouped
        }
        return "\(value)".replacingOccurrences(of: ".", with: ",")
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
            var child = child(value, path: "\(path).\(name)")
            child.keyLine = key.mark?.line
            return (name, child)
        }
    }

    /// The pairs of a map whose keys are compared as `TextKey`s (value maps, header
    /// renames, answer labels): keys that differ only in case, accents or punctuation are
    /// one key, and a map holding two of them is an error naming both lines.
    func keyedPairs() throws -> [(key: String, value: YAMLCursor)] {
        guard case .mapping(let mapping) = node else { throw fail("attendu : une table (lignes « clé: valeur ») ; trouvé : \(kind)") }
        var seen: [String: (text: String, line: Int)] = [:]
        var out: [(key: String, value: YAMLCursor)] = []
        for (key, value) in mapping {
            let name = key.string ?? ""
            var child = child(value, path: "\(path).\(name)")
            child.keyLine = key.mark?.line
            let line = key.mark?.line ?? child.line
            if let first = seen[TextKey.of(name)] {
                throw makeError(
                    file, line, path.isEmpty ? "(document)" : path,
                    "\(quoted(name)) (ligne \(line)) et \(quoted(first.text)) (ligne \(first.line)) sont la même clé une fois la casse, les accents et la ponctuation ignorés ; gardez-en une"
                )
            }
            seen[TextKey.of(name)] = (name, line)
            out.append((name, child))
        }
        return out
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
