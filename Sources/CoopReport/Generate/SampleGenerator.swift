import Foundation

/// Writes a fictional but realistic catalogue, registrations and evaluations of any size,
/// deterministic by seed (`coopreport generate`): the benchmark's and the scale tests'
/// input. Streams its output, so a million rows take little memory.
public struct SampleGenerator {
    public var seed: UInt64
    /// Programmes, each of 2 to 5 sessions (one an action phase, some an optional extension).
    public var programmes: Int
    /// Participants registered to each programme.
    public var participantsPerProgramme: Int

    /// Writes the registrations and evaluations as `.xlsx` workbooks (one sheet each,
    /// through the XlsxWriter wrapper) instead of CSV files: the same rows.
    public var xlsx = false

    /// How many cooperatives the people work for (`Coopérative d'Hlm n° K`); nil: the 43
    /// of `cooperatives` (the benchmark's data, unchanged).
    public var cooperativeCount: Int?

    public init(seed: UInt64 = 1, programmes: Int = 10, participantsPerProgramme: Int = 100, xlsx: Bool = false) {
        self.seed = seed
        self.programmes = programmes
        self.participantsPerProgramme = participantsPerProgramme
        self.xlsx = xlsx
    }

    /// Counts of what was written.
    public struct Summary: Sendable {
        public var sessions = 0, registrations = 0, responses = 0
    }

    /// Writes `catalogue.yml`, `registrations.csv` and `evaluations.csv` (or `.xlsx`) into `directory`.
    public func write(to directory: String) throws -> Summary {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var rng = SplitMix(state: seed)
        var summary = Summary()
        let catalogue = makeCatalogue(&rng)
        summary.sessions = catalogue.reduce(0) { $0 + $1.sessions.count }
        try Data(yaml(catalogue).utf8).write(to: URL(fileURLWithPath: directory + "/catalogue.yml"))

        let registrations: any RowSink =
            xlsx
            ? try XLSXSink(path: directory + "/registrations.xlsx", sheet: "Inscriptions")
            : try CSVSink(
                path: directory + "/registrations.csv", separator: ";", lineEnd: "\r\n", prefix: "\u{FEFF}", quoting: [";", "\"", "\n"])
        let evaluations: any RowSink =
            xlsx
            ? try XLSXSink(path: directory + "/evaluations.xlsx", sheet: "Réponses")
            : try CSVSink(path: directory + "/evaluations.csv", separator: ",", lineEnd: "\n", quoting: [",", "\"", "\n", ";"])
        try registrations.row(
            "programme;session;participant_id;email;last_name;first_name;cooperative;role;status;registered_at;attendance;hours_attended;morning;afternoon"
                .split(separator: ";").map(String.init))
        try evaluations.row(
            "programme,session,response_id,submitted_at,participant_id,email,cooperative,overall,content,trainers,organisation,venue,objective_1,objective_2,objective_3,recommend,comment"
                .split(separator: ",").map(String.init))
        var responseNumber = 0
        let cooperatives = cooperativeCount.map { n in (1...max(1, n)).map { "Coopérative d'Hlm n° \($0)" } } ?? Self.cooperatives
        for (p, programme) in catalogue.enumerated() {
            for i in 0..<participantsPerProgramme {
                let person = (p * 7919 + i * 104_729) % max(1, programmes * participantsPerProgramme * 3)
                let id = "P\(person)"
                let coop = cooperatives[person % cooperatives.count]
                let role = Self.roles[Int(rng.next() % UInt64(Self.roles.count))]
                let last = Self.lastNames[person % Self.lastNames.count]
                let first = Self.firstNames[(person / 7) % Self.firstNames.count]
                let byEmail = person % 20 == 7  // some people are known by e-mail only, always
                let email = "\(first.lowercased()).\(last.lowercased().replacingOccurrences(of: " ", with: ""))\(person)@coop-exemple.fr"
                var stillIn = true
                for s in programme.sessions {
                    if s.kind == "extension" && !rng.chance(0.4) { continue }
                    let status = !stillIn ? "cancelled" : rng.chance(0.9) ? "registered" : rng.chance(0.6) ? "cancelled" : "waitlisted"
                    var attendance = ""
                    var hours = ""
                    var morning = ""
                    var afternoon = ""
                    if status == "registered" {
                        let ended = s.start < "2026-06-01"
                        let roll = rng.unit()
                        attendance = !ended ? "" : roll < 0.80 ? "present" : roll < 0.86 ? "partial" : roll < 0.96 ? "absent" : ""
                        if attendance == "absent" && rng.chance(0.5) { stillIn = false }
                        if attendance == "partial" && rng.chance(0.3) { hours = rng.chance(0.5) ? "3,5" : "2.5" }
                        if attendance == "present" && s.hours > 0 && rng.chance(0.05) {
                            morning = "present"
                            afternoon = rng.chance(0.8) ? "present" : "absent"
                            attendance = ""
                        }
                    }
                    let date = "\(Int(rng.next() % 28) + 1)/\(Int(rng.next() % 12) + 1)/2021"
                    try registrations.row([
                        programme.code, s.code, byEmail ? "" : id, email, last, first, coop, role, status, date,
                        attendance, hours, morning, afternoon,
                    ])
                    summary.registrations += 1
                    let present = status == "registered" && (attendance == "present" || attendance == "partial" || morning == "present")
                    guard present, s.kind != "action", rng.chance(0.85) else { continue }
                    responseNumber += 1
                    let answers = (0..<5).map { _ in rng.chance(0.05) ? "" : Self.answer(&rng) }
                    let objectives = (0..<3).map { k in k < s.objectives ? Self.answer(&rng) : "" }
                    let recommend = String(min(10, max(0, Int(rng.next() % 5) + 6 + (rng.chance(0.2) ? -4 : 0))))
                    let anonymous = rng.chance(0.2)
                    let comment = rng.chance(0.2) ? Self.comments[Int(rng.next() % UInt64(Self.comments.count))] : ""
                    try evaluations.row(
                        [
                            programme.code, s.code, "R\(responseNumber)", s.start + "T17:\(10 + Int(rng.next() % 40)):00",
                            anonymous ? "" : id, "", anonymous && rng.chance(0.5) ? coop : "",
                        ] + answers + objectives + [recommend, comment])
                    summary.responses += 1
                }
            }
        }
        try registrations.close()
        try evaluations.close()
        return summary
    }

    struct GeneratedSession {
        let code: String, kind: String, start: String, hours: Int, objectives: Int, requires: [String]
    }

    struct GeneratedProgramme {
        let code: String, title: String, sessions: [GeneratedSession]
    }

    func makeCatalogue(_ rng: inout SplitMix) -> [GeneratedProgramme] {
        (0..<programmes).map { p in
            let startDay = 1 + Int(rng.next() % 600)  // days after 2021-01-01
            var sessions: [GeneratedSession] = []
            let count = 2 + Int(rng.next() % 4)
            var day = startDay
            for k in 0..<count {
                let isAction = k == 1 && count > 2
                let isExtension = k == count - 1 && count > 3
                let code = isAction ? "ACT" : isExtension ? "EXT" : "S\(k + 1)"
                let requires = k == 0 || isExtension ? [] : [sessions[k - 1].code]
                sessions.append(
                    GeneratedSession(
                        code: code, kind: isAction ? "action" : isExtension ? "extension" : "classroom",
                        start: Day(daysSinceEpoch: 18_628 + day).iso, hours: isAction ? 0 : 7,
                        objectives: isAction ? 0 : 1 + Int(rng.next() % 3), requires: requires))
                day += isAction ? 90 : 1 + Int(rng.next() % 60)
            }
            return GeneratedProgramme(code: "PRG-\(p + 1)", title: "Programme \(p + 1)", sessions: sessions)
        }
    }

    func yaml(_ catalogue: [GeneratedProgramme]) -> String {
        var out = "programmes:\n"
        for p in catalogue {
            out += "  - code: \(p.code)\n    title: \"\(p.title)\"\n    sessions:\n"
            for s in p.sessions {
                let objectives = (0..<s.objectives).map { "\"Objectif \($0 + 1) de \(s.code)\"" }.joined(separator: ", ")
                // Taught sessions have a venue and trainers, as the Relevé d'assiduité shows them.
                let place = s.kind == "action" ? "" : ", venue: \"\(Self.venue)\", trainers: [\"Lucine Leclercq\", \"Olivier Maurel\"]"
                out +=
                    "      - {code: \(s.code), kind: \(s.kind), start: \(s.start), hours: \(s.hours), price_ht: 650, capacity: \(participantsPerProgramme + 10)\(place), requires: [\(s.requires.joined(separator: ", "))], objectives: [\(objectives)]}\n"
            }
        }
        return out
    }

    static func answer(_ rng: inout SplitMix) -> String {
        let roll = rng.unit()
        let value = roll < 0.03 ? 1 : roll < 0.08 ? 2 : roll < 0.22 ? 3 : roll < 0.62 ? 4 : 5
        guard rng.chance(0.2) else { return String(value) }
        return ["Pas du tout satisfait", "Peu satisfait", "Moyennement satisfait", "Satisfait", "Très satisfait"][value - 1]
    }

    static let venue = "Maison des coopératives, 12 rue des Coopérateurs, 75010 Paris"
    static let cooperatives =
        (1...40).map { "Coopérative d'Hlm n° \($0)" } + ["Coop Habitat Bretagne", "Les Castors de l'Ouest", "Émeraude Habitation"]
    static let roles = ["Référent Vie coopérative", "Salarié", "Chargé de clientèle", "Directeur", "Gestionnaire locatif"]
    static let lastNames = [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
    ]
    static let firstNames = ["Léa", "Hugo", "Chloé", "Louis", "Manon", "Jules", "Camille", "Lucas", "Inès", "Nathan", "Zoé", "Élise"]
    static let comments = [
        "Très bonne journée ; merci.", "Contenu riche, \"ateliers\" trop courts.", "La salle était froide.\nSinon parfait.",
        "=À refaire l'an prochain", "Formateurs à l'écoute, rythme soutenu.",
    ]
}

/// SplitMix64: small, fast, and the same sequence on every machine for a given seed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func chance(_ p: Double) -> Bool { unit() < p }
}

/// Appends text to a file through a 1 MB buffer.
final class BufferedFile {
    private let handle: FileHandle
    private var buffer = Data()

    init(path: String) throws {
        FileManager.default.createFile(atPath: path, contents: nil)
        guard let h = FileHandle(forWritingAtPath: path) else { throw OutputError.notWritable(path: path, reason: "ouverture impossible") }
        handle = h
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 {
            handle.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    func close() throws {
        handle.write(buffer)
        try handle.close()
    }
}
