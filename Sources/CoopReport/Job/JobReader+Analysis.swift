import Yams

/// The analysis keys of a job (docs/jobs.md, « Analyses »): `filter:`, `by:`, `figures:`,
/// `compare:`. Their values are checked here against the dimensions and figures; a filter's
/// values are checked against the data once it is read (an unknown one exits 64 too).
extension JobReader {
    static func analysis(_ top: [String: YAMLCursor]) throws -> Analysis {
        var analysis = Analysis()
        if let f = top["filter"] {
            for (key, value) in try f.pairs() {
                let d = try dimension(key, at: value)
                let values = try texts(value)
                guard !values.isEmpty, values.allSatisfy({ !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
                    throw value.fail("vide ; attendu : la valeur à garder (« \(d.id): … »), ou une liste de valeurs")
                }
                analysis.filter.add(Filter.Condition(d, values, line: value.line))
            }
        }
        if let b = top["by"] {
            let names = try texts(b)
            analysis.by = try names.map { try dimension($0, at: b) }
            guard (1...2).contains(analysis.by.count), Set(analysis.by).count == analysis.by.count else {
                throw b.fail("attendu : une dimension, ou deux différentes à croiser (par exemple « by: [role, cooperative] »)")
            }
        }
        if let f = top["figures"] {
            analysis.figures = try texts(f).map { id in
                guard let metric = Metric(rawValue: id) else {
                    let near = Nearest.match(id, in: Metric.allCases.map(\.id)).map { " (vouliez-vous dire « \($0) » ?)" } ?? ""
                    throw f.fail("« \(id) » n'est pas un indicateur\(near) ; attendus : les identifiants de la feuille Méthode")
                }
                return metric
            }
        }
        if let c = top["compare"] { analysis.compare = try comparison(c) }
        return analysis
    }

    /// `compare: previous_edition`, `compare: {programme: FVC-2021}` or `compare: {from: …, to: …}`.
    static func comparison(_ c: YAMLCursor) throws -> Comparison {
        if case .scalar = c.node {
            let word = try c.string()
            guard word == "previous_edition" else {
                throw c.fail(
                    "\(quoted(word)) n'est pas une comparaison (attendu : previous_edition, ou une table avec programme ou from/to)")
            }
            return .previousEdition
        }
        let keys = try c.mapping(allowed: ["from", "to", "programme"])
        if let programme = keys["programme"] {
            guard keys["from"] == nil && keys["to"] == nil else {
                throw c.fail("indiquez soit « programme », soit « from »/« to », pas les deux")
            }
            return .period(Period(programme: try programme.string()))
        }
        let range = Period(from: try keys["from"]?.day(), to: try keys["to"]?.day())
        guard range.from != nil || range.to != nil else { throw c.fail("attendu : « from » et/ou « to », ou « programme »") }
        if let f = range.from, let t = range.to, t < f { throw c.fail("« to » (\(t)) est antérieur à « from » (\(f))") }
        return .period(range)
    }

    /// The dimension `name` (`role`, or its plural `roles`), or an error naming the nearest.
    static func dimension(_ name: String, at node: YAMLCursor) throws -> Dimension {
        guard let d = Dimension.named(name) else {
            let near = Nearest.match(name, in: Dimension.allCases.map(\.id)).map { " (vouliez-vous dire « \($0) » ?)" } ?? ""
            throw node.fail(
                "« \(name) » n'est pas une dimension\(near) ; attendues : \(Dimension.allCases.map(\.id).joined(separator: ", "))")
        }
        return d
    }

    /// A text or a list of texts.
    private static func texts(_ node: YAMLCursor) throws -> [String] {
        if case .sequence = node.node { return try node.strings() }
        return [try node.string()]
    }
}

extension Analysis {
    /// The command line's `--filter KEY=VALUE` (repeatable), `--by DIMENSION` (one or two)
    /// and `--compare previous_edition|PROGRAMME|AAAA-MM-JJ..AAAA-MM-JJ`, with the same
    /// checks as a job's keys; the message of a bad one says what was expected.
    public static func parse(filters: [String], by: [String], compare: String?) -> Result<Analysis, AnalysisFlagError> {
        var analysis = Analysis()
        for f in filters {
            let parts = f.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty else {
                return .failure(.filter(f, "attendu : DIMENSION=VALEUR, par exemple cooperative=Coop'Toit"))
            }
            guard let d = Dimension.named(parts[0]) else { return .failure(.filter(f, Self.dimensionHint(parts[0]))) }
            analysis.filter.add(Filter.Condition(d, [parts[1]]))
        }
        for b in by {
            guard let d = Dimension.named(b) else { return .failure(.by(b, Self.dimensionHint(b))) }
            analysis.by.append(d)
        }
        guard analysis.by.count <= 2, Set(analysis.by).count == analysis.by.count else {
            return .failure(.by(by.joined(separator: " "), "attendu : une dimension, ou deux différentes à croiser"))
        }
        if let compare {
            if compare == "previous_edition" {
                analysis.compare = .previousEdition
            } else if compare.contains("..") {
                let parts = compare.components(separatedBy: "..")
                let from = Day(iso: parts[0])
                let to = parts.count == 2 ? Day(iso: parts[1]) : nil
                guard let from, let to, from <= to else {
                    return .failure(.compare(compare, "attendu : AAAA-MM-JJ..AAAA-MM-JJ, la première date avant la seconde"))
                }
                analysis.compare = .period(Period(from: from, to: to))
            } else {
                analysis.compare = .period(Period(programme: compare))
            }
        }
        return .success(analysis)
    }

    static func dimensionHint(_ name: String) -> String {
        let near = Nearest.match(name, in: Dimension.allCases.map(\.id)).map { "vouliez-vous dire « \($0) » ? " } ?? ""
        return "« \(name) » n'est pas une dimension ; \(near)attendues : \(Dimension.allCases.map(\.id).joined(separator: ", "))"
    }

    /// Adds what the command line asks to what the job asks: its filters widen or add
    /// conditions, its `--by` and `--compare` replace the job's.
    public func overridden(by flags: Analysis) -> Analysis {
        var a = self
        for c in flags.filter.conditions { a.filter.add(c) }
        if !flags.by.isEmpty { a.by = flags.by }
        if let c = flags.compare { a.compare = c }
        return a
    }
}

/// A bad analysis flag (exit 64).
public enum AnalysisFlagError: Error, Equatable, CustomStringConvertible {
    case filter(String, String)
    case by(String, String)
    case compare(String, String)

    public var description: String {
        switch self {
        case .filter(let v, let why): "--filter « \(v) » : \(why)"
        case .by(let v, let why): "--by « \(v) » : \(why)"
        case .compare(let v, let why): "--compare « \(v) » : \(why)"
        }
    }
}
