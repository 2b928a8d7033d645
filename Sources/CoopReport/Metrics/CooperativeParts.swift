/// Each member cooperative's own share of a run (`split: cooperative`; README, « Un classeur
/// par coopérative »): its figures beside the federation's, its sessions, its people and
/// their certificates' hours, its comments and its rejected rows — nothing of another
/// cooperative. Pure: built from the run's figures and rows, written by `CooperativeWorkbook`.
public struct CooperativeParts: Sendable {
    /// One cooperative with at least one registration (any status) in the period.
    public struct Part: Sendable {
        /// As the figures name it (the member's name when a member list matched it).
        public let name: String
        /// The workbook's file name in `cooperatives/`: safe and stable (`fileName`).
        public let file: String
        /// Its figures, exactly as the Coopératives sheet and metrics.json give them.
        public let figures: Figures
        /// Its share of each session of the period it took part in, small groups hidden and
        /// complementary suppression applied against its total.
        public let sessions: [(session: Session, figures: Figures)]
        /// Its registrations (Relevé d'assiduité) and its people's journeys (Parcours).
        public let evidence: Evidence?
        /// Its people's certificates, one line each.
        public let certificates: [CertificateLine]
        /// Its respondents' comments, in sessions where they are at least `min_group_size`.
        public let comments: [MetricsResult.Comment]
        /// Its rejected rows (those whose cooperative is written and matches it).
        public internal(set) var rejects: [Diagnostic] = []
    }

    /// A certificate as the cooperative's workbook lists it: whose, for what, how many hours.
    public struct CertificateLine: Sendable {
        public let holder: String
        public let programme: String
        public let from: Day
        public let to: Day
        /// Nil while hours are to complete (`toComplete` says which sessions).
        public let hours: Double?
        public let toComplete: [String]
    }

    public let parts: [Part]

    /// The folder of the workbooks and their index, in the output folder.
    public static let folder = "cooperatives"

    /// The parts of a run: every cooperative of the figures with a registration, except the
    /// unnamed group (« Non renseignée »: there is no one to send it to).
    /// `shares`: the run's figures broken down by cooperative × session (`shareGrouping`).
    static func build(
        metrics m: MetricsResult, shares: FigureTable, evidence: Evidence?, certificates: (_ rows: [Int]) -> [Certificate],
        poolName: (Int32) -> String
    ) -> CooperativeParts {
        let named = m.cooperatives.filter { c in
            let t = c.figures.tally
            return c.name != Dimension.cooperative.unknownName && t.registered + t.cancelled + t.waitlisted > 0
        }
        let files = fileNames(named.map(\.name))
        var detail: [String: Evidence] = [:]
        for (id, e) in evidence?.byCooperative() ?? [:] { detail[poolName(id)] = e }
        let sessionsByKey = Dictionary(m.sessions.map { ($0.session.key.description, $0.session) }, uniquingKeysWith: { a, _ in a })
        var shareRows: [String: [(session: Session, figures: Figures)]] = [:]
        for g in shares.groups {
            guard let s = sessionsByKey[g.names[1]] else { continue }
            shareRows[g.names[0], default: []].append((s, g.figures))
        }
        let parts = named.enumerated().map { i, c -> Part in
            let own = detail[c.name]
            let lines = certificates(own?.journeyRegistrations ?? []).filter { $0.cooperative == c.name }.map {
                CertificateLine(
                    holder: $0.holder, programme: $0.programmeCode, from: $0.from, to: $0.to, hours: $0.totalHours,
                    toComplete: $0.toComplete)
            }
            let comments = m.comments.filter { $0.cooperative == c.name && $0.cooperativeResponses >= m.minGroupSize }
            return Part(
                name: c.name, file: files[i], figures: c.figures, sessions: suppressed(shareRows[c.name] ?? [], total: c.figures),
                evidence: own, certificates: lines, comments: comments)
        }
        return CooperativeParts(parts: parts)
    }

    /// The breakdown the parts' sessions come from, computed beside the run's figures and
    /// never mixed with them (its groups are not in metrics.json).
    static let shareGrouping = Grouping([.cooperative, .session])

    /// A cooperative's sessions with complementary suppression against its total: one hidden
    /// session is never its total minus the others.
    static func suppressed(_ rows: [(session: Session, figures: Figures)], total: Figures) -> [(session: Session, figures: Figures)] {
        var figures = rows.map(\.figures) + [total]
        ComplementarySuppression.apply(to: &figures, sets: [(Array(rows.indices), rows.count)])
        return zip(rows, figures).map { ($0.session, $1) }
    }

    /// The rejected rows of each part: those whose cooperative, as written, is the part's
    /// name or matches it (`same`: the member list's rule, case and accents aside).
    mutating func attach(_ rejects: [Diagnostic], same: (String, String) -> Bool) {
        let byKey = Dictionary(parts.indices.map { (TextKey.of(parts[$0].name), $0) }, uniquingKeysWith: { a, _ in a })
        var found = [[Diagnostic]](repeating: [], count: parts.count)
        for d in rejects {
            guard let c = d.cooperative else { continue }
            if let i = byKey[TextKey.of(c)] {
                found[i].append(d)
            } else if let i = parts.indices.first(where: { same(c, parts[$0].name) }) {
                found[i].append(d)
            }
        }
        var updated = parts
        for i in updated.indices { updated[i].rejects = found[i] }
        self = CooperativeParts(parts: updated)
    }

    /// Safe, stable file names: the name in lower-case ASCII letters and digits joined by
    /// hyphens (« Coop'Habitat Bretagne » → `coop-habitat-bretagne.xlsx`), at most 60
    /// characters, never a name Windows reserves; equal names get `-2`, `-3` in list order.
    static func fileNames(_ names: [String]) -> [String] {
        var used: Set<String> = []
        return names.map { name in
            var slug = ""
            for c in TextKey.sortKey(name).unicodeScalars {
                let ok = ("a"..."z").contains(c) || ("0"..."9").contains(c)
                if ok {
                    slug.unicodeScalars.append(c)
                } else if !slug.isEmpty && !slug.hasSuffix("-") {
                    slug += "-"
                }
            }
            slug = String(slug.prefix(60))
            while slug.hasSuffix("-") { slug.removeLast() }
            if slug.isEmpty { slug = "cooperative" }
            if reserved.contains(slug) { slug += "-coop" }
            var file = slug
            var k = 2
            while used.contains(file) {
                file = "\(slug)-\(k)"
                k += 1
            }
            used.insert(file)
            return file + ".xlsx"
        }
    }

    /// Device names Windows refuses as file names, whatever the extension.
    static let reserved: Set<String> = Set(
        ["con", "prn", "aux", "nul"] + (1...9).flatMap { ["com\($0)", "lpt\($0)"] })
}
