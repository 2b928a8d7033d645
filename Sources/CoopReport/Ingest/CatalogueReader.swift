import Foundation
import Yams

/// Reads `catalogue.yml` (`data-contract.md` §1). Strict: unknown keys, duplicate codes,
/// unknown `requires` and impossible dates are errors that name the YAML path.
public enum CatalogueReader {
    /// Reads and checks the catalogue file.
    public static func read(path: String) throws -> Catalogue {
        guard FileManager.default.fileExists(atPath: path) else { throw IngestError.fileNotFound(path: path) }
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            text = String(decoding: data, as: UTF8.self)
        } catch {
            throw IngestError.unreadable(path: path, reason: SystemReason.of(error))
        }
        return try parse(text, path: path)
    }

    /// Parses catalogue YAML; `path` names it in messages.
    public static func parse(_ text: String, path: String) throws -> Catalogue {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw IngestError.emptyFile(path: path) }
            root = node
        } catch let error as IngestError {
            throw error
        } catch {
            let syntax = YAMLSyntax.describe(error, in: text)
            throw IngestError.catalogue(path: path, line: syntax.line, keyPath: "(document)", message: syntax.message)
        }
        let document = YAMLCursor(node: root, path: "", file: path) { file, line, keyPath, message in
            IngestError.catalogue(path: file, line: line, keyPath: keyPath, message: message)
        }
        let top = try document.mapping(allowed: ["programmes", "survey"])
        guard let list = top["programmes"] else { throw document.fail("clé « programmes » absente") }
        var programmes: [Programme] = []
        // Codes in a set: a catalogue of ten thousand programmes is read in linear time.
        var codes: Set<String> = []
        for item in try list.sequence() {
            let p = try programme(item)
            if !codes.insert(p.code).inserted {
                throw item.fail("le code de programme « \(p.code) » apparaît deux fois ; chaque code doit être unique")
            }
            programmes.append(p)
        }
        let survey = try top["survey"].map(self.survey) ?? .standard
        return Catalogue(programmes: programmes, survey: survey)
    }

    private static func programme(_ cursor: YAMLCursor) throws -> Programme {
        let keys = try cursor.mapping(allowed: ["code", "title", "family", "sessions", "nsf"] + PublishedInfo.keys.map(\.key))
        guard let codeNode = keys["code"] else { throw cursor.fail("clé « code » absente") }
        let code = try codeNode.string()
        guard let list = keys["sessions"] else { throw cursor.fail("clé « sessions » absente") }
        var sessions: [Session] = []
        // Codes in a set: a catalogue of ten thousand sessions is read in linear time.
        var codes: Set<String> = []
        for item in try list.sequence() {
            let s = try session(item, programme: code)
            guard codes.insert(s.code).inserted else {
                throw item.fail("le code de session « \(s.code) » apparaît deux fois dans le programme \(code)")
            }
            sessions.append(s)
        }
        for (i, s) in sessions.enumerated() {
            for r in s.requires where !codes.contains(r) {
                throw list.child(try list.sequence()[i].node, path: "\(list.path)[\(i)].requires")
                    .fail(
                        "« requires » nomme « \(r) », qui n'est pas une session de \(code) (sessions : \(sessions.map(\.code).joined(separator: ", ")))"
                    )
            }
        }
        if let cycle = requirementCycle(sessions) {
            // A circle of ten thousand sessions is shown by its ends, not on a 200 kB line.
            let shown =
                cycle.count <= 12
                ? cycle.joined(separator: " → ")
                : (cycle.prefix(5) + ["…"] + cycle.suffix(5)).joined(separator: " → ")
                    + " (\(cycle.count - 1) sessions)"
            throw list.fail("les « requires » des sessions tournent en rond : \(shown) ; une session ne peut pas se requérir elle-même")
        }
        var nsf: String?
        if let n = keys["nsf"] {
            let text = try n.string().trimmingCharacters(in: .whitespaces)
            guard NSF.code(of: text) != nil else {
                throw n.fail(
                    "\(quoted(text)) n'est pas un code NSF (attendu : trois chiffres, une lettre de domaine facultative, puis le libellé facultatif, par exemple « 313 Finances, banque, assurances, immobilier »)"
                )
            }
            nsf = text
        }
        return Programme(
            code: code, title: try keys["title"]?.string() ?? code, sessions: sessions, nsf: nsf, published: try published(keys),
            family: try family(keys["family"]))
    }

    /// The programme's edition family (`family: FVC`): FVC-2021, FVC-2122 and FVC-2223 are
    /// editions of one programme. A code, so it is trimmed and may not be empty.
    static func family(_ node: YAMLCursor?) throws -> String? {
        guard let node else { return nil }
        let text = try node.string().trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            throw node.fail("« family » est vide : attendu le code commun aux éditions du programme (par exemple « FVC »)")
        }
        return text
    }

    /// The texts of indicator 1 in a programme's or a session's keys: each a text, or a
    /// list of texts (several contacts) joined by « ; ».
    private static func published(_ keys: [String: YAMLCursor]) throws -> PublishedInfo {
        var info = PublishedInfo()
        for (key, field) in PublishedInfo.keys {
            guard let node = keys[key] else { continue }
            info[keyPath: field] = try node.strings().joined(separator: " ; ")
        }
        return info
    }

    /// A loop in the sessions' `requires` (S1 → S2 → S1), or nil. Depth-first without
    /// recursion: a chain of ten thousand requirements must not exhaust the stack.
    static func requirementCycle(_ sessions: [Session]) -> [String]? {
        let requires = Dictionary(sessions.map { ($0.code, $0.requires) }, uniquingKeysWith: { a, _ in a })
        var state: [String: Int] = [:]  // 1: on the current path, 2: done
        for start in sessions where state[start.code] == nil {
            var path: [(code: String, next: Int)] = [(start.code, 0)]
            state[start.code] = 1
            while let top = path.last {
                let needs = requires[top.code] ?? []
                guard top.next < needs.count else {
                    state[top.code] = 2
                    path.removeLast()
                    continue
                }
                path[path.count - 1].next += 1
                let r = needs[top.next]
                switch state[r] {
                case 1:
                    let from = path.firstIndex { $0.code == r } ?? 0
                    return path[from...].map(\.code) + [r]
                case 2: continue
                default:
                    state[r] = 1
                    path.append((r, 0))
                }
            }
        }
        return nil
    }

    private static let sessionKeys =
        [
            "code", "title", "kind", "start", "end", "hours", "price_ht", "capacity",
            "venue", "trainers", "mandatory", "survey", "requires", "objectives",
        ] + PublishedInfo.keys.map(\.key)

    private static func session(_ cursor: YAMLCursor, programme: String) throws -> Session {
        let k = try cursor.mapping(allowed: sessionKeys)
        func need(_ name: String) throws -> YAMLCursor {
            guard let v = k[name] else { throw cursor.fail("clé « \(name) » absente") }
            return v
        }
        let code = try need("code").string()
        let kindText = try k["kind"]?.string() ?? "classroom"
        guard let kind = Session.Kind(rawValue: kindText) else {
            throw (k["kind"] ?? cursor).fail(
                "\(quoted(kindText)) n'est pas un type de session (attendu : classroom, remote, action, extension)")
        }
        let start = try need("start").day()
        let end = try k["end"]?.day() ?? start
        guard start <= end else { throw (k["end"] ?? cursor).fail("se termine (\(end)) avant de commencer (\(start))") }
        let hours = try need("hours").number(in: Bounds.sessionHours)
        guard hours <= Session.maxHours(from: start, to: end) else {
            throw (k["hours"] ?? cursor).fail(
                "« hours » \(hours) : plus que les dates de la session ne permettent (au plus \(Int(Session.maxHours(from: start, to: end))), soit 24 par jour du début à la fin)"
            )
        }
        let price = try k["price_ht"]?.number(in: Bounds.price)
        let capacity = try k["capacity"]?.integer(in: Bounds.capacity)
        let requires = try k["requires"]?.strings() ?? []
        if requires.contains(code) { throw (k["requires"] ?? cursor).fail("une session ne peut pas se requérir elle-même") }
        return Session(
            programme: programme, code: code, title: try k["title"]?.string() ?? code, kind: kind,
            start: start, end: end, hours: hours, priceHT: price, capacity: capacity,
            venue: try k["venue"]?.string(), trainers: try k["trainers"]?.strings() ?? [],
            mandatory: try k["mandatory"]?.bool(), survey: try k["survey"]?.bool(), requires: requires,
            objectives: try k["objectives"]?.strings() ?? [], published: try published(k))
    }

    static func survey(_ cursor: YAMLCursor) throws -> Survey {
        let k = try cursor.mapping(allowed: ["scale", "questions"])
        var scale = Survey.standard.scale
        if let s = k["scale"] {
            let m = try s.mapping(allowed: ["min", "max", "satisfied_from"])
            let lo = try m["min"]?.integer(in: Bounds.scale) ?? scale.min
            let hi = try m["max"]?.integer(in: Bounds.scale) ?? scale.max
            let from = try m["satisfied_from"]?.integer() ?? scale.satisfiedFrom
            guard lo < hi else { throw s.fail("« min » (\(lo)) doit être inférieur à « max » (\(hi))") }
            guard (lo...hi).contains(from) else { throw s.fail("« satisfied_from » (\(from)) doit être compris entre « min » et « max »") }
            scale = Survey.Scale(min: lo, max: hi, satisfiedFrom: from)
        }
        var questions = Survey.standard.questions
        if let q = k["questions"] {
            questions = []
            for item in try q.sequence() {
                let m = try item.mapping(allowed: ["column", "label"])
                guard let column = try m["column"]?.string(), !column.isEmpty else { throw item.fail("clé « column » absente") }
                guard !questions.contains(where: { $0.column == column }) else {
                    throw item.fail("la colonne de question « \(column) » apparaît deux fois")
                }
                questions.append(Survey.Question(column: column, label: try m["label"]?.string() ?? column))
            }
        }
        return Survey(scale: scale, questions: questions)
    }
}
