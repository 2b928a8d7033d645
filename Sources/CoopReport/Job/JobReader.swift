import Foundation
import Yams

/// Reads a job file (docs/jobs.md). Strict: unknown keys are errors naming the key path
/// and the nearest valid key; every value is checked before any input is opened.
public enum JobReader {
    public static let version = 1

    public static func read(path: String) throws -> Job {
        let text: String
        do {
            text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        } catch {
            throw JobError.unreadable(
                path: path, reason: FileManager.default.fileExists(atPath: path) ? SystemReason.of(error) : "fichier introuvable")
        }
        return try parse(text, path: path)
    }

    /// Parses a job; relative paths are resolved from the folder of `path`.
    public static func parse(_ text: String, path: String) throws -> Job {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw JobError.invalid(
                    path: path, line: 1, keyPath: "(document)",
                    message: "le fichier de tâche est vide ; attendu : « version: 1 » et « inputs »")
            }
            root = node
        } catch let error as JobError {
            throw error
        } catch {
            let syntax = YAMLSyntax.describe(error, in: text)
            throw JobError.invalid(path: path, line: syntax.line, keyPath: "(document)", message: syntax.message)
        }
        let doc = YAMLCursor(node: root, path: "", file: path) { file, line, keyPath, message in
            JobError.invalid(path: file, line: line, keyPath: keyPath, message: message)
        }
        let top = try doc.mapping(allowed: [
            "version", "inputs", "period", "as_of", "min_group_size", "max_reject_rate", "output", "name", "trend_months",
            "evidence", "detail", "target_satisfaction", "targets", "pseudonymise", "pseudonym_key", "organisation", "bpf",
            "trainers", "certificates", "filter", "by", "figures", "compare", "split",
        ])
        guard let versionNode = top["version"] else { throw doc.fail("clé « version » absente (attendu : « version: \(version) »)") }
        let found = try versionNode.integer()
        guard found == version else { throw versionNode.fail("la version \(found) n'est pas prise en charge (attendu : \(version))") }

        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolve(_ p: String) -> String {
            p.hasPrefix("/") ? p : folder.appendingPathComponent(p).standardizedFileURL.path
        }
        guard let inputsNode = top["inputs"] else { throw doc.fail("clé « inputs » absente") }
        let inputs = try inputsNode.mapping(allowed: InputKind.allCases.map(\.rawValue))
        func need(_ key: String) throws -> YAMLCursor {
            guard let v = inputs[key] else { throw inputsNode.fail("clé « \(key) » absente") }
            return v
        }
        let catalogue = resolve(try need(InputKind.catalogue.rawValue).string())
        var registrations = try input(need(InputKind.registrations.rawValue), kind: .registrations)
        var evaluations = try input(need(InputKind.evaluations.rawValue), kind: .evaluations)
        registrations.pattern = resolve(registrations.pattern)
        evaluations.pattern = resolve(evaluations.pattern)
        // The registers are optional: a report without them says « registre non fourni ».
        var registers: [InputSpec?] = []
        for kind in [InputKind.complaints, .actions] {
            guard let node = inputs[kind.rawValue] else {
                registers.append(nil)
                continue
            }
            var spec = try input(node, kind: kind)
            spec.pattern = resolve(spec.pattern)
            registers.append(spec)
        }
        // The cold evaluations are optional too: a survey export, mapped like the evaluations.
        var cold = try inputs[InputKind.cold.rawValue].map { try input($0, kind: .cold) }
        if let pattern = cold?.pattern { cold?.pattern = resolve(pattern) }
        // The member list is optional too: without it, the exports' names are the cooperatives.
        var members = try inputs[InputKind.members.rawValue].map { try input($0, kind: .members) }
        if let pattern = members?.pattern { members?.pattern = resolve(pattern) }

        var period = PeriodRule.fixed(Period())
        var lines: [String: Int] = [:]
        if let p = top["period"], case .scalar = p.node {
            let word = try p.string()
            guard word == "previous_month" else {
                throw p.fail("\(quoted(word)) n'est pas une période (attendu : previous_month, ou une table avec from/to ou programme)")
            }
            period = .previousMonth
        } else if let p = top["period"] {
            let keys = try p.mapping(allowed: ["from", "to", "programme"])
            if let programme = keys["programme"] {
                guard keys["from"] == nil && keys["to"] == nil else {
                    throw p.fail("indiquez soit « programme », soit « from »/« to », pas les deux")
                }
                let code = try programme.string()
                // The code names the output folder through {period}: it must stay one name.
                guard !code.isEmpty, !code.contains("/"), code != ".", code != ".." else {
                    throw programme.fail("\(quoted(code)) ne peut pas nommer un programme (ni vide, ni « / », ni « . » ou « .. »)")
                }
                period = .fixed(Period(programme: code))
                lines["period.programme"] = programme.entryLine
            } else {
                let range = Period(from: try keys["from"]?.day(), to: try keys["to"]?.day())
                if let f = range.from, let t = range.to, t < f { throw p.fail("« to » (\(t)) est antérieur à « from » (\(f))") }
                period = .fixed(range)
            }
        }
        let minGroupSize = try top["min_group_size"]?.integer() ?? 3
        if minGroupSize < 1, let n = top["min_group_size"] { throw n.fail("doit valoir au moins 1 ; trouvé : \(minGroupSize)") }
        _ = try top["min_group_size"]?.integer(in: Bounds.groupSize)
        let maxRejectRate = try top["max_reject_rate"]?.number() ?? 0.05
        if !(0...1).contains(maxRejectRate), let n = top["max_reject_rate"] {
            throw n.fail("doit être une fraction entre 0 et 1 (0.05 = 5 %) ; trouvé : \(maxRejectRate)")
        }
        guard let output = top["output"] else { throw doc.fail("clé « output » absente (le dossier qui reçoit le rapport)") }
        guard !(try output.string()).trimmingCharacters(in: .whitespaces).isEmpty else {
            throw output.fail("vide ; attendu : le dossier qui reçoit le rapport (relatif au dossier du fichier de tâche)")
        }
        let name = try top["name"]?.string()
        if let name, let n = top["name"], name.isEmpty || name.contains("/") || name.hasPrefix(".") {
            throw n.fail("\(quoted(name)) ne peut pas commencer un nom de fichier (ni « / », ni vide, ni « . » au début)")
        }
        let trendMonths = try top["trend_months"]?.integer()
        if let t = trendMonths, !(1...120).contains(t), let n = top["trend_months"] {
            throw n.fail("doit être compris entre 1 et 120 ; trouvé : \(t)")
        }
        var job = Job(
            path: path, catalogue: catalogue, registrations: registrations, evaluations: evaluations, period: period,
            asOf: try top["as_of"]?.day(), minGroupSize: minGroupSize, maxRejectRate: maxRejectRate,
            output: resolve(try output.string()), name: name, trendMonths: trendMonths)
        job.options = try options(top)
        job.analysis = try analysis(top)
        for key in ["bpf", "trainers", "split"] { if let node = top[key] { lines[key] = node.entryLine } }
        for (name, node) in (try? top["trainers"]?.pairs()) ?? [] { lines["trainers.\(name)"] = node.entryLine }
        for (code, node) in (try? top["bpf"]?.mapping(allowed: BPF.jobKeys)["objectives"]?.pairs()) ?? [] {
            lines["bpf.objectives.\(code)"] = node.entryLine
        }
        job.lines = lines
        if let k = top["pseudonym_key"] {
            guard job.options.pseudonymise else {
                throw k.fail("n'a d'effet qu'avec « pseudonymise: true » : ajoutez cette clé ou retirez « pseudonym_key »")
            }
            job.options.pseudonymKey = try pseudonymKey(k, path: resolve(try k.string()))
        }
        job.complaints = registers[0]
        job.actions = registers[1]
        job.cold = cold
        job.members = members
        return job
    }

    /// The secret the pseudonyms are keyed with: the bytes of the file `pseudonym_key`
    /// names, trailing blanks and line breaks dropped, at least 16 of them.
    static func pseudonymKey(_ node: YAMLCursor, path: String) throws -> [UInt8] {
        let expected =
            "attendu : un fichier hors du dépôt, lisible par vous seul, d'au moins \(minimumKeyLength) caractères aléatoires (par exemple : openssl rand -hex 32 > \(path))"
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? SystemReason.of(error) : "fichier introuvable"
            throw node.fail("le secret des pseudonymes \(path) ne peut pas être lu (\(reason)) ; \(expected)")
        }
        var key = [UInt8](data)
        while let last = key.last, [0x20, 0x09, 0x0A, 0x0D].contains(last) { key.removeLast() }
        guard key.count >= minimumKeyLength else {
            throw node.fail("le secret des pseudonymes \(path) a \(key.count) caractères ; \(expected)")
        }
        return key
    }

    /// The shortest secret accepted: below it, trying every key is within reach.
    static let minimumKeyLength = 16

    /// The report's extra sheets and presentation.
    static func options(_ top: [String: YAMLCursor]) throws -> ReportOptions {
        var options = ReportOptions()
        options.evidence = try top["evidence"]?.bool() ?? false
        options.detail = try top["detail"]?.bool() ?? false
        options.pseudonymise = try top["pseudonymise"]?.bool() ?? false
        if let o = top["organisation"] { options.organisation = try organisation(o) }
        options.certificates = try top["certificates"]?.bool() ?? false
        try checkCertificates(top, options)
        if let s = top["split"] {
            let value = try s.string()
            guard value == "cooperative" else {
                throw s.fail("valeur inconnue « \(value) » (attendu : « cooperative », un classeur par coopérative)")
            }
            options.splitCooperatives = true
        }
        if let t = top["target_satisfaction"] {
            options.targetSatisfaction = try t.number()
            guard (0...1).contains(options.targetSatisfaction) else { throw t.fail("doit être une fraction entre 0 et 1 (0.8 = 80 %)") }
        }
        if let t = top["targets"] {
            for (key, value) in try t.pairs() {
                guard let metric = Metric(rawValue: key), metric.unit == .rate else {
                    throw value.fail(
                        "« \(key) » n'est pas un taux (attendus : \(Metric.allCases.filter { $0.unit == .rate }.map(\.id).joined(separator: ", ")))"
                    )
                }
                // One setting for satisfaction: it also decides the improvement points.
                guard !metric.hasTarget else {
                    throw value.fail(
                        "la cible de « \(key) » se règle par « target_satisfaction » (elle décide aussi des points d'amélioration)")
                }
                let target = try value.number()
                guard (0...1).contains(target) else {
                    throw value.fail("doit être une fraction entre 0 et 1 (0.9 = 90 %), trouvé \(target)")
                }
                options.targets[metric] = target
            }
        }
        if let t = top["trainers"] { options.trainers = try trainers(t) }
        if let b = top["bpf"] { options.bpf = try bpf(b) }
        return options
    }

    /// An event label's target: `FVC-2122/S1`, or `{programme: FVC-2122, session: S1}`.
    static func sessionKey(_ cursor: YAMLCursor) throws -> SessionKey {
        if case .scalar = cursor.node {
            let parts = try cursor.string().split(separator: "/", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw cursor.fail(
                    "\(quoted(try cursor.string())) n'est pas une session (attendu : PROGRAMME/SESSION, par exemple FVC-2122/S1)")
            }
            return SessionKey(parts[0], parts[1])
        }
        let m = try cursor.mapping(allowed: ["programme", "session"])
        guard let p = try m["programme"]?.string(), let s = try m["session"]?.string() else {
            throw cursor.fail("attendu : {programme: CODE, session: CODE}")
        }
        return SessionKey(p, s)
    }

    /// A path, or a mapping with `path` and the export's mapping.
    static func input(_ cursor: YAMLCursor, kind: InputKind) throws -> InputSpec {
        if case .scalar = cursor.node { return InputSpec(try cursor.string()) }
        let allowed =
            ["path", "sheet", "separator", "encoding", "columns"] + (kind.valueMaps.isEmpty ? [] : ["values"])
            + (kind.isSurvey ? ["questions", "answers"] : [])
        let keys = try cursor.mapping(allowed: allowed)
        guard let path = keys["path"] else { throw cursor.fail("clé « path » absente") }
        var mapping = InputMapping()
        mapping.sheet = try keys["sheet"]?.string()
        if let s = keys["separator"] {
            switch try s.string() {
            case ";": mapping.separator = UInt8(ascii: ";")
            case ",": mapping.separator = UInt8(ascii: ",")
            case "tab", "\t": mapping.separator = UInt8(ascii: "\t")
            case let other: throw s.fail("\(quoted(other)) n'est pas un séparateur (attendu : « ; », « , » ou tab)")
            }
        }
        if let e = keys["encoding"] {
            switch TextKey.of(try e.string()) {
            case "utf8": mapping.encoding = .utf8
            case "windows1252", "cp1252", "latin1", "iso88591": mapping.encoding = .windows1252
            case _: throw e.fail("\(quoted(try e.string())) n'est pas un encodage (attendu : utf-8 ou windows-1252)")
            }
        }
        var renames: [(header: String, target: YAMLCursor)] = []
        if let c = keys["columns"] {
            for (header, target) in try c.keyedPairs() {
                mapping.columns[TextKey.of(header)] = try target.string()
                mapping.headerTexts[TextKey.of(header)] = header
                renames.append((header, target))
            }
        }
        if let v = keys["values"] {
            let maps = try v.mapping(allowed: kind.valueMaps)
            if kind.isRegister {
                try registerWords(maps, kind: kind, into: &mapping)
            }
            for (label, target) in try maps["programme"]?.keyedPairs() ?? [] {
                mapping.programmes[TextKey.of(label)] = try target.string()
                mapping.wordTexts[TextKey.of(label)] = label
            }
            for (label, target) in try maps["session"]?.keyedPairs() ?? [] {
                mapping.sessions[TextKey.of(label)] = try target.string()
                mapping.wordTexts[TextKey.of(label)] = label
            }
            for (label, target) in try maps["event"]?.keyedPairs() ?? [] {
                mapping.events[TextKey.of(label)] = try Self.sessionKey(target)
                mapping.wordTexts[TextKey.of(label)] = label
            }
            for (word, target) in kind == .registrations ? try maps["status"]?.keyedPairs() ?? [] : [] {
                let name = try target.string()
                guard let status = Registration.Status(rawValue: name) else {
                    throw target.fail("\(quoted(name)) n'est pas un statut (attendu : registered, cancelled, waitlisted)")
                }
                mapping.status[TextKey.of(word)] = status
                mapping.wordTexts[TextKey.of(word)] = word
            }
            for (word, target) in kind == .registrations ? try maps["role"]?.keyedPairs() ?? [] : [] {
                let role = try target.string().trimmingCharacters(in: .whitespaces)
                guard !role.isEmpty else { throw target.fail("vide ; attendu : le libellé de la fonction que « \(word) » désigne") }
                mapping.roles[TextKey.of(word)] = role
                mapping.wordTexts[TextKey.of(word)] = word
            }
            for (word, target) in try maps["attendance"]?.keyedPairs() ?? [] {
                let name = try target.string()
                guard let attendance = Registration.Attendance(rawValue: name) else {
                    throw target.fail("\(quoted(name)) n'est pas une présence (attendu : present, partial, absent)")
                }
                mapping.attendance[TextKey.of(word)] = attendance
                mapping.wordTexts[TextKey.of(word)] = word
            }
        }
        if let a = keys["answers"] {
            for (label, points) in try a.keyedPairs() {
                mapping.answers[TextKey.of(label)] = try points.integer(in: Bounds.scale)
                mapping.wordTexts[TextKey.of(label)] = label
            }
        }
        if let q = keys["questions"] {
            var questions: [Survey.Question] = []
            for item in try q.sequence() {
                let m = try item.mapping(allowed: ["header", "column", "label"])
                guard let header = try m["header"]?.string() else {
                    throw item.fail("clé « header » absente (le texte de la question dans l'export)")
                }
                guard let column = try m["column"]?.string(), !column.isEmpty else { throw item.fail("clé « column » absente") }
                guard !questions.contains(where: { $0.column == column }) else {
                    throw item.fail("la colonne de question « \(column) » apparaît deux fois")
                }
                questions.append(Survey.Question(column: column, label: try m["label"]?.string() ?? header))
                mapping.columns[TextKey.of(header)] = column
                mapping.headerTexts[TextKey.of(header)] = header
                mapping.questionHeaders.insert(TextKey.of(header))
            }
            mapping.questions = questions
        }
        // A rename must name a canonical column: a typo would otherwise drop the column.
        let schema: TableSchema? =
            switch kind {
            case .catalogue: nil  // a path, never mapped (`catalogue` above)
            case .registrations: TableSchema.registrations
            case .evaluations: TableSchema.evaluations(questions: (mapping.questions ?? Survey.standard.questions).map(\.column))
            case .cold: TableSchema.cold(questions: (mapping.questions ?? []).map(\.column))
            case .complaints: TableSchema.complaints
            case .actions: TableSchema.actions
            case .members: TableSchema.members
            }
        let known = schema?.columns.map(\.name) ?? []
        for (header, target) in renames {
            let name = try target.string()
            guard known.contains(name) || schema?.family(name) == name else {
                let hint = Nearest.match(name, in: known).map { " (vouliez-vous dire « \($0) » ?)" } ?? ""
                throw target.fail(
                    "\(quoted(header)) est renommé en « \(name) », qui n'est pas une colonne de « \(kind.rawValue) »\(hint) ; attendu : l'une de \(known.joined(separator: ", "))\(kind.isSurvey ? ", objective_N" : "")"
                )
            }
        }
        return InputSpec(try path.string(), mapping: mapping)
    }

    /// A register's value maps (`values.nature: {"Plainte": réclamation}`): each target
    /// must be one of the register's words.
    static func registerWords(_ maps: [String: YAMLCursor], kind: InputKind, into mapping: inout InputMapping) throws {
        for column in ["source", "nature", "status"] {
            guard let node = maps[column] else { continue }
            for (word, target) in try node.keyedPairs() {
                let name = try target.string()
                let known: Bool =
                    switch (kind, column) {
                    case (_, "source"): RegisterWords.sources[TextKey.of(name)] != nil
                    case (_, "nature"): RegisterWords.natures[TextKey.of(name)] != nil
                    case (.complaints, _): RegisterWords.complaintStatuses[TextKey.of(name)] != nil
                    default: RegisterWords.actionStatuses[TextKey.of(name)] != nil
                    }
                guard known else {
                    let key = column == "status" ? (kind == .complaints ? "complaint status" : "action status") : column
                    throw target.fail(
                        "\(quoted(name)) n'est pas une valeur de « \(column) » (attendu : \(RegisterWords.expected[key] ?? ""))")
                }
                mapping.words[column, default: [:]][TextKey.of(word)] = name
                mapping.wordTexts[TextKey.of(word)] = word
            }
        }
    }
}
