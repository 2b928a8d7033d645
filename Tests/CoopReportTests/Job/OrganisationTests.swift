import Testing

@testable import CoopReport

@Suite("Organisation in the job")
struct OrganisationTests {
    let base = Fixtures.jobHead

    let block = """
        organisation:
          name: "Fédération test"
          siret: "999 888 777 00015"
          nda: 11 75 99999 75
          address: "1 rue des Coopérateurs, 75011 Paris"
          signatory: "Marie Dupont, directrice"
          signs_as: délégataire

        """

    @Test("the block is read: numbers kept as digits, shown grouped; the town comes from the postcode")
    func reads() throws {
        let o = try JobReader.parse(base + block + "certificates: true\n", path: "j.yml").options
        #expect(o.certificates)
        #expect(
            o.organisation
                == Organisation(
                    name: "Fédération test", siret: "99988877700015", nda: "11759999975",
                    address: "1 rue des Coopérateurs, 75011 Paris", signatory: "Marie Dupont, directrice", signsAs: .delegate))
        #expect(o.organisation.siretShown == "999 888 777 00015")
        #expect(o.organisation.ndaShown == "11 75 99999 75")
        #expect(o.organisation.town == "Paris")
    }

    @Test("signs_as: the legal representative or a delegate, in English or French")
    func signsAs() throws {
        for (text, capacity) in [
            ("representative", Organisation.Capacity.representative), ("Représentant légal", .representative),
            ("delegate", .delegate), ("délégation", .delegate),
        ] {
            let job = base + block.replacingOccurrences(of: "signs_as: délégataire", with: "signs_as: \(text)")
            #expect(try JobReader.parse(job, path: "j.yml").options.organisation.signsAs == capacity, "\(text)")
        }
    }

    @Test("the old string form is the name; without the key the author is CoopReport")
    func stringForm() throws {
        let o = try JobReader.parse(base + "organisation: \"Fédération des coopératives d'Hlm\"\n", path: "j.yml").options
        #expect(o.organisation == Organisation(name: "Fédération des coopératives d'Hlm"))
        #expect(!o.certificates)
        #expect(try JobReader.parse(base, path: "j.yml").options.organisation.name == "CoopReport")
    }

    @Test("a misspelt key names the nearest one, at its line")
    func typo() {
        let text = base + block.replacingOccurrences(of: "  signatory:", with: "  signatary:")
        #expect(
            throws: JobError.invalid(
                path: "j.yml", line: 9, keyPath: "organisation.signatary",
                message:
                    "clé inconnue « signatary » (vouliez-vous dire « signatory » ?) ; attendu : l'une de name, siret, nda, address, signatory, signs_as"
            )
        ) { try JobReader.parse(text, path: "j.yml") }
    }

    @Test("a SIRET that is not 14 digits stops the run with the line and a French message")
    func badSiret() {
        let text = base + block.replacingOccurrences(of: "999 888 777 00015", with: "999 888 777 0001")
        #expect(
            throws: JobError.invalid(
                path: "j.yml", line: 6, keyPath: "organisation.siret",
                message:
                    "« 999 888 777 0001 » n'est pas un numéro SIRET (attendu : 14 chiffres, espaces permis, par exemple 123 456 789 00012)")
        ) { try JobReader.parse(text, path: "j.yml") }
    }

    @Test("an NDA that is not 11 digits, a block without name, and certificates without the whole identity are refused")
    func otherErrors() {
        let cases = [
            (
                base + block.replacingOccurrences(of: "11 75 99999 75", with: "11-75-99999-75"),
                "n'est pas un numéro de déclaration d'activité"
            ),
            (base + block.replacingOccurrences(of: "  name: \"Fédération test\"\n", with: ""), "clé « name » absente"),
            (base + "certificates: true\n", "demandent le bloc « organisation »"),
            (
                base + "organisation: {name: F, siret: 99988877700015}\ncertificates: true\n",
                "demandent « nda », « address », « signatory », « signs_as »"
            ),
            (
                base + block.replacingOccurrences(of: "signs_as: délégataire", with: "signs_as: directrice"),
                "« directrice » n'est pas une qualité de signataire (attendu : representative"
            ),
        ]
        for (text, message) in cases {
            let error = #expect(throws: JobError.self) { try JobReader.parse(text, path: "j.yml") }
            #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
        }
    }
}
