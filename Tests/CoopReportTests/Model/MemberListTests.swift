import Testing

@testable import CoopReport

/// The member list met with the exports' cooperatives (docs/decisions.md, « La liste des
/// adhérents »): one name per member, found through any spelling; an alert per unknown name.
@Suite("Member list")
struct MemberListTests {
    static let list = MemberList([
        Member(name: "Coop Habitat Bretagne", region: "Bretagne", aliases: ["CHB"], line: 2),
        Member(name: "Le Nid", region: "bretagne", line: 3),
        Member(name: "Castors", region: "Pays de la Loire", line: 4),
    ])

    @Test("a member is found by its name or an alias, whatever the case, accents, spaces and punctuation")
    func lookup() {
        for text in ["Coop Habitat Bretagne", "coop habitat bretagne", "COOP’HABITAT-BRETAGNE", "Coop Hàbitat Brétagne", "chb", "C.H.B."] {
            #expect(Self.list.member(named: text)?.name == "Coop Habitat Bretagne", "\(text)")
        }
        #expect(Self.list.member(named: "le  nid")?.line == 3)
        #expect(Self.list.member(named: "Castor") == nil)
        #expect(Self.list.member(named: "Coop Habitat") == nil)
        #expect(Self.list.member(named: "—") == nil)  // no letter or digit: no member
    }

    /// p1 writes « coop habitat bretagne », p2 « CHB »: one member. p4's « Castor » names no
    /// member (two rows: a registration and a response). The anonymous response has none.
    static func matched() -> (Dataset, [Diagnostic]) {
        var builder = DatasetBuilder(catalogue: Fixtures.catalogue)
        builder.add(Fixtures.reg("P/A", "p1", coop: "coop habitat bretagne", line: 2))
        builder.add(Fixtures.reg("P/A", "p2", coop: "CHB", .absent, line: 3))
        builder.add(Fixtures.reg("P/A", "p3", coop: "Le Nid", line: 4))
        builder.add(Fixtures.reg("P/A", "p4", coop: "Castor", line: 5))
        builder.add(Fixtures.resp("P/A", overall: 5, participant: "p9", coop: "Castor", line: 7))
        builder.add(Fixtures.resp("P/A", overall: 4, participant: "p8", coop: "Coop Habitat Bretagne", line: 8))
        builder.add(Fixtures.resp("P/A", overall: 2, line: 9))
        let alerts = builder.match(list, listName: "input/adherents.csv")
        return (builder.build(), alerts)
    }

    @Test("the rows' cooperatives become their member's name before any figure: the cooperatives' table has one row per member")
    func rewritten() {
        let (data, _) = Self.matched()
        #expect(data.registrations.map(\.cooperative) == ["Coop Habitat Bretagne", "Coop Habitat Bretagne", "Le Nid", "Castor"])
        #expect(data.responses.map(\.cooperative) == ["Castor", "Coop Habitat Bretagne", nil])
        #expect(data.members?.members.count == 3)
        let m = MetricsCalculator(asOf: Fixtures.day("2022-12-31"), minGroupSize: 1).compute(data)
        // p1 present and p2 absent are one cooperative: 2 registered, attendance 1 / 2; p8's
        // response (no registration) is attributed by its own column.
        let chb = m.cooperative("Coop Habitat Bretagne")
        #expect(chb?.tally.registered == 2)
        #expect(chb?.value(.attendanceRate) == 0.5)
        #expect(chb?.tally.responses == 1)
        #expect(m.cooperatives.map(\.name) == ["Castor", "Coop Habitat Bretagne", "Le Nid", "Non renseignée"])
    }

    @Test("a name no member bears counts as written and is one alert at its first row, naming the nearest member")
    func unknownName() {
        let (_, alerts) = Self.matched()
        #expect(alerts.count == 1)
        #expect(alerts.first?.file == "r.csv")
        #expect(alerts.first?.line == 5)
        #expect(alerts.first?.column == "cooperative")
        #expect(
            alerts.first?.message
                == "coopérative « Castor » absente de la liste des adhérents (input/adherents.csv) : 2 lignes comptées sous ce nom ; la plus proche : « Castors » (si c'est elle, ajoutez ce nom à ses alias)"
        )
    }

    @Test("a name far from every member says that none is near, and how to add it")
    func noNearest() {
        let message = DatasetBuilder.unknownMessage("Habitat Solidaire Picardie", rows: 1, list: Self.list, listName: "adherents.csv")
        #expect(
            message
                == "coopérative « Habitat Solidaire Picardie » absente de la liste des adhérents (adherents.csv) : 1 ligne comptée sous ce nom ; aucune n'en est proche (ajoutez-la à la liste, ou ce nom aux alias de son adhérent)"
        )
    }

    @Test("the nearest member is named by its name even when an alias is the nearest spelling")
    func nearestThroughAlias() {
        let message = DatasetBuilder.unknownMessage("CHBB", rows: 3, list: Self.list, listName: "l.csv")
        #expect(
            message.hasSuffix(
                "3 lignes comptées sous ce nom ; la plus proche : « Coop Habitat Bretagne » (si c'est elle, ajoutez ce nom à ses alias)"))
    }
}
