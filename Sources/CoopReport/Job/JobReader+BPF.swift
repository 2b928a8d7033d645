import Foundation
import Yams

extension BPF {
    /// The keys of the job's `bpf` block.
    static let jobKeys = ["roles", "default", "invoiced", "payers", "default_payer", "objectives", "subcontracted", "entrusted"]
}

/// The job's `bpf` and `trainers` blocks (docs/jobs.md).
extension JobReader {
    /// `trainers: {"Olivier Maurel": internal}` or a list of `{name, status}`.
    static func trainers(_ cursor: YAMLCursor) throws -> [String: BPF.TrainerStatus] {
        func status(_ c: YAMLCursor) throws -> BPF.TrainerStatus {
            let word = try c.string()
            switch TextKey.of(word) {
            case "internal", "interne": return .internal
            case "external", "externe": return .external
            default:
                let near = Nearest.match(word, in: ["internal", "external"]).map { " (vouliez-vous dire « \($0) » ?)" } ?? ""
                throw c.fail("\(quoted(word)) n'est pas un statut de formateur\(near) ; attendu : internal ou external")
            }
        }
        var out: [String: BPF.TrainerStatus] = [:]
        func add(_ name: String, _ value: YAMLCursor, at place: YAMLCursor) throws {
            let name = name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw place.fail("nom de formateur vide") }
            guard out[name] == nil else { throw place.fail("le formateur « \(name) » apparaît deux fois") }
            out[name] = try status(value)
        }
        if case .sequence = cursor.node {
            for item in try cursor.sequence() {
                let m = try item.mapping(allowed: ["name", "status"])
                guard let name = m["name"] else { throw item.fail("clé « name » absente (le nom du formateur, comme au catalogue)") }
                guard let value = m["status"] else { throw item.fail("clé « status » absente (internal ou external)") }
                try add(try name.string(), value, at: item)
            }
        } else {
            for (name, value) in try cursor.pairs() { try add(name, value, at: value) }
        }
        return out
    }

    static func bpf(_ b: YAMLCursor) throws -> BPF.Settings {
        var settings = BPF.Settings()
        let keys = try b.mapping(allowed: BPF.jobKeys)
        func line(_ cursor: YAMLCursor) throws -> BPF.Line {
            let code = try cursor.string()
            guard let line = BPF.Line(rawValue: code) else {
                throw cursor.fail("\(quoted(code)) n'est pas une ligne du BPF F-1 (attendu : a, b, c, d ou e)")
            }
            return line
        }
        func payer(_ cursor: YAMLCursor) throws -> BPF.PayerLine {
            let code = try cursor.string()
            guard let line = BPF.PayerLine(rawValue: TextKey.of(code)) else {
                let hint =
                    code.lowercased() == "c2"
                    ? " (la ligne 2 se détaille : c2a à c2h, par exemple c2h pour le plan de développement des compétences)" : ""
                throw cursor.fail(
                    "\(quoted(code)) n'est pas une ligne du cadre C du BPF\(hint) ; attendu : c1, c2a à c2h, c3 à c11")
            }
            return line
        }
        func count(_ cursor: YAMLCursor) throws -> BPF.Count {
            let m = try cursor.mapping(allowed: ["trainees", "hours"])
            let trainees = try m["trainees"]?.integer(in: Bounds.bpfTrainees) ?? 0
            let hours = try m["hours"]?.number(in: Bounds.bpfHours) ?? 0
            return BPF.Count(trainees: trainees, hours: hours)
        }
        if let d = keys["default"] { settings.defaultLine = try line(d) }
        for (role, target) in try keys["roles"]?.keyedPairs() ?? [] {
            settings.roles[TextKey.of(role)] = try line(target)
            settings.roleTexts[TextKey.of(role)] = role
        }
        if let i = keys["invoiced"] {
            switch try i.string() {
            case "registered": settings.invoicePresentOnly = false
            case "present": settings.invoicePresentOnly = true
            case let other:
                throw i.fail("\(quoted(other)) : attendu « registered » (chaque inscrit, par défaut) ou « present » (les présents)")
            }
        }
        for (value, target) in try keys["payers"]?.keyedPairs() ?? [] {
            settings.payers[TextKey.of(value)] = try payer(target)
            settings.payerTexts[TextKey.of(value)] = value
        }
        if let d = keys["default_payer"] { settings.defaultPayer = try payer(d) }
        for (programme, target) in try keys["objectives"]?.pairs() ?? [] {
            let code = try target.string()
            guard let objective = BPF.Objective(rawValue: code) else {
                throw target.fail("\(quoted(code)) n'est pas une ligne du BPF F-3 (attendu : a, b, c, d, e ou f)")
            }
            settings.objectives[programme] = objective
        }
        if let s = keys["subcontracted"] { settings.subcontracted = try count(s) }
        if let e = keys["entrusted"] { settings.entrusted = try count(e) }
        return settings
    }
}
