/// Which group of each dimension a row belongs to (`metrics.md` v3, « Groupings »), as
/// small integers so that a million rows are placed without making a string:
/// - a registration: its session's values (programme, month, kind, family, trainers) and
///   its own row's cooperative and role;
/// - a response: its session's values, and the cooperative and role of its respondent's
///   registration for that programme (found by `participant_id`, else e-mail; the last row
///   by (file, line)), else its own `cooperative` field, else « Non renseignée »;
/// - a journey: its programme's values, and its last registration row's cooperative and role;
/// - the region of each: its cooperative's member's region in the member list (cooperatives
///   are members' names by then, `DatasetBuilder.match`), else « Non renseignée ».
/// The one place these rules are written; `name(_:_:)` turns a value back into its text.
struct Attribution: Sendable {
    /// A row's value for a dimension that cannot place it (no role given, no cooperative).
    static let unknown: Int32 = -1

    private let data: Dataset
    private let index: ParticipantIndex
    /// The edition families and trainers met in the catalogue, by number.
    let families: [String]
    let trainers: [String]
    /// Per session number: its family and trainers (numbers into the lists above).
    private let familyOf: [Int32]
    private let familyOfProgramme: [Int32]
    private let trainersOf: [[Int32]]
    /// Per session number: its month (year × 12 + month − 1) and kind.
    private let monthOf: [Int32]
    private let kindOf: [Int32]
    /// Per programme number: its code.
    private let programmeCodes: [String]
    /// The member list's regions, by number: the first spelling of each (regions compare
    /// ignoring case, accents and punctuation); each member's region number (`unknown`
    /// without one), and each member name's pool id → its region number.
    let regions: [String]
    let regionOfMember: [Int32]
    private let regionOfCooperative: IntMap

    init(_ data: Dataset, index: ParticipantIndex) {
        self.data = data
        self.index = index
        let table = data.sessions
        var families: [String] = []
        var trainers: [String] = []
        var familyNumber: [String: Int32] = [:]
        var trainerNumber: [String: Int32] = [:]
        var familyOf: [Int32] = []
        var trainersOf: [[Int32]] = []
        var monthOf: [Int32] = []
        var kindOf: [Int32] = []
        for (n, key) in table.keys.enumerated() {
            let programme = data.catalogue.programme(key.programme)
            let family = programme?.family ?? key.programme
            if familyNumber[family] == nil {
                familyNumber[family] = Int32(families.count)
                families.append(family)
            }
            familyOf.append(familyNumber[family] ?? Self.unknown)
            let session = table.sessions[n]
            trainersOf.append(
                (session?.trainers ?? []).map { name in
                    if let t = trainerNumber[name] { return t }
                    trainerNumber[name] = Int32(trainers.count)
                    trainers.append(name)
                    return Int32(trainers.count - 1)
                })
            monthOf.append(session.map { Int32($0.start.year * 12 + $0.start.month - 1) } ?? Self.unknown)
            kindOf.append(session.map { Int32(Session.Kind.allCases.firstIndex(of: $0.kind) ?? 0) } ?? Self.unknown)
        }
        var familyOfProgramme = [Int32](repeating: Self.unknown, count: table.programmeCount)
        var programmeCodes = [String](repeating: Dimension.programme.unknownName, count: table.programmeCount)
        for (n, p) in table.programmeNumbers.enumerated() {
            familyOfProgramme[Int(p)] = familyOf[n]
            programmeCodes[Int(p)] = table.keys[n].programme
        }
        self.programmeCodes = programmeCodes
        self.families = families
        self.trainers = trainers
        self.familyOf = familyOf
        self.familyOfProgramme = familyOfProgramme
        self.trainersOf = trainersOf
        self.monthOf = monthOf
        self.kindOf = kindOf
        var regions: [String] = []
        var regionNumber: [String: Int32] = [:]
        var regionOfCooperative = IntMap()
        let members = data.members?.members ?? []
        let regionOfMember = members.enumerated().map { i, member -> Int32 in
            let key = TextKey.of(member.region)
            guard !key.isEmpty else { return Self.unknown }
            let n = regionNumber[key] ?? Int32(regions.count)
            if n == Int32(regions.count) {
                regionNumber[key] = n
                regions.append(member.region)
            }
            if data.memberIDs.indices.contains(i) { regionOfCooperative.set(UInt64(UInt32(bitPattern: data.memberIDs[i])), n) }
            return n
        }
        self.regions = regions
        self.regionOfMember = regionOfMember
        self.regionOfCooperative = regionOfCooperative
    }

    /// The values of a dimension decided by the session (`Dimension.isSessionAttribute`):
    /// one, or one per trainer (« Non renseigné » for a session without trainer).
    func values(_ d: Dimension, session n: Int32) -> [Int32] {
        switch d {
        case .session: return [n]
        case .programme: return [data.sessions.programmeNumbers[Int(n)]]
        case .month: return [monthOf[Int(n)]]
        case .kind: return [kindOf[Int(n)]]
        case .family: return [familyOf[Int(n)]]
        case .trainer:
            let t = trainersOf[Int(n)]
            return t.isEmpty ? [Self.unknown] : t
        case .cooperative, .role, .region: return [Self.unknown]
        }
    }

    /// A journey's value for a dimension that carries journeys (`Dimension.carriesJourneys`):
    /// its programme, the programme's family, its last row's cooperative, role or region.
    func value(_ d: Dimension, journeyIn programme: Int32, person: Person) -> Int32 {
        switch d {
        case .programme: programme
        case .family: familyOfProgramme[Int(programme)]
        case .cooperative, .role, .region: person.value(d)
        case .session, .month, .trainer, .kind: Self.unknown
        }
    }

    /// The region number of a cooperative (a pool id), `unknown` when no member bears it
    /// or its member has no region.
    @inline(__always) func region(of cooperative: Int32) -> Int32 {
        guard regionOfCooperative.count > 0, cooperative != Self.unknown else { return Self.unknown }
        return regionOfCooperative[UInt64(UInt32(bitPattern: cooperative))] ?? Self.unknown
    }

    /// The row-decided values of a cooperative and a role (pool ids, 0 for none given).
    @inline(__always) func person(cooperative: Int32, role: Int32) -> Person {
        let coop = cooperative == 0 ? Self.unknown : cooperative
        return Person(cooperative: coop, role: role == 0 ? Self.unknown : role, region: region(of: coop))
    }

    /// A registration's cooperative and role (pool ids; `unknown` for an empty role).
    @inline(__always) func people(_ r: RegistrationRow) -> Person { person(cooperative: r.cooperative, role: r.role) }

    /// A response's cooperative and role: its respondent's registration for the programme,
    /// else its own `cooperative` field, else unknown.
    func people(_ r: ResponseRow) -> Person {
        if let found = index.respondent(of: r) { return person(cooperative: found.cooperative, role: found.role) }
        return person(cooperative: r.cooperative, role: 0)
    }

    /// A journey's cooperative and role: those of its participant's last registration row
    /// of the programme.
    func people(journeyOf participant: Int32, programme: Int32) -> Person {
        let last = index.lastRow(of: participant, programme: programme)
        return person(cooperative: last?.cooperative ?? 0, role: last?.role ?? 0)
    }

    /// The row-decided values of a row: its cooperative, role and region.
    struct Person: Sendable, Equatable {
        let cooperative: Int32
        let role: Int32
        let region: Int32

        init(cooperative: Int32, role: Int32, region: Int32 = Attribution.unknown) {
            self.cooperative = cooperative
            self.role = role
            self.region = region
        }

        /// A row none of whose row-decided values is known.
        static let unknown = Person(cooperative: Attribution.unknown, role: Attribution.unknown)

        func value(_ d: Dimension) -> Int32 {
            switch d {
            case .cooperative: cooperative
            case .role: role
            case .region: region
            case .session, .programme, .month, .trainer, .kind, .family: Attribution.unknown
            }
        }
    }

    /// A value as a person reads it: the session's key, the programme's code, « 2022-06 »,
    /// the kind in French, the cooperative or role as written…
    func name(_ d: Dimension, _ value: Int32) -> String {
        guard value != Self.unknown else { return d.unknownName }
        switch d {
        case .session: return data.sessions.keys[Int(value)].description
        case .programme: return programmeCodes[Int(value)]
        case .month:
            let (y, m) = (Int(value) / 12, Int(value) % 12 + 1)
            return Day(year: y, month: m, day: 1)?.monthKey ?? d.unknownName
        case .kind: return SessionKindLabel.french(Session.Kind.allCases[Int(value)])
        case .family: return families[Int(value)]
        case .trainer: return trainers[Int(value)]
        case .cooperative, .role: return data.pool.string(value)
        case .region: return regions[Int(value)]
        }
    }
}
