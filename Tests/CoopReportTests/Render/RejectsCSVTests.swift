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

    @Test("the file has a BOM, a header and one CRLF line per rejected row, with its scope against the period")
    func file() {
        let d = Diagnostic(severity: .error, file: "r.csv", line: 7, column: "session", message: "bad", raw: "=P;Z")
        var june = Diagnostic(severity: .error, file: "r.csv", line: 8, column: "status", message: "bad", raw: "P;S2")
        june.session = SessionKey("P", "S2")
        var march = june
        march.session = SessionKey("P", "S1")
        #expect(
            RejectsCSV.text([d, june, march], periodSessions: [SessionKey("P", "S2")])
                == "\u{FEFF}file;line;column;reason;scope;raw\r\n" + "r.csv;7;session;bad;non rattachée;\"'=P;Z\"\r\n"
                + "r.csv;8;status;bad;période;\"P;S2\"\r\n" + "r.csv;8;status;bad;hors période;\"P;S2\"\r\n")
    }
}
