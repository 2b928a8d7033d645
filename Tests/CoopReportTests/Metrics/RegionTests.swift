import Testing

@testable import CoopReport

/// The region dimension and « Coopératives sans inscrit » (docs/decisions.md, « La liste
/// des adhérents »), on a fixture worked out by hand. Members: Coop Habitat Bretagne (alias
/// CHB) and Le Nid in Bretagne (written « bretagne » for Le Nid: one region), Castors in
/// Pays de la Loire, Coop Corse in Corse. Session P/A (7 h):
/// - p1 « coop habitat bretagne » present, p2 « CHB » absent, p3 « Le Nid » present;
/// - p4 « Castor », a name no member bears, present;
/// - p5 « Castors » cancelled: Castors sent nobody registered.
/// Responses at A: p1 (5), p2 (4), p3 (4), p4 (3), and two anonymous ones (2, 3).
@Suite("Region")
struct RegionTests {
    static let list = MemberList([
        Member(name: "Coop Habitat Bretagne", department: "35", region: "Bretagne", aliases: ["CHB"], line: 2),
        Member(name: "Le Nid", department: "29", region: "bretagne", line: 3),
        Member(name: "Castors", department: "44", region: "Pays de la Loire", line: 4),
        Member(name: "Coop Corse", department: "2A", region: "Corse", line: 5),
    ])

    static func data() -> Dataset {
        var builder = DatasetBuilder(catalogue: Fixtures.catalogue)
        builder.add(Fixtures.reg("P/A", "p1", coop: "coop habitat bretagne", line: 2))
        builder.add(Fixtures.reg("P/A", "p2", coop: "CHB", .absent, line: 3))
        builder.add(Fixtures.reg("P/A", "p3", coop: "Le Nid", line: 4))
        builder.add(Fixtures.reg("P/A", "p4", coop: "Castor", line: 5))
        builder.add(Fixtures.reg("P/A", "p5", coop: "Castors", status: .cancelled, nil, line: 6))
        builder.add(Fixtures.resp("P/A", overall: 5, participant: "p1", line: 2))
        builder.add(Fixtures.resp("P/A", overall: 4, participant: "p2", line: 3))
        builder.add(Fixtures.resp("P/A", overall: 4, participant: "p3", line: 4))
        builder.add(Fixtures.resp("P/A", overall: 3, participant: "p4", line: 5))
        builder.add(Fixtures.resp("P/A", overall: 2, line: 6))
        builder.add(Fixtures.resp("P/A", overall: 3, line: 7))
        _ = builder.match(list, listName: "adherents.csv")
        return builder.build()
    }

    static func metrics(by: [CoopReport.Dimension] = [.region], filter: Filter = Filter(), minGroupSize: Int = 1) throws -> MetricsResult {
        let calculator = MetricsCalculator(
            period: Period(programme: "P"), asOf: Fixtures.day("2022-12-31"), minGroupSize: minGroupSize,
            breakdowns: by.isEmpty ? [] : [Grouping(by)])
        return try calculator.compute(data(), filter: filter)
    }

    static func group(_ m: MetricsResult, _ names: String...) -> Figures? {
        m.breakdowns.first?.groups.first { $0.names == names }?.figures
    }

    @Test("--by region: each row counts in its cooperative's member's region; the unknown region last")
    func byRegion() throws {
        let m = try Self.metrics()
        let regions = try #require(m.breakdowns.first)
        #expect(regions.grouping.jsonKey == "regions")
        // « bretagne » and « Bretagne » are one region, named as first written in the list.
        #expect(regions.groups.map(\.names) == [["Bretagne"], ["Pays de la Loire"], ["Non renseignée"]])
        // Bretagne: p1 present, p2 absent, p3 present → 3 registered, attendance 2 / 3, 14 h;
        // the responses of p1, p2, p3 → 3, all satisfied (5, 4, 4 ≥ 4).
        let bretagne = try #require(Self.group(m, "Bretagne"))
        #expect(bretagne.tally.registered == 3)
        #expect((bretagne.tally.present, bretagne.tally.absent) == (2, 1))
        #expect(bretagne.tally.hoursTrainee == 14)
        #expect(bretagne.tally.responses == 3)
        #expect(bretagne.value(.satisfactionRate) == 1)
        #expect(bretagne.tally.participants == 3)  // three journeys in P
        // Pays de la Loire: only p5's cancellation; no journey (never registered).
        let loire = try #require(Self.group(m, "Pays de la Loire"))
        #expect((loire.tally.registered, loire.tally.cancelled, loire.tally.participants) == (0, 1, 0))
        // « Castor » names no member: p4 and its response have no region; nor have the
        // anonymous responses.
        let unknown = try #require(Self.group(m, "Non renseignée"))
        #expect((unknown.tally.registered, unknown.tally.present, unknown.tally.responses) == (1, 1, 3))
        // The groups add up to the overall.
        #expect(regions.groups.reduce(0) { $0 + $1.figures.tally.responses } == m.overall.tally.responses)
    }

    @Test("filter region keeps the rows of its members, compared ignoring case; the unattributable responses are left out and counted")
    func filterRegion() throws {
        let m = try Self.metrics(by: [], filter: Filter([Filter.Condition(.region, ["BRETAGNE"])]))
        #expect(m.overall.tally.registered == 3)
        #expect(m.overall.tally.responses == 3)
        #expect(m.leftOut.responses == 3)  // p4's (no member) and the two anonymous ones
        #expect(m.cooperatives.map(\.name) == ["Coop Habitat Bretagne", "Le Nid"])
        // Both Bretagne members sent someone.
        #expect(m.cooperativesWithoutRegistrations == [])
        #expect(throws: ResolvedFilter.UnknownValue.self) {
            try Self.metrics(by: [], filter: Filter([Filter.Condition(.region, ["Bretgne Sud"])]))
        }
    }

    @Test("filter cooperative takes a member's alias too: its rows carry the member's name")
    func filterByAlias() throws {
        let m = try Self.metrics(by: [], filter: Filter([Filter.Condition(.cooperative, ["chb"])]))
        #expect(m.cooperatives.map(\.name) == ["Coop Habitat Bretagne"])
        #expect(m.overall.tally.registered == 2)
        #expect(m.cooperativesWithoutRegistrations == [])
    }

    @Test(
        "« sans inscrit »: the members without a registered participant in the period, cancellations not counting; a region filter narrows them"
    )
    func withoutRegistrations() throws {
        let m = try Self.metrics(by: [])
        #expect(m.cooperativesWithoutRegistrations?.map(\.name) == ["Castors", "Coop Corse"])
        #expect(m.cooperativesWithoutRegistrations?.last?.department == "2A")
        let corse = try Self.metrics(by: [], filter: Filter([Filter.Condition(.region, ["Pays de la Loire"])]))
        #expect(corse.cooperativesWithoutRegistrations?.map(\.name) == ["Castors"])
        // A period without the session: everybody sent nobody.
        let empty = try MetricsCalculator(period: Period(programme: "Q"), asOf: Fixtures.day("2022-12-31")).compute(
            Self.data(), filter: Filter())
        #expect(empty.cooperativesWithoutRegistrations?.count == 4)
        // Without a member list: nothing is said.
        #expect(Fixtures.metrics([Fixtures.reg("P/A", "p1")]).cooperativesWithoutRegistrations == nil)
    }

    @Test("a region is the total of its cooperatives: one hidden cooperative of a shown region hides another")
    func complementary() throws {
        // min_group_size 2: Le Nid (1 response) is hidden, Coop Habitat Bretagne (2) shown,
        // Bretagne (3) shown: Bretagne − Coop Habitat Bretagne would give Le Nid.
        let plain = try Self.metrics(by: [], minGroupSize: 2)
        #expect(plain.cooperative("Coop Habitat Bretagne")?.suppressed == false)
        let m = try Self.metrics(minGroupSize: 2)
        #expect(m.cooperative("Le Nid")?.suppression == .smallGroup)
        #expect(m.cooperative("Coop Habitat Bretagne")?.suppression == .complementary)
        #expect(Self.group(m, "Bretagne")?.suppressed == false)
    }

    @Test("crossed with the cooperatives, a (region, cooperative) group is hidden with its cooperative, whatever the lists' orders")
    func crossedWithCooperatives() throws {
        // Castors (Pays de la Loire) 2 responses, Coop Habitat Bretagne 2, Le Nid 1: with
        // min_group_size 2, the cooperatives hide Castors (first of the two smallest), the
        // crossing, ordered by region, hides (Bretagne, Coop Habitat Bretagne). Each must
        // follow the other, or Castors' figures show as (Pays de la Loire, Castors).
        var builder = DatasetBuilder(catalogue: Fixtures.catalogue)
        for (p, coop) in [("p1", "CHB"), ("p2", "CHB"), ("p3", "Le Nid"), ("p6", "Castors"), ("p7", "Castors")] {
            builder.add(Fixtures.reg("P/A", p, coop: coop, line: 2))
            builder.add(Fixtures.resp("P/A", overall: 4, participant: p, line: 2))
        }
        _ = builder.match(Self.list, listName: "adherents.csv")
        let m = MetricsCalculator(
            period: Period(programme: "P"), asOf: Fixtures.day("2022-12-31"), minGroupSize: 2,
            breakdowns: [Grouping([.region, .cooperative])]
        ).compute(builder.build())
        #expect(m.breakdowns.first?.groups.map(\.names.first) == ["Bretagne", "Bretagne", "Pays de la Loire"])
        for g in m.breakdowns.first?.groups ?? [] {
            #expect(g.figures.suppressed, "\(g.names)")
            #expect(m.cooperative(g.names[1])?.suppressed == true, "\(g.names)")
        }
    }
}
