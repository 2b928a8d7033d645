extension Evidence {
    /// The detail rows of each cooperative (by its pool id), in the same order: a
    /// registration by its own row's cooperative, a journey by its last row's (the rule the
    /// figures follow, `Attribution`). One pass over the rows, whatever the cooperatives.
    func byCooperative() -> [Int32: Evidence] {
        let rows = attendance.store.data.registrationRows
        var orders: [Int32: [UInt32]] = [:]
        for code in attendance.order { orders[rows[Int(code >> 2)].cooperative, default: []].append(code) }
        var records: [Int32: [JourneyRows.Record]] = [:]
        for record in journeys.records { records[record.cooperative, default: []].append(record) }
        var parts: [Int32: Evidence] = [:]
        for id in Set(orders.keys).union(records.keys) {
            parts[id] = Evidence(
                attendance: AttendanceRows(store: attendance.store, order: orders[id] ?? [], missing: attendance.missing),
                journeys: JourneyRows(store: journeys.store, programmes: journeys.programmes, records: records[id] ?? []),
                improvements: [], target: target)
        }
        return parts
    }

    /// The registration rows of a cooperative's journeys (every row of each participant's
    /// programme whose last row is the cooperative's), in file order: what its certificates
    /// rest on.
    var journeyRegistrations: [Int] {
        journeys.records.flatMap { r in journeys.store.journeyRows[Int(r.start)..<Int(r.end)].map { Int($0) } }.sorted()
    }
}
