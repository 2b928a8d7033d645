/// The tallies of one grouping's groups as rows go by: a group is found from its values
/// (one per dimension, `Attribution`) through an `IntMap`, and given a slot on first sight.
/// Distinct people are counted per group (`DistinctPeople`).
struct GroupTallies {
    let grouping: Grouping
    private let make: @Sendable () -> Tally
    private var slots = IntMap()
    /// Per group: its value for each dimension of the grouping.
    private(set) var values: [[Int32]] = []
    private(set) var tallies: [Tally] = []
    /// Distinct people per group (set as people are met, never summed).
    private(set) var people: [Int] = []
    private var met: DistinctPeople

    /// `ids`: participant ids are below it (the pool's size).
    init(_ grouping: Grouping, ids: Int, make: @escaping @Sendable () -> Tally) {
        self.grouping = grouping
        self.make = make
        met = DistinctPeople(ids: ids)
    }

    /// The key of a group's values: each value + 1 (so that « unknown », −1, is 0) in 32
    /// bits, two at most.
    @inline(__always) static func key(_ a: Int32, _ b: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: a &+ 1)) << 32 | UInt64(UInt32(bitPattern: b &+ 1))
    }

    /// The group of these values (a grouping of fewer dimensions ignores the extra ones).
    mutating func group(_ a: Int32, _ b: Int32) -> Int {
        let k = Self.key(a, b)
        let g = Int(slots.valueOrInsert(k, Int32(values.count)))
        if g == values.count {
            values.append(Array([a, b].prefix(grouping.dimensions.count)))
            tallies.append(make())
            people.append(0)
        }
        return g
    }

    /// The group of these values, if it was met.
    func find(_ a: Int32, _ b: Int32) -> Int? { slots[Self.key(a, b)].map(Int.init) }

    /// Changes a group's tally in place (a subscript's get and set would copy the tally,
    /// and its question arrays, for every row).
    @inline(__always) mutating func update(_ group: Int, _ change: (inout Tally) -> Void) { change(&tallies[group]) }

    /// Adds the journeys and people that `other` counted — these groups as they were before
    /// the rows were counted, then the journeys counted there: a group it met that is not
    /// here is added, in the order it met them, as if the journeys had been counted here.
    mutating func takeJourneys(of other: GroupTallies) {
        for j in other.values.indices {
            let v = other.values[j]
            let group = self.group(v.first ?? 0, v.dropFirst().first ?? 0)
            if let journeys = other.tallies[j].journeys {
                tallies[group].journeys = (tallies[group].journeys ?? JourneyTally()).adding(journeys)
            }
            people[group] += other.people[j]
        }
    }

    /// Adds the responses that `other` counted (`Tally.addResponses`) — these groups as they
    /// were before the rows were counted, then the responses counted there: a group it met
    /// that is not here is added, in the order it met them. Responses meet no people.
    mutating func takeResponses(of other: GroupTallies) {
        for j in other.values.indices {
            let v = other.values[j]
            let group = self.group(v.first ?? 0, v.dropFirst().first ?? 0)
            tallies[group].addResponses(of: other.tallies[j])
        }
    }

    /// Counts `participant` among the group's people, once.
    @inline(__always) mutating func meet(_ participant: Int32, in group: Int) {
        if met.insert(participant, in: group) { people[group] += 1 }
    }

    /// Counts a participant among the group's people who cannot have been met there
    /// before (a journey in a group of one programme: one per participant and programme).
    @inline(__always) mutating func meetOnce(in group: Int) { people[group] += 1 }

    /// The groups' values for each of the grouping's dimensions, whatever decides them:
    /// the session (`sessionValues`) or the row (`person`). Two at most, so that every
    /// combination (a session's trainers) is visited.
    @inline(__always) static func combinations(
        _ grouping: Grouping, session n: Int32, person: Attribution.Person, attribution: Attribution,
        _ visit: (Int32, Int32) -> Void
    ) {
        func values(_ d: Dimension) -> [Int32] {
            d.isSessionAttribute ? attribution.values(d, session: n) : [person.value(d)]
        }
        switch grouping.dimensions.count {
        case 0: visit(0, 0)
        case 1: for a in values(grouping.dimensions[0]) { visit(a, 0) }
        default:
            let second = values(grouping.dimensions[1])
            for a in values(grouping.dimensions[0]) { for b in second { visit(a, b) } }
        }
    }
}
