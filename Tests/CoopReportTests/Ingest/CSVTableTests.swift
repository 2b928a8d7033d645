import Testing

@testable import CoopReport

@Suite("CSVTable")
struct CSVTableTests {
    func rows(_ table: CSVTable) throws -> [CSVTable.Row] {
        var out: [CSVTable.Row] = []
        try table.forEachRow { out.append($0) }
        return out
    }

    func value(_ table: CSVTable, _ row: CSVTable.Row, _ column: String) -> String? {
        table.index(of: column).map { row.values[$0] }
    }

    @Test("reads ';' with a BOM and CRLF, and maps French headers onto canonical columns")
    func frenchSemicolonBOM() throws {
        let text =
            "\u{FEFF}Formation;Session;Identifiant;Nom;Prénom;Coopérative;Fonction;Statut;Présence;Heures;Matin;Après-midi\r\n"
            + "FVC;S1;P1;Durand;Léa;Coop A;Salariée;inscrit;présent;3,5;;\r\n"
        let table = try CSVTable(bytes: Array(text.utf8), path: "r.csv", schema: .registrations)
        #expect(table.separator == ";")
        #expect(table.encoding == .utf8)
        #expect(table.columns.contains("first_name") && table.columns.contains("afternoon") && table.columns.contains("hours_attended"))
        let r = try #require(rows(table).first)
        #expect(r.line == 2)
        #expect(value(table, r, "programme") == "FVC")
        #expect(value(table, r, "first_name") == "Léa")
        #expect(value(table, r, "cooperative") == "Coop A")
        #expect(value(table, r, "hours_attended") == "3,5")
    }

    @Test("a quoted newline stays in its field and the next record reports its own start line")
    func quotedNewlines() throws {
        let text =
            "programme,session,comment\n"
            + "P,A,\"first line\nsecond \"\"quoted\"\"; line\"\n"
            + "P,B,\"x\r\ny\r\nz\"\n"
            + "P,C,plain\n"
        let table = try CSVTable(bytes: Array(text.utf8), path: "e.csv", schema: .evaluations(questions: []))
        #expect(table.separator == ",")
        let all = try rows(table)
        #expect(all.map(\.line) == [2, 4, 7])
        #expect(value(table, all[0], "comment") == "first line\nsecond \"quoted\"; line")
        #expect(value(table, all[1], "comment") == "x\r\ny\r\nz")
        #expect(value(table, all[2], "session") == "C")
    }

    @Test("Windows-1252 bytes are detected and decoded")
    func windows1252() throws {
        // "coopérative" with é = 0xE9, and "€" = 0x80.
        var bytes = Array("programme;session;participant_id;coop".utf8) + [0xE9] + Array("rative;statut\n".utf8)
        bytes += Array("P;A;1;Soci".utf8) + [0xE9, 0x74, 0xE9, 0x20, 0x80] + Array(";inscrit\n".utf8)
        let table = try CSVTable(bytes: bytes, path: "r.csv", schema: .registrations)
        #expect(table.encoding == .windows1252)
        let r = try #require(rows(table).first)
        #expect(value(table, r, "cooperative") == "Société €")
    }

    @Test("Excel's sep= line names the separator; blank lines are skipped")
    func sepLine() throws {
        let text = "sep=,\nprogramme,session,cooperative,participant_id,status\n\nP,A,\"Coop; un\",1,inscrit\n"
        let table = try CSVTable(bytes: Array(text.utf8), path: "r.csv", schema: .registrations)
        let all = try rows(table)
        #expect(all.count == 1)
        #expect(all[0].line == 4)
        #expect(value(table, all[0], "cooperative") == "Coop; un")
    }

    @Test("a missing required column stops the file with the columns found and the nearest one")
    func missingColumn() {
        let text = "programme;sesion;participant_id;cooperative;status\nP;A;1;C;inscrit\n"
        #expect(
            throws: IngestError.missingColumns(
                path: "r.csv", missing: ["session"], found: ["programme", "sesion", "participant_id", "cooperative", "status"],
                expected: ["programme", "session", "cooperative", "status", "participant_id ou email"],
                nearest: ["session": "sesion"])
        ) {
            try CSVTable(bytes: Array(text.utf8), path: "r.csv", schema: .registrations)
        }
    }

    @Test("an empty file and a missing file are whole-file errors")
    func emptyAndMissing() throws {
        #expect(throws: IngestError.emptyFile(path: "e.csv")) { try CSVTable(bytes: [], path: "e.csv", schema: .registrations) }
        #expect(throws: IngestError.fileNotFound(path: "/nonexistent/r.csv")) {
            try CSVTable(path: "/nonexistent/r.csv", schema: .registrations)
        }
    }

    @Test("an unterminated quote and a row with extra fields are row problems, not crashes")
    func structuralProblems() throws {
        let text = "programme;session;participant_id;cooperative;status\nP;A;1;C;inscrit;extra\nP;A;2;\"C;inscrit\n"
        let table = try CSVTable(bytes: Array(text.utf8), path: "r.csv", schema: .registrations)
        let all = try rows(table)
        #expect(all.map(\.line) == [2, 3])
        #expect(all[0].problem?.contains("6 champs") == true)
        #expect(all[1].problem?.contains("jamais refermé") == true)
        #expect(all[0].raw == "P;A;1;C;inscrit;extra")
    }

    @Test("objective columns are found by family name, in English or French")
    func objectiveFamily() throws {
        let text = "programme,session,Objectif 2,objective_1,overall\nP,A,4,5,3\n"
        let table = try CSVTable(bytes: Array(text.utf8), path: "e.csv", schema: .evaluations(questions: ["overall"]))
        #expect(table.columns.suffix(2) == ["objective_1", "objective_2"])
    }
}
