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

    @Test("the file has a BOM, a header and one CRLF line per rejected row")
    func file() {
        let d = Diagnostic(severity: .error, file: "r.csv", line: 7, column: "session", message: "bad", raw: "=P;Z")
        #expect(RejectsCSV.text([d]) == "\u{FEFF}file;line;column;reason;raw\r\n" + "r.csv;7;session;bad;\"'=P;Z\"\r\n")
    }
}
