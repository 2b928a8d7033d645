import Foundation

/// Each member cooperative's own share of a run (`split: cooperative`; README, « Un classeur
/// par coopérative »): its figures beside the federation's, its sessions, its people and
/// their certificates' hours, its comments and its rejected rows — nothing of another
/// cooperative. Computed from the run's figures and rows (nothing read or written here),
/// one cooperative at a time as `CooperativeWorkbook` lays its workbook out.
public struct CooperativeParts: Sendable {
    /// One cooperative with at least one registration (any status) in the period.
    public struct Part: Sendable {
        /// As the figures name it (the member's name when a member list matched it).
        public let name: String
        /// The workbook's file name in `cooperatives/`: safe and stable (`fileName`).
        public let file: String
        /// Its figures, exactly as the Coopératives sheet and metrics.json give them.
        public let figures: Figures
        /// Its id in the pool (its rows are the source's, by id).
        let id: Int32
        /// Its respondents' comments, in sessions where they are at least `min_group_size`:
        /// their places in the figures' comments (`comments(of:in:)`), not copies.
        let commentPlaces: [Int32]
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

    /// What the parts' sessions, certificates and detail rows are computed from, one part
    /// at a time as its workbook is written, so that 200 cooperatives' tables are never all
    /// in memory — its detail rows too: no detail row of the whole federation is ever held;
    /// let go (`release`) once the workbooks are written, before the federation's own
    /// workbook is, so that the two never weigh together (BENCHMARKS.md, « Issue 22 »).
    final class Source: @unchecked Sendable {
        struct Held {
            let data: Dataset
            let index: ParticipantIndex
            /// The order of people in the lists, built once for all the workbooks.
            let names: NameOrder
            /// Each cooperative's rows (by id), as the figures attribute them.
            var rows: [Int32: MetricsCalculator.Rows] = [:]

            func rows(of part: Part) -> MetricsCalculator.Rows { rows[part.id] ?? .init() }
        }
        let calculator: MetricsCalculator
        let certificates: CertificateBuilder
        let evidence: EvidenceBuilder
        private let lock = NSLock()
        private var held: Held?

        init(
            data: Dataset, index: ParticipantIndex, calculator: MetricsCalculator, certificates: CertificateBuilder,
            evidence: EvidenceBuilder
        ) {
            held = Held(data: data, index: index, names: NameOrder(data))
            self.calculator = calculator
            self.certificates = certificates
            self.evidence = evidence
        }

        /// What is held, or nil once let go.
        var current: Held? { lock.withLock { held } }

        /// Lets the participant index and the parts' rows go.
        func release() { lock.withLock { held = nil } }

        /// The parts' rows, once found (`build`).
        func hold(_ rows: [Int32: MetricsCalculator.Rows]) { lock.withLock { held?.rows = rows } }
    }

    public let parts: [Part]
    let source: Source

    /// The folder of the workbooks and their index, in the output folder.
    public static let folder = "cooperatives"

    /// The parts of a run: every cooperative of the figures with a registration, except the
    /// unnamed group (« Non renseignée »: there is no one to send it to). Each part's rows
    /// are found in one pass over each kind of row, by the figures' own attribution.
    static func build(metrics m: MetricsResult, data: Dataset, index: ParticipantIndex, source: Source) -> CooperativeParts {
        let named = m.cooperatives.filter { c in
            let t = c.figures.tally
            return c.name != Dimension.cooperative.unknownName && t.registered + t.cancelled + t.waitlisted > 0
        }
        let files = fileNames(named.map(\.name))
        let attribution = Attribution(data, index: index)
        // Each cooperative's rows, counted first so that each list is made at its size: at
        // a million rows, the slack of growing lists would be megabytes at the run's peak.
        let programmeOf = data.sessions.programmeNumbers
        // Every row of a journey goes with it to the cooperative of its last row.
        func journeyCooperative(_ r: RegistrationRow) -> Int32 {
            attribution.people(journeyOf: r.participant, programme: programmeOf[Int(r.session)]).cooperative
        }
        var sizes: [Int32: (own: Int, journey: Int, responses: Int)] = [:]
        for r in data.registrationRows {
            if r.cooperative != 0 { sizes[r.cooperative, default: (0, 0, 0)].own += 1 }
            let c = journeyCooperative(r)
            if c != Attribution.unknown { sizes[c, default: (0, 0, 0)].journey += 1 }
        }
        for r in data.responseRows {
            let c = attribution.people(r).cooperative
            if c != Attribution.unknown { sizes[c, default: (0, 0, 0)].responses += 1 }
        }
        var rows: [Int32: MetricsCalculator.Rows] = sizes.mapValues { n in
            var x = MetricsCalculator.Rows()
            x.registrations.reserveCapacity(n.own)
            x.journeyRows.reserveCapacity(n.journey)
            x.responses.reserveCapacity(n.responses)
            return x
        }
        for (i, r) in data.registrationRows.enumerated() {
            if r.cooperative != 0 { rows[r.cooperative]?.registrations.append(Int32(i)) }
            let c = journeyCooperative(r)
            if c != Attribution.unknown { rows[c]?.journeyRows.append(Int32(i)) }
        }
        for (i, r) in data.responseRows.enumerated() {
            let c = attribution.people(r).cooperative
            if c != Attribution.unknown { rows[c]?.responses.append(Int32(i)) }
        }
        for p in 0..<data.sessions.programmeCount {
            for participant in index.registered[p] {
                let c = attribution.people(journeyOf: participant, programme: Int32(p)).cooperative
                if c != Attribution.unknown { rows[c, default: .init()].journeys[Int32(p), default: []].append(participant) }
            }
        }
        let ids = Dictionary(rows.keys.map { (data.pool.string($0), $0) }, uniquingKeysWith: { a, _ in a })
        var comments: [String: [Int32]] = [:]
        for (i, c) in m.comments.enumerated() where c.cooperativeResponses >= m.minGroupSize {
            comments[c.cooperative, default: []].append(Int32(i))
        }
        let parts = named.enumerated().map { i, c in
            Part(
                name: c.name, file: files[i], figures: c.figures, id: ids[c.name] ?? Attribution.unknown,
                commentPlaces: comments[c.name] ?? [])
        }
        // Held by the source, so that they go with it once the workbooks are written: a
        // million rows' worth of indexes would otherwise stay through the federation's.
        source.hold(rows)
        return CooperativeParts(parts: parts, source: source)
    }

    /// Its registrations (Relevé d'assiduité) and its people's journeys (Parcours).
    public func evidence(of part: Part) -> Evidence? {
        source.current.map { source.evidence.rows($0.data, index: $0.index, names: $0.names, only: $0.rows(of: part)) }
    }

    /// Its respondents' comments, in sessions where they are at least `min_group_size`.
    public func comments(of part: Part, in m: MetricsResult) -> [MetricsResult.Comment] { part.commentPlaces.map { m.comments[Int($0)] } }

    /// Lets go what the workbooks are made from (`Source.release`): call once they are
    /// written (their sessions, detail rows and certificates are empty after).
    public func release() { source.release() }

    /// A cooperative's share of each session of the period it took part in: the run's
    /// figures over its rows alone (its registrations, its respondents' answers), small
    /// groups hidden, and complementary suppression against its total as the run gives it.
    public func sessions(of part: Part) -> [(session: Session, figures: Figures)] {
        guard let held = source.current else { return [] }
        // The period's sessions only: neither the run's breakdowns nor its trend months.
        let c = source.calculator
        let calculator = MetricsCalculator(period: c.period, asOf: c.asOf, minGroupSize: c.minGroupSize)
        let own = calculator.compute(
            held.data, index: held.index, filter: .cooperative(part.id, named: part.name), rows: held.rows(of: part))
        let rows = own.sessions.filter { s in
            let t = s.figures.tally
            return t.registered + t.cancelled + t.waitlisted + t.responses > 0
        }
        return Self.suppressed(rows.map { ($0.session, $0.figures) }, total: part.figures)
    }

    /// Its people's certificates (built from its journeys' rows), one line each.
    public func certificates(of part: Part) -> [CertificateLine] {
        guard let held = source.current else { return [] }
        let rows = held.rows(of: part).journeyRows.map(Int.init)
        return source.certificates.build(held.data, index: held.index, rows: rows).certificates.filter { $0.cooperative == part.name }
            .map {
                CertificateLine(
                    holder: $0.holder, programme: $0.programmeCode, from: $0.from, to: $0.to, hours: $0.totalHours,
                    toComplete: $0.toComplete)
            }
    }

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
        self = CooperativeParts(parts: updated, source: source)
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
