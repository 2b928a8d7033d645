import Foundation
import Testing

@testable import CoopReport

/// The member list's rows (docs/decisions.md, « La liste des adhérents »): what is kept,
/// what is rejected with its column and reason, and what is dropped with an alert.
@Suite("Member rows")
struct MemberValidatorTests {
    static let columns = ["name", "aliases", "department", "region", "address", "email"]

    static func validator() -> MemberValidator {
        var v = MemberValidator()
        v.use(columns: columns, file: "adherents.csv")
        return v
    }

    static func rejection(_ result: Result<Void, RowRejection>) -> RowRejection? {
        if case .failure(let why) = result { return why }
        return nil
    }

    @Test("a row gives the member with its aliases split on « | », trimmed, each spelling once")
    func kept() throws {
        var v = Self.validator()
        let row = [
            "Coop Habitat Bretagne", " CHB | Habitat Bretagne || chb | coop habitat bretagne ", "35", "Bretagne", "1 rue X", "a@b.fr",
        ]
        #expect(throws: Never.self) { try v.validate(row, line: 2).get() }
        let m = try #require(v.members.first)
        #expect(
            m
                == Member(
                    name: "Coop Habitat Bretagne", department: "35", region: "Bretagne", address: "1 rue X", email: "a@b.fr",
                    aliases: ["CHB", "Habitat Bretagne"], line: 2))
        #expect(v.warnings.isEmpty)
    }

    @Test("an empty name, or one without letter or digit, rejects the row at column name")
    func noName() {
        var v = Self.validator()
        #expect(
            Self.rejection(v.validate(["", "X", "", "", "", ""], line: 2))
                == (RowRejection(column: "name", "vide ; le nom de la coopérative adhérente est attendu", value: "")))
        #expect(
            Self.rejection(v.validate(["—", "", "", "", "", ""], line: 3))
                == (RowRejection(
                    column: "name", "« — » ne contient ni lettre ni chiffre : il ne peut nommer aucune coopérative", value: "—")))
        #expect(v.members.isEmpty)
    }

    @Test("a name or an alias that an earlier row already spells rejects the later row, naming the earlier line")
    func collisions() {
        var v = Self.validator()
        _ = v.validate(["Coop Habitat Bretagne", "CHB", "", "", "", ""], line: 2)
        // The same name in other case and accents.
        #expect(
            Self.rejection(v.validate(["COOP HABITAT BRÉTAGNE", "", "", "", "", ""], line: 3))
                == (RowRejection(
                    column: "name",
                    "« COOP HABITAT BRÉTAGNE » nomme déjà l'adhérent de la ligne 2 : la casse, les accents et la ponctuation ne distinguent pas deux noms ; une coopérative des exports doit désigner un seul adhérent",
                    value: "COOP HABITAT BRÉTAGNE")))
        // Another member's name that is the first one's alias.
        #expect(
            Self.rejection(v.validate(["C.H.B", "", "", "", "", ""], line: 4))
                == (RowRejection(
                    column: "name",
                    "« C.H.B » nomme déjà l'adhérent de la ligne 2 (« Coop Habitat Bretagne ») : la casse, les accents et la ponctuation ne distinguent pas deux noms ; une coopérative des exports doit désigner un seul adhérent",
                    value: "C.H.B")))
        // An alias that is the first one's name (no need to name it again).
        #expect(
            Self.rejection(v.validate(["Le Nid", "Nid | coop-habitat-bretagne", "", "", "", ""], line: 5))
                == (RowRejection(
                    column: "aliases",
                    "« coop-habitat-bretagne » nomme déjà l'adhérent de la ligne 2 : la casse, les accents et la ponctuation ne distinguent pas deux noms ; une coopérative des exports doit désigner un seul adhérent",
                    value: "coop-habitat-bretagne")))
        // A rejected row leaves its spellings free: « Le Nid » can come later.
        #expect(throws: Never.self) { try v.validate(["Le Nid", "Nid", "", "", "", ""], line: 6).get() }
        #expect(v.members.map(\.line) == [2, 6])
    }

    @Test("an e-mail that is not an address is dropped with an alert; the member is kept")
    func email() {
        var v = Self.validator()
        #expect(throws: Never.self) { try v.validate(["Coop Un", "", "", "", "", "Marie Dupont"], line: 2).get() }
        #expect(v.members.first?.email == "")
        #expect(v.warnings.map(\.line) == [2])
        #expect(v.warnings.first?.column == "email")
        #expect(
            v.warnings.first?.message
                == "« Marie Dupont » n'est pas une adresse e-mail (attendu : nom@domaine.fr) : le contact de « Coop Un » est laissé vide")
        for good in ["contact@coop.example.org", "a.b@c.fr"] { #expect(MemberValidator.isEmail(good)) }
        for bad in ["contact@", "@coop.fr", "contact@coop", "a b@c.fr", "a@b@c.fr", "contact@coop."] {
            #expect(!MemberValidator.isEmail(bad), "\(bad)")
        }
    }

    @Test("a run rejects the bad rows of the list with file, line, column and role « members », and lists the file")
    func inARun() throws {
        let members =
            "Coopérative;Alias;Région\n" + "Coop Un;C1;Bretagne\n" + ";;Corse\n" + "Coop Deux;c-1;Normandie\n" + "Coop Trois;;Corse\n"
        let run = try SmallRun(members: members)
        let doc = run.outcome.document
        let rejects = doc.rejects.filter { $0.file.hasSuffix("adherents.csv") }
        #expect(rejects.map(\.line) == [3, 4])
        #expect(rejects.map(\.column) == ["name", "aliases"])
        #expect(rejects.last?.message.hasPrefix("« c-1 » nomme déjà l'adhérent de la ligne 2 (« Coop Un »)") == true)
        let input = try #require(doc.inputs.first { $0.role == .members })
        #expect((input.rowsRead, input.rejected) == (4, 2))
        #expect(doc.members?.members.map(\.name) == ["Coop Un", "Coop Trois"])
        // rejects.csv names the role.
        let csv = try String(contentsOfFile: run.out + "/rejects.csv", encoding: .utf8)
        #expect(csv.split(whereSeparator: \.isNewline).filter { $0.contains("members") && $0.contains("adherents.csv") }.count == 2)
        // Coop Deux's row was rejected: the name is not a member, one alert.
        #expect(doc.warnings.contains { $0.message.hasPrefix("coopérative « Coop Deux » absente de la liste des adhérents (") })
    }
}
