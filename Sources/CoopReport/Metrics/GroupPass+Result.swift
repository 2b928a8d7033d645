/// The end of a computation (`GroupPass`): the groupings decided by the session summed,
/// the journeys counted, every grouping laid out as a table, complementary suppression applied.
extension GroupPass {
    /// Sums the groupings decided by the session, takes the journeys counted in
    /// `journeys` (`takeJourneys`), and lays every grouping out as a table. `rowAlerts`: the
    /// data-quality alerts found in the rows (`rowAlerts()`), nil for a pass over a subset.
    mutating func result(journeys: GroupPass, rowAlerts: DataQuality.RowAlerts?) -> MetricsResult {
        for slot in counted.indices {
            // One registration per (session, participant): the registered are distinct people.
            tallies[slot].participants = tallies[slot].registered
            for g in bySession.indices {
                for group in groupsOfSlot[g][slot] { bySession[g].update(group) { $0.add(tallies[slot]) } }
            }
        }
        // The data-quality alerts that read the sessions' tallies as counted, beside those
        // found in the rows. They are the whole run's: a pass over a subset of the rows
        // (`rows`, one cooperative's) leaves them to that run.
        var sessionTally: [SessionKey: Tally] = [:]
        for (slot, s) in counted.enumerated() where scoped[slot] { sessionTally[s.key] = tallies[slot] }
        takeJourneys(of: journeys)
        let minGroupSize = calculator.minGroupSize
        func figures(_ g: GroupTallies, _ group: Int) -> Figures {
            var t = g.tallies[group]
            t.participants = g.people[group]
            return Figures(tally: t, minGroupSize: minGroupSize)
        }
        let overall = figures(bySession[Self.overall], 0)

        // Programmes: every programme with a session kept in the period, by code.
        let programmeGroups = bySession[Self.programmes]
        let programmeRows: [(programme: Programme, figures: Figures)] = MetricsCalculator.programmes(
            of: data.catalogue, in: calculator.period
        ).compactMap { p in
            guard let n = data.sessions.programmeNumber(p.code), let group = programmeGroups.find(n, 0) else { return nil }
            return (p, figures(programmeGroups, group))
        }

        // Months: the period's, or every month of the trend window, empty ones included.
        let monthGroups = bySession[Self.months]
        var monthRows: [(month: String, figures: Figures)] = monthGroups.values.indices.map {
            (attribution.name(.month, monthGroups.values[$0][0]), figures(monthGroups, $0))
        }
        if let trend = calculator.trend, var month = trend.from, let end = trend.to {
            let survey = data.catalogue.survey
            let empty = Tally(questionCount: survey.questions.count, scaleSize: survey.scale.max - survey.scale.min + 1)
            while month <= end {
                if !monthRows.contains(where: { $0.month == month.monthKey }) {
                    monthRows.append((month.monthKey, Figures(tally: empty, minGroupSize: minGroupSize)))
                }
                month = Day(daysSinceEpoch: month.lastOfMonth.daysSinceEpoch + 1)
            }
        }
        monthRows.sort { $0.month < $1.month }

        let sessionRows: [MetricsResult.SessionFigures] = inPeriod.map { s in
            let slot = data.sessions.find(s.key).map { slotOf[Int($0)] } ?? -1
            let t = slot >= 0 ? tallies[slot] : Tally(questionCount: data.catalogue.survey.questions.count, scaleSize: 0)
            let seen = slot >= 0 ? objectiveCounts[slot] : []
            let count = max(s.objectives.count, seen.count)
            let objectiveRows: [MetricsResult.ObjectiveFigures] =
                count == 0
                ? []
                : (1...count).map { k in
                    let o = k <= seen.count ? seen[k - 1] : (n: 0, sum: 0, met: 0)
                    return MetricsResult.ObjectiveFigures(
                        number: k, wording: k <= s.objectives.count ? s.objectives[k - 1] : nil, n: o.n, sum: o.sum, met: o.met)
                }
            return .init(session: s, figures: Figures(tally: t, minGroupSize: minGroupSize), objectives: objectiveRows)
        }

        let cooperatives = table(byRow[Self.cooperatives], figures: figures).groups.map { ($0.names[0], $0.figures) }
        let breakdowns = calculator.breakdowns.compactMap { grouping -> FigureTable? in
            if let g = bySession.first(where: { $0.grouping == grouping }) { return table(g, figures: figures) }
            return byRow.first { $0.grouping == grouping }.map { table($0, figures: figures) }
        }

        let comments = pending.map { p in
            var c = p.comment
            c.sessionResponses = tallies[p.slot].responses
            c.cooperativeResponses = coopResponses[p.slot]?[p.coop] ?? 0
            return c
        }
        let warnings = rowAlerts.map { quality.warnings(tallies: sessionTally, rows: $0) + quality.unverifiedJourneys(unverified) } ?? []
        var result = MetricsResult(
            period: calculator.period, asOf: calculator.asOf, minGroupSize: minGroupSize, survey: data.catalogue.survey,
            overall: overall, sessions: sessionRows, programmes: programmeRows, cooperatives: cooperatives, months: monthRows,
            violations: violations, comments: comments,
            warnings: warnings)
        result.notes = rowAlerts?.outsidePeriod.map { [$0] } ?? []
        result.cooperativesWithoutRegistrations = withoutRegistrations(cooperatives)
        result.breakdowns = breakdowns
        result.responseDates = responseDates
        // A pass over a subset (one cooperative's rows) is shown only in part: its caller
        // applies the sets it shows (`CooperativeParts.suppressed`).
        if rows == nil {
            ComplementarySuppression.apply(to: &result, monthsAddUp: calculator.trend == nil, regionOf: regionName(ofCooperative:))
        }
        result.leftOut = leftOut
        return result
    }

    /// The data-quality checks over the period's counted sessions (`DataQuality`).
    var quality: DataQuality {
        DataQuality(data: data, index: index, sessions: inPeriod, counted: counted.indices.filter { scoped[$0] }.map { counted[$0].key })
    }

    /// The data-quality alerts found in the rows (`DataQuality.rowAlerts`): they need only
    /// which sessions are counted. Nil for a pass over a subset of the rows (`rows`, one
    /// cooperative's), which leaves the alerts to the whole run.
    func rowAlerts() -> DataQuality.RowAlerts? { rows == nil ? quality.rowAlerts() : nil }

    /// The region of a cooperative named as in the cooperatives' table, as the region
    /// dimension names it (« Non renseignée » for a cooperative no member bears).
    func regionName(ofCooperative name: String) -> String {
        let member = data.members?.position(of: name)
        return attribution.name(.region, member.map { attribution.regionOfMember[$0] } ?? Attribution.unknown)
    }

    /// The members kept by the filter whose group among `cooperatives` (named by the
    /// member's name, `DatasetBuilder.match`) counts no `registered` registration, or who
    /// have none; nil without a member list.
    func withoutRegistrations(_ cooperatives: [(name: String, figures: Figures)]) -> [Member]? {
        guard let list = data.members else { return nil }
        var registered: [String: Int] = [:]
        for c in cooperatives { registered[c.name, default: 0] += c.figures.tally.registered }
        return list.members.indices.filter { i in
            let id = data.memberIDs.indices.contains(i) ? data.memberIDs[i] : Attribution.unknown
            return registered[list.members[i].name, default: 0] == 0
                && filter.admitsMember(cooperative: id, region: attribution.regionOfMember[i])
        }.map { list.members[$0] }.sorted { TextKey.precedes($0.name, $1.name) }
    }

    /// A grouping's groups as a table: named, those of one name merged (« Non renseignée »
    /// written in the data and the unattributable), in report order.
    func table(_ g: GroupTallies, figures: (GroupTallies, Int) -> Figures) -> FigureTable {
        let dimensions = g.grouping.dimensions
        var merged: [[String]: (tally: Tally, order: [GroupOrder])] = [:]
        var first: [[String]] = []
        for group in g.values.indices {
            let values = g.values[group]
            let names = zip(dimensions, values).map { attribution.name($0, $1) }
            let f = figures(g, group)
            if var m = merged[names] {
                let people = m.tally.participants + f.tally.participants
                m.tally.add(f.tally)
                m.tally.participants = people
                merged[names] = m
            } else {
                merged[names] = (f.tally, zip(dimensions, values).map { order($0, $1) })
                first.append(names)
            }
        }
        let sorted = first.sorted { a, b in
            let (x, y) = (merged[a]?.order ?? [], merged[b]?.order ?? [])
            for (p, q) in zip(x, y) where p != q { return p < q }
            return false
        }
        return FigureTable(
            grouping: g.grouping,
            groups: sorted.compactMap { names in
                merged[names].map {
                    FigureTable.Group(names: names, figures: Figures(tally: $0.tally, minGroupSize: calculator.minGroupSize))
                }
            })
    }

    /// Where a group's value sorts: sessions as in every list by session, months and kinds
    /// in their order, names alphabetically; the group of the rows the dimension cannot
    /// attribute (« Non renseignée ») last, after every named one, so that it does not read
    /// as one of them (docs/decisions.md, « Order »).
    func order(_ d: Dimension, _ value: Int32) -> GroupOrder {
        guard value != Attribution.unknown else { return GroupOrder(rank: 1, number: 0, text: d.unknownName) }
        switch d {
        case .session:
            let key = data.sessions.keys[Int(value)]
            return GroupOrder(rank: 0, number: periodOrder[key] ?? Int.max, text: "")
        case .month, .kind: return GroupOrder(rank: 0, number: Int(value), text: "")
        case .programme, .family, .trainer, .cooperative, .role, .region:
            // A name written « Non renseignée » in the data is that group too (`table`).
            let name = attribution.name(d, value)
            return GroupOrder(rank: name == d.unknownName ? 1 : 0, number: 0, text: name)
        }
    }

    /// A numbered value sorts by number, a named one as every list of names (`TextKey.precedes`).
    struct GroupOrder: Comparable {
        let rank: Int
        let number: Int
        let text: String
        static func < (a: GroupOrder, b: GroupOrder) -> Bool {
            (a.rank, a.number) != (b.rank, b.number) ? (a.rank, a.number) < (b.rank, b.number) : TextKey.precedes(a.text, b.text)
        }
    }
}
