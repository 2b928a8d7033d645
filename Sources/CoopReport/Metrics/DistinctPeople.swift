/// The people met in each group of a grouping, each counted once (`GroupTallies.meet`).
/// The first groups met each get a bit set over participant ids (`IDSet`), as long as
/// they fit in `budget` bytes: a person met again is then found by one bit test in a few
/// hundred kilobytes, where a hash set of (group, participant) misses the cache on nearly
/// every row. The groups after (a breakdown by session has hundreds) share the hash set.
struct DistinctPeople: Sendable {
    /// Participant ids are below this (the dataset's pool size).
    private let ids: Int
    /// How many groups get a bit set: the groups numbered below it.
    private let setCount: Int
    private var sets: [IDSet] = []
    private var pairs = IntMap()

    /// 4 MB: at 1 M registrations (about 1 M pool ids, 130 kB a set), 32 sets, so the 25
    /// months fit, where the hash set of their 760,903 (month, person) pairs took 12 MB.
    init(ids: Int, budget: Int = 4 << 20) {
        self.ids = ids
        setCount = budget / max(1, (ids + 63) / 64 * 8)
    }

    /// Adds `participant` to `group`'s people: true when it was not there yet.
    @inline(__always) mutating func insert(_ participant: Int32, in group: Int) -> Bool {
        if group < setCount, participant >= 0, Int(participant) < ids {
            while sets.count <= group { sets.append(IDSet(capacity: ids)) }
            return sets[group].insert(participant)
        }
        return pairs.insert(UInt64(UInt32(group)) << 32 | UInt64(UInt32(bitPattern: participant)))
    }
}
