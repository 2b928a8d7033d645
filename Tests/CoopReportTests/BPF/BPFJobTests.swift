import Testing

@testable import CoopReport

/// The job's `trainers` and `bpf` blocks, and the catalogue's `nsf`: strict, with the
/// nearest name on a typo.
@Suite("BPF in the job and the catalogue")
struct BPFJobTests {
    let base = Fixtures.jobHead

    func options(_ text: String) throws -> ReportOptions { try JobReader.parse(base + text, path: "/srv/j.yml").options }

    func message(_ text: String) -> String {
        let error = #expect(throws: JobError.self) { try JobReader.parse(base + text, path: "/srv/j.yml") }
        return error?.description ?? ""
    }

    @Test("reads trainers as a map or a list, and every bpf key")
    func reads() throws {
        let o = try options(
            """
            trainers: {"Int Un": internal, "Ext Deux": externe}
            bpf:
              invoiced: present
              payers: {"OPCO": c2h, "Employeur": C1}
              default_payer: c9
              objectives: {P: d}
              subcontracted: {trainees: 2, hours: 14}
              entrusted: {trainees: 1}
            """)
        #expect(o.trainers == ["Int Un": .internal, "Ext Deux": .external])
        let b = try #require(o.bpf)
        #expect(b.invoicePresentOnly)
        #expect(b.payers == [TextKey.of("OPCO"): .c2h, TextKey.of("Employeur"): .c1])
        #expect(b.defaultPayer == .c9)
        #expect(b.objectives == ["P": .d])
        #expect(b.subcontracted == BPF.Count(trainees: 2, hours: 14))
        #expect(b.entrusted == BPF.Count(trainees: 1, hours: 0))
        let list = try options("trainers: [{name: \"Int Un\", status: internal}]")
        #expect(list.trainers == ["Int Un": .internal])
    }

    @Test("a wrong status, C line, F-3 line or key says what is expected")
    func errors() {
        #expect(message("trainers: {\"Int Un\": internl}").contains("vouliez-vous dire « internal »"))
        #expect(message("bpf: {payers: {OPCO: c2}}").contains("c2a à c2h"))
        #expect(message("bpf: {objectives: {P: g}}").contains("a, b, c, d, e ou f"))
        #expect(message("bpf: {invoiced: all}").contains("« present »"))
        #expect(message("bpf: {payer: {OPCO: c1}}").contains("payers"))
    }

    @Test("a trainer on one side only stops the run, naming the nearest name on the other side")
    func trainersAgainstCatalogue() {
        var o = ReportOptions()
        o.trainers = ["Int Un": .internal, "Ext Deuz": .external]
        let typo = #expect(throws: JobError.self) { try BPF.checkJob(o, catalogue: BPFTests.catalogue, job: "j.yml") }
        #expect(typo?.description.contains("« Ext Deuz » n'anime aucune session du catalogue (vouliez-vous dire « Ext Deux » ?)") == true)
        o.trainers = ["Int Un": .internal]
        let missing = #expect(throws: JobError.self) { try BPF.checkJob(o, catalogue: BPFTests.catalogue, job: "j.yml") }
        #expect(missing?.description.contains("« Ext Deux », formateur du catalogue, n'a pas de statut") == true)
        o.trainers = ["Int Un": .internal, "Ext Deux": .external]
        #expect(throws: Never.self) { try BPF.checkJob(o, catalogue: BPFTests.catalogue, job: "j.yml") }
        o.bpf = BPF.Settings()
        o.bpf?.objectives = ["PP": .d]
        let programme = #expect(throws: JobError.self) { try BPF.checkJob(o, catalogue: BPFTests.catalogue, job: "j.yml") }
        #expect(programme?.description.contains("« PP » n'est pas un programme du catalogue (vouliez-vous dire « P » ?)") == true)
    }

    @Test("the catalogue's nsf: a code of three digits, a domain letter and a label optional")
    func nsf() throws {
        func catalogue(_ nsf: String) throws -> Catalogue {
            try CatalogueReader.parse(
                """
                programmes:
                  - code: P
                    nsf: "\(nsf)"
                    sessions:
                      - {code: A, start: 2022-01-10, hours: 7}
                """, path: "c.yml")
        }
        #expect(try catalogue("313").programme("P")?.nsf == "313")
        #expect(try catalogue("313m Immobilier").programme("P")?.nsf == "313m Immobilier")
        #expect(NSF.code(of: "313m Immobilier") == "313m")
        #expect(NSF.label(of: "313m Immobilier") == "Immobilier")
        for bad in ["31", "immobilier", "3130", "031"] {
            #expect(throws: IngestError.self, "\(bad)") { try catalogue(bad) }
        }
    }
}
