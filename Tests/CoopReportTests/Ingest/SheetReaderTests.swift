import Foundation
import Testing
import ZIPFoundation

@testable import CoopReport

/// A sheet's rows read from its XML by `SheetReader`: cells by their reference or in turn,
/// each type as Excel means it, the same rows wherever the inflated bytes are cut.
@Suite("Sheet reader")
struct SheetReaderTests {
    static let cells = SheetCells(shared: ["Date & heure"], dateStyles: [1], date1904: false)

    /// The rows of `xml` (line, cell texts), handed over `chunk` bytes at a time and
    /// scanned `window` bytes at a time; `stopAfter` rows, then the read is stopped.
    static func rows(
        _ xml: [UInt8], chunk: Int = .max, window: Int = SheetReader.window, cells: SheetCells = cells, stopAfter: Int = .max
    ) throws(SheetReader.Problem) -> (rows: [String], finished: Bool) {
        var offset = 0
        var reader = SheetReader(cells: cells, window: window)
        var out: [String] = []
        func next() -> Data? {
            guard offset < xml.count else { return nil }
            let n = min(chunk, xml.count - offset)
            defer { offset += n }
            return Data(xml[offset..<(offset + n)])
        }
        let finished = try reader.read(next) { row in
            out.append("\(row.line): " + row.texts.joined(separator: "|"))
            return out.count < stopAfter
        }
        return (out, finished)
    }

    static func rows(_ xml: String) throws(SheetReader.Problem) -> [String] { try rows(Array(xml.utf8)).rows }

    /// Odd but valid: a prefix on every element, rows and cells without `r`, cells out of
    /// order, rich text and phonetic runs, every cell type, a formula, a date, blank rows.
    static let odd = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
        <x:row r="1" spans="1:4"><x:c r="A1" t="inlineStr"><x:is><x:t>Nom</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Heures</x:t></x:is></x:c><x:c r="D1" t="s"><x:v>0</x:v></x:c></x:row>
        <x:row><x:c s="0" r="A2" t="inlineStr"><x:is><x:r><x:t>Du</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">pont </x:t></x:r><x:rPh sb="0" eb="1"><x:t>デュポン</x:t></x:rPh></x:is></x:c><x:c><x:v>007</x:v></x:c><x:c t='b'><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row>
        <x:row r="4"><x:c r="C4"/><x:c r="B4" t="str"><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c r="E4" s="1"><x:v>44531.5</x:v></x:c><x:c r="F4"><x:v>-0</x:v></x:c><x:c r="G4"><x:v>1.50</x:v></x:c></x:row>
        <x:row r="6"/>
        <x:row r="7"><x:c r="B7" t="d"><x:v>2022-01-31</x:v></x:c><x:c r="A7"><x:v>1e3</x:v></x:c><x:c r="C7" t="b"><x:v>0</x:v></x:c><x:c r="D7" t="inlineStr"><x:is><x:t>a &amp; &#233;&#xE9;&lt;b&gt;&#13;&#10;c
        d</x:t></x:is></x:c></x:row>
        </x:sheetData><x:pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></x:worksheet>
        """

    static let oddRows = [
        "1: Nom|Heures||Date & heure",  // B1 without r follows A1; D1 the shared string 0
        "2: Dupont |7|TRUE|#N/A",  // row 2 follows row 1; runs joined, phonetic left out; 007 is 7
        "4: |2|||2021-12-01T12:00:00|0|1.5",  // the formula's result, not its text; a date style; -0 and 1.50 as typed
        "6: ",
        "7: 1000|2022-01-31|FALSE|a & éé<b>\r\nc\nd",
    ]

    @Test("odd but valid sheets: prefixes, cells without references or out of order, every type, rich and phonetic text")
    func oddSheet() throws {
        #expect(try Self.rows(Self.odd) == Self.oddRows)
    }

    @Test("the rows are the same however the inflated bytes come and however small the window", arguments: [1, 2, 3, 5, 8, 13, 64, 500])
    func windows(window: Int) throws {
        let xml = Array(Self.odd.utf8)
        for chunk in [1, 7, xml.count] {
            let read = try Self.rows(xml, chunk: chunk, window: window)
            #expect(read.rows == Self.oddRows, "window \(window), chunk \(chunk)")
            #expect(read.finished)
        }
    }

    @Test("the caller stops the read: the rows after are not read")
    func stop() throws {
        let read = try Self.rows(Array(Self.odd.utf8), window: 16, stopAfter: 2)
        #expect(read.rows == Array(Self.oddRows.prefix(2)))
        #expect(!read.finished)
    }

    static func problem(_ xml: [UInt8], cells: SheetCells = cells) -> String? {
        do {
            _ = try rows(xml, cells: cells)
            return nil
        } catch {
            return error.reason
        }
    }

    static func sheet(_ rows: String) -> String {
        "<worksheet xmlns=\"u\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>A</t></is></c></row>\(rows)</sheetData></worksheet>"
    }

    @Test("broken sheets stop the read with the row they broke at, and why")
    func broken() {
        let cases: [(String, String)] = [
            (Self.sheet("<row r=\"2\"><c><v>1</v></row>"), "le XML de la feuille est cassé vers la ligne 2 (</row> ferme <c>)"),
            (Self.sheet("<row r=\"2\"><c><v>1</v></c>"), "le XML de la feuille est cassé vers la ligne 2 (</sheetData> ferme <row>)"),
            (String(Self.sheet("").dropLast(24)), "vers la ligne 2 (la fin arrive avant que l'élément <sheetData> soit fermé"),
            (String(Self.sheet("").dropLast(20)), "vers la ligne 2 (balise tronquée à la fin)"),
            (Self.sheet("<row r=\"5\"><c t=\"inlineStr\"><is><t>&eacute;</t></is></c></row>"), "vers la ligne 5 (référence « &eacute… »"),
            (Self.sheet("<row r=\"1\"/>"), "numéro de ligne « 1 » après la ligne 1"),
            (Self.sheet("<row r=\"x\"/>"), "numéro de ligne « x » après la ligne 1"),
            (Self.sheet("<row r=\"1048577\"/>"), "numéro de ligne « 1048577 » après la ligne 1"),
            (
                Self.sheet("<row><c t=\"s\"><v>1</v></c></row>"),
                "la ligne 2 renvoie au texte partagé « 1 », que le classeur ne contient pas"
            ),
            (Self.sheet("<row><c t=\"s\"><v> 0</v></c></row>"), "la ligne 2 renvoie au texte partagé «  0 »"),
            (Self.sheet("<row><c t=\"s\"/></row>"), "la ligne 2 renvoie au texte partagé «  », que"),
        ]
        for (xml, reason) in cases {
            let why = Self.problem(Array(xml.utf8))
            #expect(why?.contains(reason) == true, "\(xml): \(why ?? "read")")
        }
        // Bytes that are not UTF-8 in a cell.
        let text = Self.sheet("<row><c t=\"inlineStr\"><is><t>Lé\u{FFFD}</t></is></c></row>")
        var bad = Array(text.utf8)
        if let at = bad.firstIndex(of: 0xEF) { bad.replaceSubrange(at..<(at + 3), with: [0xE9]) }  // é in Latin-1, alone
        let why = Self.problem(bad)
        #expect(why == "le XML de la feuille est cassé vers la ligne 2 (texte qui n'est pas de l'UTF-8 valide)", "\(why ?? "read")")
    }

    @Test("a shared string's index as Int reads it: a sign is allowed, a space is not")
    func sharedIndex() throws {
        #expect(try Self.rows(Self.sheet("<row><c t=\"s\"><v>+0</v></c></row>")) == ["1: A", "2: Date & heure"])
        #expect(SheetCells.integer(UnsafeBufferPointer(start: nil, count: 0)) == nil)
        for (text, value) in [("12", 12), ("-3", -3), ("+4", 4), ("9223372036854775807", Int.max)] {
            #expect(Array(text.utf8).withUnsafeBufferPointer(SheetCells.integer) == value, "\(text)")
        }
        for text in ["", "+", "1 ", "1.0", "9223372036854775808", "x1"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer(SheetCells.integer) == nil, "\(text)")
        }
    }

    @Test("whole numbers are kept as stored only when `shortest` would write them so")
    func wholeNumbers() {
        for text in ["0", "7", "-12", "123456789012345"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer(SheetCells.isWholeNumber), "\(text)")
        }
        for text in ["", "-", "-0", "007", "1.0", "1e3", "1234567890123456", "+1", " 1"] {
            #expect(!Array(text.utf8).withUnsafeBufferPointer(SheetCells.isWholeNumber), "\(text)")
        }
        // The slow path agrees where the fast one declines.
        #expect(Self.cells.text("007", type: "n", style: 0) == "7")
        #expect(Self.cells.text("1234567890123456", type: "n", style: 0) == "1234567890123456.0")
    }

    @Test("a workbook row becomes fields: trimmed, a too-long row flagged unless its extra cells are blank, the raw row quoted for rejects")
    func fields() {
        func load(_ cells: [String]) -> (texts: [String], problem: String?, raw: String) {
            var bytes: [UInt8] = []
            var ranges: [Range<Int>] = []
            for c in cells {
                let start = bytes.count
                bytes += Array(c.utf8)
                ranges.append(start..<bytes.count)
            }
            var loader = RecordLoader(encoding: .utf8, width: 2, fileIndex: [0, 2], separator: 0x3B, personal: [])
            var out: ([String], String?, String) = ([], nil, "")
            bytes.withUnsafeBufferPointer { b in
                loader.load(row: SheetRow(line: 9, bytes: b, cells: ranges)) { f in
                    out = ((0..<f.count).map { f.text($0) }, f.problem, f.raw)
                }
            }
            return out
        }
        let long = load(["a;b", " x ", " say \"hi\"\n", "z"])
        #expect(long.texts == ["a;b", "say \"hi\""])
        #expect(long.problem == "la ligne a 4 cellules mais l'en-tête en a 2")
        #expect(long.raw == "\"a;b\"; x ;\" say \"\"hi\"\"\n\";z")
        let blankTail = load(["a", "b", "\u{00A0}", "\t "])
        #expect(blankTail.problem == nil)
        #expect(blankTail.texts == ["a", "\u{00A0}"])
        #expect(load(["a"]).texts == ["a", ""])
    }

    @Test("shared strings: rich-text runs joined, phonetic runs left out, references and CDATA read; a broken part says why")
    func sharedStrings() throws {
        let sst = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <sst xmlns="u" count="4" uniqueCount="4"><si><t>Coop &amp; Un</t></si><si><r><t>Du</t></r><r><rPr><b/></rPr>\
            <t xml:space="preserve">pont </t></r><rPh sb="0" eb="1"><t>デュポン</t></rPh></si><si/><si><t><![CDATA[<a>]]>&#233;</t></si></sst>
            """
        #expect(try XLSXParts.sharedStrings(Data(sst.utf8)) == ["Coop & Un", "Dupont ", "", "<a>é"])
        #expect(throws: SheetReader.Problem(reason: "</si> ferme <t>")) {
            try XLSXParts.sharedStrings(Data("<sst><si><t>a</si></sst>".utf8))
        }
        var latin1 = Array("<sst><si><t>a</t></si><si><t>Lé</t></si></sst>".utf8)
        let e = try #require(latin1.firstIndex(of: 0xC3))
        latin1.replaceSubrange(e..<(e + 2), with: [0xE9])  // é in Latin-1
        #expect(throws: SheetReader.Problem(reason: "le texte partagé n° 2 n'est pas de l'UTF-8 valide")) {
            try XLSXParts.sharedStrings(Data(latin1))
        }
    }

    @Test("a workbook whose sheet and shared strings use a prefix, references and rich text reads as Excel writes it")
    func rewrittenWorkbook() throws {
        let inputs = XLSXInputTests()
        let dir = try TemporaryDirectory()
        let path = try inputs.registrationsWorkbook(dir)  // shared strings; « Inscriptions » is sheet2
        func prefixed(_ xml: String) -> String {
            xml.replacingOccurrences(of: "</", with: "</x:")
                .replacingOccurrences(of: "<(?![/?!])", with: "<x:", options: .regularExpression)
                .replacingOccurrences(of: " xmlns=", with: " xmlns:x=")
        }
        let sheet = try inputs.rewritten(path, in: dir, sheet: "xl/worksheets/sheet2.xml", prefixed)
        let both = try inputs.rewritten(sheet, in: dir, sheet: "xl/sharedStrings.xml") { xml in
            prefixed(
                xml.replacingOccurrences(of: "<t>Coop Un</t>", with: "<r><t>Coop</t></r><r><t xml:space=\"preserve\"> &#x55;n</t></r>")
                    .replacingOccurrences(of: "<t>p2</t>", with: "<t>p&#50;</t><rPh sb=\"0\" eb=\"1\"><t>ignored</t></rPh>"))
        }
        func part(_ name: String) throws -> String {
            let archive = try Archive(url: URL(fileURLWithPath: both), accessMode: .read)
            var data = Data()
            _ = try archive.extract(try #require(archive[name])) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        #expect(try part("xl/worksheets/sheet2.xml").contains("<x:row"))
        let strings = try part("xl/sharedStrings.xml")
        #expect(strings.contains("<x:si>") && strings.contains("&#x55;n") && strings.contains("p&#50;"))
        let t = try inputs.table(both)
        let r = try inputs.rows(t)
        #expect(r.map(\.line) == [2, 3, 5])
        let cooperative = try #require(t.columns.firstIndex(of: "cooperative"))
        let participant = try #require(t.columns.firstIndex(of: "participant_id"))
        let registered = try #require(t.columns.firstIndex(of: "registered_at"))
        #expect(r.map { $0.values[cooperative] } == ["Coop Un", "Coop Un", "Coop Un"])
        #expect(r.map { $0.values[participant] } == ["p1", "p2", "p3"])
        #expect(r[0].values[registered] == "2021-12-01")
    }
}
