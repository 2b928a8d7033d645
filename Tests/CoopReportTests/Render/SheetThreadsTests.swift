import Foundation
import Testing
import XlsxWriter

@testable import CoopReport

@Suite("Sheets written on two cores")
struct SheetThreadsTests {
    @Test("the largest sheets go to the other core, each to the side with fewer rows; none for a small or one-sheet workbook")
    func partition() {
        // 107,000 alone on the other side; 100,000 + 500 + 20 here.
        #expect(SheetThreads.otherThread([107_000, 100_000, 500, 20]) == [0])
        // 10,000 (index 1) there; 10,000 (index 2) here; 9,000 here (the sides were even and
        // the other already had one); 5 there (it then had fewer: 10,000 against 19,000).
        #expect(SheetThreads.otherThread([5, 10_000, 10_000, 9_000]) == [0, 1])
        #expect(SheetThreads.otherThread([9_000, 9_000]) == [])  // 18,000 < 20,000
        #expect(SheetThreads.otherThread([150_000]) == [])
        #expect(SheetThreads.otherThread([3, 4], minimumRows: 0) == [1])
    }

    /// Three sheets: planned cells of every kind, generated rows (some flagged), a small one
    /// with a link; 24,002 rows in all.
    func plans() -> [SheetPlan] {
        var listed = SheetPlan(name: "Liste")
        listed.append([.text("Programme", .header), Cell(.text("Nombre"), .numberHeader), .text("Date", .header), .text("Note", .header)])
        for i in 0..<12_000 {
            listed.append([
                .text("P-\(i)"), .int(i * 3), Cell(.date(Day(daysSinceEpoch: 19_000 + i % 365))),
                i % 2 == 0 ? Cell(.note("masqué (< 3 réponses)")) : .empty,
            ])
        }
        var generated = SheetPlan(name: "Générée")
        generated.append([.text("Texte", .header), Cell(.text("Heures"), .numberHeader)])
        generated.generated = GeneratedRows(count: 12_000) { i, w in
            w.flagged = i % 7 == 0
            try w.text(0, "ligne \(i)")
            try w.hours(1, Double(i) / 2)
        }
        var small = SheetPlan(name: "Synthèse")
        small.append([Cell(.link(sheet: "Liste", text: "Voir la liste"))])
        return [small, listed, generated]
    }

    @Test("a constant-memory workbook written on two cores holds the cells and number formats of one written on one")
    func sameCells() throws {
        let dir = try TemporaryDirectory()
        let properties = WorkbookWriter.Properties(title: "t", subject: "s", author: "a", created: Date(timeIntervalSince1970: 0))
        let one = dir.path + "/one.xlsx"
        let two = dir.path + "/two.xlsx"
        // Constant-memory mode (the only one written on two cores), as at a million rows.
        try WorkbookWriter.write(plans(), properties: properties, to: one, constantMemoryRows: 0, twoCoresFrom: .max)
        try WorkbookWriter.write(plans(), properties: properties, to: two, constantMemoryRows: 0)
        let a = try XLSXReader(url: URL(fileURLWithPath: one))
        let b = try XLSXReader(url: URL(fileURLWithPath: two))
        #expect(b.sheetNames == ["Synthèse", "Liste", "Générée"])
        for sheet in a.sheetNames {
            let cellsA = a.cells(sheet)
            let cellsB = b.cells(sheet)
            #expect(cellsA.count == cellsB.count, "\(sheet)")
            for (ref, cell) in cellsA {
                let other = cellsB[ref]
                #expect(other?.value == cell.value && other?.type == cell.type, "\(sheet)!\(ref)")
                #expect(other.map { b.styleFormats[$0.style] } == a.styleFormats[cell.style], "\(sheet)!\(ref) format")
            }
        }
        // The fixture's last rows, read back from the two-core file.
        let listed = b.cells("Liste")
        let generated = b.cells("Générée")
        #expect(listed["A12001"]?.value == "P-11999")
        #expect(listed["B12001"]?.number == 35_997)
        #expect(listed["C12001"]?.number == Double(19_000 + 11_999 % 365 + 25_569))
        #expect(b.styleFormats[listed["C12001"]?.style ?? -1] == "dd/mm/yyyy")
        #expect(listed["D12000"]?.value == "masqué (< 3 réponses)")  // row 12000 holds i = 11998
        #expect(generated["A12001"]?.value == "ligne 11999")
        #expect(generated["B12001"]?.number == 5_999.5)
        // Flagged rows (i = 0, 7, …) carry another style than the others, in both files.
        #expect(generated["A2"]?.style != generated["A3"]?.style)
        #expect(generated["A9"]?.style == generated["A2"]?.style)
    }

    @Test("the archive is deflated at zlib's level 2, as minizip marks it in each part's header (« fast »)")
    func fastDeflate() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/fast.xlsx"
        var plan = SheetPlan(name: "Feuille")
        plan.append([.text("un"), .int(1)])
        try WorkbookWriter.write(
            [plan], properties: .init(title: "t", subject: "s", author: "a", created: Date(timeIntervalSince1970: 0)), to: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        // The end of the central directory (« PK\5\6 », no comment: the last 22 bytes) gives
        // the entries' count and offset; each entry (« PK\1\2 ») its flags at +8 (bits 2–1
        // are 10, « fast », for level 2; 00 for the default level) and its method at +10 (8: deflate).
        let end = bytes.count - 22
        #expect(bytes[end..<end + 4] == [0x50, 0x4B, 5, 6])
        var at = u32(end + 16)
        for part in 0..<u16(end + 10) {
            #expect(bytes[at..<at + 4] == [0x50, 0x4B, 1, 2])
            #expect(u16(at + 10) == 8, "part \(part)")
            #expect(u16(at + 8) >> 1 & 3 == 2, "part \(part): flags \(u16(at + 8))")
            at += 46 + u16(at + 28) + u16(at + 30) + u16(at + 32)
        }
        #expect(u16(end + 10) >= 8)  // content types, rels, workbook, styles, theme, the sheet, docProps…
    }
}

@Suite("Row heights of wrapped text")
struct WrappedLinesTests {
    @Test("lines of a wrapped text: its own lines, each cut every perLine characters; a CRLF is one character as in Swift")
    func byHand() {
        #expect(SheetPlan.lines("abcdef", perLine: 4) == 2)
        #expect(SheetPlan.lines("ab\ncd", perLine: 4) == 2)
        #expect(SheetPlan.lines("ab\r\ncd", perLine: 10) == 1)  // « \r\n » is one Character, not « \n »
        #expect(SheetPlan.lines("ééééé", perLine: 4) == 2)  // five characters, ten bytes
        #expect(SheetPlan.lines("", perLine: 4) == 1)
        #expect(SheetPlan.lines("\n", perLine: 4) == 2)
        #expect(SheetPlan.lines("a\n\nb", perLine: 4) == 3)
    }

    @Test("the same count as splitting the String at « \\n » and counting each part's code points")
    func againstSplit() {
        let alphabet: [String] = ["a", "b", " ", "\n", "\r", "é", "😀", "\r\n", "ß"]
        var seed: UInt64 = 42
        for _ in 0..<500 {
            var text = ""
            seed = seed &* 6_364_136_223_846_793_005 &+ 1
            for k in 0..<Int(seed >> 59) { text += alphabet[Int((seed >> UInt64(k % 50)) % UInt64(alphabet.count))] }
            for perLine in [1, 3, 7] {
                let expected = text.split(separator: "\n", omittingEmptySubsequences: false)
                    .reduce(0) { $0 + max(1, ($1.unicodeScalars.count + perLine - 1) / perLine) }
                #expect(SheetPlan.lines(text, perLine: perLine) == expected, "\(Array(text.unicodeScalars)) at \(perLine)")
            }
        }
    }
}
