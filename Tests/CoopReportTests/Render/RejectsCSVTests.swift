import Testing

@testable import CoopReport

@Suite("RejectsCSV")
struct RejectsCSVTests {
    @Test(
        "values that Excel would read as formulas are neutralised, and separators quoted",
        arguments: [
            ("=SUM(A1)", "'=SUM(A1)"), ("+33 6", "'+33 6"), ("-2", "'-2"), ("@cmd", "'@cmd"), ("\tx", "'\tx"),
            ("a;b", "\"a;b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""), ("plain", "plain"),
        ])
    func field(value: String, written: String) {
        #expect(RejectsCSV.field(value) == written)
    }

    @Test("the file has a BOM, a header and one CRLF line per rejected row, with its role, value and scope against the period")
    func file() {
        var d = Diagnostic(severity: .error, file: "r.csv", line: 7, column: "session", message: "mauvaise", raw: "=P;Z")
        d.value = "Z"
        var june = Diagnostic(severity: .error, file: "r.csv", line: 8, column: "status", message: "mauvais", raw: "P;S2")
        june.session = SessionKey("P", "S2")
        var march = june
        march.session = SessionKey("P", "S1")
        let inputs = [InputSummary(role: .registrations, path: "r.csv", bytes: 0, sha256: "")]
        #expect(
            RejectsCSV.text([d, june, march], periodSessions: [SessionKey("P", "S2")], inputs: inputs)
                == "\u{FEFF}file;role;line;column;value;reason;scope;raw\r\n"
                + "r.csv;registrations;7;session;Z;mauvaise;non rattachée;\"'=P;Z\"\r\n"
                + "r.csv;registrations;8;status;;mauvais;période;\"P;S2\"\r\n"
                + "r.csv;registrations;8;status;;mauvais;hors période;\"P;S2\"\r\n")
    }

    @Test("a rejected row carries the refused value; a row at fault as a whole has none")
    func values() {
        let validator = RegistrationValidator(
            catalogue: Fixtures.catalogue, columns: ["programme", "session", "participant_id", "cooperative", "status"])
        let status = validator.validate(line: 2, values: ["P", "A", "p1", "Coop", "peut-être"])
        #expect(throws: RowRejection.self) { try status.get() }
        if case .failure(let why) = status {
            #expect(why.column == "status")
            #expect(why.value == "peut-être")
            #expect(why.reason.hasPrefix("« peut-être » n'est pas un statut"))
        }
        let programme = validator.validate(line: 3, values: ["FVC-2021", "A", "p1", "Coop", "inscrit"])
        if case .failure(let why) = programme {
            #expect(why.value == "FVC-2021")
            #expect(why.reason == "« FVC-2021 » n'est pas un programme du catalogue (attendus : P, Q)")
        } else {
            Issue.record("an unknown programme is rejected")
        }
    }
}
