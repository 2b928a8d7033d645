/// The groups a report keeps (`filter:` in a job, `--filter KEY=VALUE` on the command
/// line): per dimension, the values as the user typed them, compared ignoring case,
/// accents and punctuation (`TextKey`). A filter keeps exactly the rows its dimension
/// attributes to the chosen groups (`Attribution`); the rows it cannot attribute are left
/// out and counted (`MetricsResult.leftOut`).
public struct Filter: Sendable, Equatable {
    public struct Condition: Sendable, Equatable {
        public let dimension: Dimension
        /// Any of these (a repeated `--filter role=…` adds a value).
        public var values: [String]
        /// Where the job writes it (0 on the command line), for the error.
        public var line: Int

        public init(_ dimension: Dimension, _ values: [String], line: Int = 0) {
            self.dimension = dimension
            self.values = values
            self.line = line
        }
    }

    public private(set) var conditions: [Condition] = []

    public init(_ conditions: [Condition] = []) {
        for c in conditions { add(c) }
    }

    public var isEmpty: Bool { conditions.isEmpty }

    /// Adds a condition; a second one on the same dimension widens it (either value).
    public mutating func add(_ c: Condition) {
        if let i = conditions.firstIndex(where: { $0.dimension == c.dimension }) {
            conditions[i].values += c.values.filter { !conditions[i].values.contains($0) }
        } else {
            conditions.append(c)
        }
    }

    /// « coopérative = Coop'Toit Île-de-France, fonction = Directeur »: how Synthèse and the
    /// log say what the report is restricted to.
    public var french: String {
        conditions.map { "\($0.dimension.label.lowercased()) = \($0.values.joined(separator: " ou "))" }.joined(separator: ", ")
    }
}

/// A filter met with the data: the session numbers and the cooperative and role ids it
/// admits. Built once before the figures; refuses a value no row carries.
struct ResolvedFilter: Sendable {
    /// Per session number, whether the session-decided conditions admit it (nil: none).
    private let sessions: [Bool]?
    /// The ids admitted by the row-decided conditions (cooperative, role, region).
    private let cooperatives: Set<Int32>?
    private let roles: Set<Int32>?
    private let regions: Set<Int32>?
    /// The filter as asked, for the reports to say what they are restricted to.
    let asked: Filter

    static let none = ResolvedFilter(sessions: nil, cooperatives: nil, roles: nil, regions: nil, asked: Filter())

    /// Keeps one cooperative, by its id in the pool (`filter: {cooperative: NAME}` resolved).
    static func cooperative(_ id: Int32, named name: String) -> ResolvedFilter {
        ResolvedFilter(sessions: nil, cooperatives: [id], roles: nil, regions: nil, asked: Filter([.init(.cooperative, [name])]))
    }

    private init(sessions: [Bool]?, cooperatives: Set<Int32>?, roles: Set<Int32>?, regions: Set<Int32>?, asked: Filter) {
        self.sessions = sessions
        self.cooperatives = cooperatives
        self.roles = roles
        self.regions = regions
        self.asked = asked
    }

    /// Whether any condition is decided by the row (so a response may not be attributable).
    var filtersPeople: Bool { cooperatives != nil || roles != nil || regions != nil }

    /// Whether the session-decided conditions keep this session.
    func admits(session n: Int32) -> Bool { sessions.map { $0[Int(n)] } ?? true }

    /// What the row-decided conditions say of a row's cooperative, role and region.
    func admits(_ person: Attribution.Person) -> Admission {
        for (ids, value) in [(cooperatives, person.cooperative), (roles, person.role), (regions, person.region)] {
            guard let ids else { continue }
            if value == Attribution.unknown { return .unattributed }
            if !ids.contains(value) { return .no }
        }
        return .yes
    }

    enum Admission { case yes, no, unattributed }

    /// Whether the cooperative and region conditions keep a member (its name's pool id and
    /// its region number): the members a filtered report can say sent nobody. A role
    /// condition keeps every member: « sans inscrit » then means none of that role.
    func admitsMember(cooperative: Int32, region: Int32) -> Bool {
        (cooperatives.map { $0.contains(cooperative) } ?? true) && (regions.map { $0.contains(region) } ?? true)
    }

    /// A value that no row (or no session of the catalogue) carries: the message names the
    /// nearest value there is.
    struct UnknownValue: Error, Equatable {
        let condition: Filter.Condition
        let value: String
        let nearest: String?
        let known: [String]
    }

    /// Resolves `filter` against the dataset: the values of each dimension found in the
    /// catalogue's sessions (session-decided dimensions) or in the rows (cooperative, role,
    /// region).
    static func resolve(_ filter: Filter, data: Dataset, attribution: Attribution) throws(UnknownValue) -> ResolvedFilter {
        guard !filter.isEmpty else { return .none }
        let table = data.sessions
        var sessions: [Bool]?
        var cooperatives: Set<Int32>?
        var roles: Set<Int32>?
        var regions: Set<Int32>?
        for condition in filter.conditions {
            let d = condition.dimension
            // Every value the data has for the dimension, with the ids that carry it.
            var ids: [String: [Int32]] = [:]
            var names: [String: String] = [:]
            func note(_ id: Int32) {
                let name = attribution.name(d, id)
                let key = TextKey.of(name)
                ids[key, default: []].append(id)
                if names[key] == nil { names[key] = name }
            }
            if d.isSessionAttribute {
                for n in table.keys.indices where table.sessions[n] != nil {
                    for v in Set(attribution.values(d, session: Int32(n))) { note(v) }
                }
            } else {
                var seen = Set<Int32>()
                for r in data.registrationRows {
                    let v = attribution.people(r).value(d)
                    if v != Attribution.unknown, seen.insert(v).inserted { note(v) }
                }
                // A response's own cooperative (and its region) names a group too.
                if d == .cooperative || d == .region {
                    for r in data.responseRows where r.cooperative != 0 {
                        let v = attribution.person(cooperative: r.cooperative, role: 0).value(d)
                        if v != Attribution.unknown, seen.insert(v).inserted { note(v) }
                    }
                }
            }
            var admitted = Set<Int32>()
            for value in condition.values {
                // A cooperative may be named by an alias of the member list: its rows carry
                // the member's name (`DatasetBuilder.match`).
                let name = d == .cooperative ? data.members?.member(named: value)?.name ?? value : value
                guard let found = ids[TextKey.of(name)] else {
                    let known = names.values.sorted(by: TextKey.precedes)
                    throw UnknownValue(condition: condition, value: value, nearest: Nearest.match(value, in: known), known: known)
                }
                admitted.formUnion(found)
            }
            switch d {
            case .cooperative: cooperatives = admitted
            case .role: roles = admitted
            case .region: regions = admitted
            case .session, .programme, .month, .trainer, .kind, .family:
                var keep = sessions ?? Array(repeating: true, count: table.keys.count)
                for n in keep.indices where keep[n] {
                    keep[n] = attribution.values(d, session: Int32(n)).contains { admitted.contains($0) }
                }
                sessions = keep
            }
        }
        return ResolvedFilter(sessions: sessions, cooperatives: cooperatives, roles: roles, regions: regions, asked: filter)
    }
}
