import Testing

@testable import CoopReport

@Suite("CatalogueReader")
struct CatalogueReaderTests {
    let valid = """
        programmes:
          - code: FVC
            title: "Formation"
            sessions:
              - {code: S1, kind: classroom, start: 2021-12-10, hours: 7, price_ht: 650, objectives: ["Identifier"]}
              - {code: ACT, kind: action, start: 2022-01-01, end: 2022-06-29, hours: 0, requires: [S1]}
              - {code: EXT, kind: extension, start: 2022-07-01, hours: 7}
        survey:
          scale: {min: 1, max: 5, satisfied_from: 4}
          questions:
            - {column: overall, label: "Satisfaction globale"}
        """

    @Test("reads programmes, sessions and the survey, with defaults")
    func reads() throws {
        let c = try CatalogueReader.parse(valid, path: "c.yml")
        let p = try #require(c.programme("FVC"))
        #expect(p.sessions.map(\.code) == ["S1", "ACT", "EXT"])
        #expect(p.sessions[0].end == p.sessions[0].start)
        #expect(p.sessions[0].priceHT == 650)
        #expect(p.sessions[1].requires == ["S1"])
        #expect(p.sessions.map(\.mandatory) == [true, true, false])
        #expect(p.mandatorySessions.map(\.code) == ["S1", "ACT"])
        #expect(c.survey.questions.map(\.column) == ["overall"])
    }

    @Test("an unknown key is an error naming its path, its line and the nearest key")
    func unknownKey() {
        let text = valid.replacingOccurrences(of: "{code: EXT, kind: extension", with: "{code: EXT, kinds: extension")
        #expect(
            throws: IngestError.catalogue(
                path: "c.yml", line: 7, keyPath: "programmes[0].sessions[2].kinds",
                message:
                    "clé inconnue « kinds » (vouliez-vous dire « kind » ?) ; attendu : l'une de code, title, kind, start, end, hours, price_ht, capacity, venue, trainers, mandatory, survey, requires, objectives, prerequisites, access, access_delay, contacts, methods, evaluation, accessibility"
            )
        ) {
            try CatalogueReader.parse(text, path: "c.yml")
        }
    }

    @Test("a requirement that is not a session of the programme is an error")
    func unknownRequirement() throws {
        let text = valid.replacingOccurrences(of: "requires: [S1]", with: "requires: [S9]")
        let error = #expect(throws: IngestError.self) { try CatalogueReader.parse(text, path: "c.yml") }
        #expect(error?.errorDescription?.contains("programmes[0].sessions[1].requires : « requires » nomme « S9 »") == true)
    }

    @Test("an impossible date and an unknown kind are errors")
    func badValues() {
        let badDate = valid.replacingOccurrences(of: "start: 2021-12-10", with: "start: 2021-02-30")
        #expect(throws: IngestError.self) { try CatalogueReader.parse(badDate, path: "c.yml") }
        let badKind = valid.replacingOccurrences(of: "kind: classroom", with: "kind: cours")
        let error = #expect(throws: IngestError.self) { try CatalogueReader.parse(badKind, path: "c.yml") }
        #expect(error?.errorDescription?.contains("« cours » n'est pas un type de session") == true)
    }
}
