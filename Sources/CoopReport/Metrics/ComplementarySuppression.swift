/// Complementary suppression (`metrics.md`, Small groups, version 3): where groups add up to
/// a visible total, one hidden group is the total minus the others; so when exactly one
/// group of the set is hidden, the smallest other one (by responses) is hidden too — or the
/// total, when the set has no other group (see `second`).
///
/// Only groups with responses take part: a group without any adds nothing to the total, so
/// it neither counts as the second hidden group nor can protect the first. Ties go to the
/// first group in the set's order (sessions by date, programmes by code, cooperatives by
/// name, months ascending). The rule is written once here and applied to every set by
/// `MetricsCalculator` until no set changes (a group hidden in one set can leave another
/// set with exactly one hidden figure). The sets of sessions come before the sets of the
/// overall: a month of one hidden session is hidden with it before the months are looked at.
enum ComplementarySuppression {
    /// One group of a set: its responses and whether its satisfaction figures are hidden.
    struct Group: Equatable {
        let responses: Int
        let hidden: Bool
    }

    /// What to hide too in one set.
    enum Hide: Equatable {
        case group(Int)
        case total
    }

    /// What the set needs hidden too, or nil. A set is an equation, total = sum of groups:
    /// when exactly one of its figures (a group with responses, or the total) is hidden,
    /// that one follows from the others. Then the smallest other group with responses is
    /// hidden; when there is none (a month of one session), the total is (it is that one
    /// group). A total hidden alone among shown groups would be their sum: the smallest
    /// group is hidden too.
    static func second(among groups: [Group], total: Group) -> Hide? {
        guard total.responses > 0 else { return nil }
        let counted = groups.indices.filter { groups[$0].responses > 0 }
        let hidden = counted.filter { groups[$0].hidden }.count + (total.hidden ? 1 : 0)
        guard hidden == 1 else { return nil }
        let smallest = counted.filter { !groups[$0].hidden }.min { (groups[$0].responses, $0) < (groups[$1].responses, $1) }
        if let smallest { return .group(smallest) }
        return total.hidden ? nil : .total
    }

    /// Applies the rule to every set of `figures`, in the sets' order, until none changes.
    /// A set is the indices of its groups in `figures` and the index of its total.
    static func apply(to figures: inout [Figures], sets: [(groups: [Int], total: Int)]) {
        func group(_ i: Int) -> Group { Group(responses: figures[i].tally.responses, hidden: figures[i].suppressed) }
        var changed = true
        while changed {
            changed = false
            for set in sets {
                guard let hide = second(among: set.groups.map(group), total: group(set.total)) else { continue }
                let i = if case .group(let k) = hide { set.groups[k] } else { set.total }
                figures[i] = figures[i].hiddenAsComplement()
                changed = true
            }
        }
    }
}

extension ComplementarySuppression {
    /// Applies the rule to every set of a run's figures that adds up to a shown total: each
    /// programme's sessions, each month's sessions (to the month), and to the overall line
    /// the programmes, the cooperatives, the months (when they cover the period, not a
    /// trend) and the groups of each breakdown whose groups do not overlap (`Dimension.overlaps`:
    /// the trainers' groups add up to more than the total, so no subtraction recovers one).
    /// A region is also the total of its cooperatives (`regionOf` names a cooperative's
    /// region), and a (region, cooperative) group is its cooperative.
    static func apply(to m: inout MetricsResult, monthsAddUp: Bool, regionOf: (String) -> String = { _ in "" }) {
        // One array: the overall, then the sessions, programmes, cooperatives, months, breakdowns.
        var all = [m.overall] + m.sessions.map(\.figures) + m.programmes.map(\.figures) + m.cooperatives.map(\.figures)
        let firstSession = 1
        let firstProgramme = firstSession + m.sessions.count
        let firstCooperative = firstProgramme + m.programmes.count
        let firstMonth = firstCooperative + m.cooperatives.count
        all += m.months.map(\.figures)
        var firstBreakdown: [Int] = []
        for table in m.breakdowns {
            firstBreakdown.append(all.count)
            all += table.groups.map(\.figures)
        }
        var sets: [(groups: [Int], total: Int)] = []
        var sessionsOf: [String: [Int]] = [:]
        var sessionsInMonth: [String: [Int]] = [:]
        for (i, s) in m.sessions.enumerated() {
            sessionsOf[s.session.programme, default: []].append(firstSession + i)
            sessionsInMonth[s.session.start.monthKey, default: []].append(firstSession + i)
        }
        for (p, row) in m.programmes.enumerated() { sets.append((sessionsOf[row.programme.code] ?? [], firstProgramme + p)) }
        for (i, row) in m.months.enumerated() { sets.append((sessionsInMonth[row.month] ?? [], firstMonth + i)) }
        sets.append((Array(firstProgramme..<firstCooperative), 0))
        sets.append((Array(firstCooperative..<firstMonth), 0))
        if monthsAddUp { sets.append((Array(firstMonth..<firstMonth + m.months.count), 0)) }
        for (t, table) in m.breakdowns.enumerated() where !table.grouping.dimensions.contains(where: \.overlaps) {
            sets.append((Array(firstBreakdown[t]..<firstBreakdown[t] + table.groups.count), 0))
        }
        sets += regionSets(m, firstBreakdown: firstBreakdown, firstCooperative: firstCooperative, regionOf: regionOf)
        // A group decided by the session (a trainer, a kind, a family…) is a sum of sessions,
        // and with the sessions, the programmes and the other groups shown, a difference of
        // sums could isolate a hidden one (Lucine − Olivier − GOUV-2022 = EXT). So such a
        // group is shown only when each of its sessions with responses is: then what is
        // shown adds up from shown sessions only.
        let families = Dictionary(m.programmes.map { ($0.programme.code, $0.programme.familyCode) }, uniquingKeysWith: { a, _ in a })
        var sessionsOfGroup: [Int: [Int]] = [:]
        for (t, table) in m.breakdowns.enumerated() where table.grouping.bySession {
            var index: [[String]: Int] = [:]
            for (i, g) in table.groups.enumerated() { index[g.names] = firstBreakdown[t] + i }
            for (i, s) in m.sessions.enumerated() {
                for names in sessionNames(s.session, table.grouping.dimensions, families: families) {
                    if let g = index[names] { sessionsOfGroup[g, default: []].append(firstSession + i) }
                }
            }
        }
        var changed = true
        while changed {
            apply(to: &all, sets: sets)
            changed = false
            for (g, sessions) in sessionsOfGroup where !all[g].suppressed {
                guard sessions.contains(where: { all[$0].suppressed && all[$0].tally.responses > 0 }) else { continue }
                all[g] = all[g].hiddenAsComplement()
                changed = true
            }
        }
        m.overall = all[0]
        m.sessions = m.sessions.enumerated().map { i, s in
            .init(session: s.session, figures: all[firstSession + i], objectives: s.objectives)
        }
        m.programmes = m.programmes.enumerated().map { i, p in (p.programme, all[firstProgramme + i]) }
        m.cooperatives = m.cooperatives.enumerated().map { i, c in (c.name, all[firstCooperative + i]) }
        m.months = m.months.enumerated().map { i, row in (row.month, all[firstMonth + i]) }
        m.breakdowns = m.breakdowns.enumerated().map { t, table in
            FigureTable(
                grouping: table.grouping,
                groups: table.groups.enumerated().map { i, g in FigureTable.Group(names: g.names, figures: all[firstBreakdown[t] + i]) })
        }
    }

    /// The sets a region breakdown adds beside the cooperatives (shown in every report): a
    /// region's figures are the sum of its cooperatives', so a region is the total of the
    /// set of its cooperatives; crossed with the cooperatives, each (region, cooperative)
    /// group is its cooperative again, a set of one group. Other crossings of the region
    /// add up to the overall only, as the other breakdowns do.
    static func regionSets(
        _ m: MetricsResult, firstBreakdown: [Int], firstCooperative: Int, regionOf: (String) -> String
    ) -> [(groups: [Int], total: Int)] {
        var sets: [(groups: [Int], total: Int)] = []
        let cooperative = Dictionary(m.cooperatives.enumerated().map { ($1.name, firstCooperative + $0) }, uniquingKeysWith: { a, _ in a })
        for (t, table) in m.breakdowns.enumerated() {
            let dimensions = table.grouping.dimensions
            guard let r = dimensions.firstIndex(of: .region) else { continue }
            if dimensions.count == 1 {
                var coopsOf: [String: [Int]] = [:]
                for c in m.cooperatives { coopsOf[regionOf(c.name), default: []].append(cooperative[c.name] ?? 0) }
                for (i, g) in table.groups.enumerated() { sets.append((coopsOf[g.names[r]] ?? [], firstBreakdown[t] + i)) }
            } else if let c = dimensions.firstIndex(of: .cooperative) {
                for (i, g) in table.groups.enumerated() {
                    if let k = cooperative[g.names[c]] { sets.append(([k], firstBreakdown[t] + i)) }
                }
            }
        }
        return sets
    }

    /// The names a session's groups carry in a grouping decided by the session (the names
    /// `Attribution.name` gives): one per combination of its values (two trainers, two names).
    static func sessionNames(_ s: Session, _ dimensions: [Dimension], families: [String: String]) -> [[String]] {
        func names(_ d: Dimension) -> [String] {
            switch d {
            case .session: [s.key.description]
            case .programme: [s.programme]
            case .month: [s.start.monthKey]
            case .kind: [SessionKindLabel.french(s.kind)]
            case .family: [families[s.programme] ?? s.programme]
            case .trainer: s.trainers.isEmpty ? [d.unknownName] : s.trainers
            case .cooperative, .role, .region: []
            }
        }
        return dimensions.reduce([[]]) { partial, d in partial.flatMap { p in names(d).map { p + [$0] } } }
    }
}
