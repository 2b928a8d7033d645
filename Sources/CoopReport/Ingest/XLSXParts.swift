import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The small parts of an `.xlsx` workbook, read whole: which sheets it has, its shared
/// strings, and which cell styles are dates.
enum XLSXParts {
    /// A sheet as the workbook lists it.
    struct Sheet: Equatable {
        let name: String
        /// The part holding its XML (`xl/worksheets/sheet1.xml`).
        let part: String
        /// `state="hidden"` or `"veryHidden"`: the user does not see it in Excel.
        let hidden: Bool
    }

    /// The sheets in tab order.
    static func sheets(workbook: Data, relations: Data) -> [Sheet] {
        let listed = Elements(workbook, named: ["sheet"]).found
        var targets: [String: String] = [:]
        for r in Elements(relations, named: ["Relationship"]).found {
            guard let id = r["Id"], let target = r["Target"] else { continue }
            targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        return listed.compactMap { s in
            guard let name = s["name"] else { return nil }
            let id = s["r:id"] ?? s.first { $0.key.hasSuffix(":id") }?.value
            let part = id.flatMap { targets[$0] } ?? "xl/worksheets/sheet\(s["sheetId"] ?? "1").xml"
            return Sheet(name: name, part: part, hidden: ["hidden", "veryhidden"].contains(s["state"]?.lowercased() ?? ""))
        }
    }

    /// The shared strings, in order: each `<si>`'s text runs joined (phonetic runs left
    /// out). Read with `XMLScanner`, as the sheet is: an export from Excel keeps all its
    /// texts here. Throws why (in French) when the part is not well-formed XML or its text
    /// not UTF-8.
    static func sharedStrings(_ data: Data) throws(SheetReader.Problem) -> [String] {
        guard !data.isEmpty else { return [] }
        let read = data.withUnsafeBytes { raw -> Result<[String], SheetReader.Problem> in
            let bytes = raw.bindMemory(to: UInt8.self)
            var scanner = XMLScanner()
            var strings: [String] = []
            var text: [UInt8] = []
            var reading = false
            var inPhonetic = false
            func end(_ local: Range<Int>) -> Bool {
                if XMLScanner.equals(bytes, local, "t") {
                    reading = false
                } else if XMLScanner.equals(bytes, local, "rPh") {
                    inPhonetic = false
                } else if XMLScanner.equals(bytes, local, "si") {
                    guard text.withUnsafeBufferPointer({ UTF8Check.isWellFormed($0[...]) }) else { return false }
                    strings.append(String(decoding: text, as: UTF8.self))
                }
                return true
            }
            func notUTF8() -> SheetReader.Problem {
                SheetReader.Problem(reason: "le texte partagé n° \(strings.count + 1) n'est pas de l'UTF-8 valide")
            }
            while true {
                switch scanner.next(in: bytes, final: true) {
                case .start(let local, let selfClosing):
                    if XMLScanner.equals(bytes, local, "si") {
                        text.removeAll(keepingCapacity: true)
                    } else if XMLScanner.equals(bytes, local, "t") {
                        reading = !inPhonetic
                    } else if XMLScanner.equals(bytes, local, "rPh") {
                        inPhonetic = true
                    }
                    if selfClosing && !end(local) { return .failure(notUTF8()) }
                case .end(let local): if !end(local) { return .failure(notUTF8()) }
                case .text(let range, let plain): if reading { XMLScanner.appendText(bytes, range, plain: plain, to: &text) }
                case .cdata(let range): if reading { XMLScanner.appendLiteral(bytes, range, to: &text) }
                case .finished: return .success(strings)
                case .needMore: return .failure(SheetReader.Problem(reason: "fin inattendue"))
                case .malformed(let why): return .failure(SheetReader.Problem(reason: why))
                }
            }
        }
        return try read.get()
    }

    /// Whether the workbook counts dates in the 1904 system (`<workbookPr date1904="1"/>`).
    static func isDate1904(_ workbook: Data) -> Bool {
        Elements(workbook, named: ["workbookPr"]).found.contains { ["1", "true"].contains($0["date1904"]?.lowercased() ?? "") }
    }

    /// Indices of the cell formats (`cellXfs`) whose number format shows a date (the
    /// built-in date formats, or a custom code with a day or a year in it), and of those
    /// that show a time of day or a duration without a date (`h:mm`, `[h]:mm:ss`, `mm:ss`).
    static func numberStyles(_ data: Data) -> (dates: Set<Int>, times: Set<Int>) {
        guard !data.isEmpty else { return ([], []) }
        let reader = Styles()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        _ = parser.parse()
        var dates: Set<Int> = []
        var times: Set<Int> = []
        for (i, id) in reader.formats.enumerated() {
            if builtinDates.contains(id) || reader.codes[id].map(isDateCode) == true {
                dates.insert(i)
            } else if builtinTimes.contains(id) || reader.codes[id].map(isTimeCode) == true {
                times.insert(i)
            }
        }
        return (dates, times)
    }

    /// Built-in number formats that show a time or a duration (ECMA-376 §18.8.30): 18–21
    /// (`h:mm AM/PM` … `h:mm:ss`), 45–47 (`mm:ss`, `[h]:mm:ss`, `mmss.0`).
    static let builtinTimes: Set<Int> = [18, 19, 20, 21, 45, 46, 47]

    /// A format code showing a time and no date: `h` or `s` outside quoted text, or an
    /// elapsed-time section (`[h]`, `[mm]`, `[ss]`), and no `d` or `y`.
    static func isTimeCode(_ code: String) -> Bool {
        guard !isDateCode(code) else { return false }
        var quoted = false
        var bracket: String?
        for c in code.lowercased() {
            switch c {
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = ""
            case "]" where !quoted:
                if let inside = bracket, !inside.isEmpty, inside.allSatisfy({ "hms".contains($0) }) { return true }
                bracket = nil
            case "h", "s":
                if quoted { break }
                if bracket != nil { bracket?.append(c) } else { return true }
            default: if !quoted && bracket != nil { bracket?.append(c) }
            }
        }
        return false
    }

    /// Built-in number formats that show a date (ECMA-376 §18.8.30: 14–17 and 22, and the
    /// East Asian date formats); 18–21 and 45–47 are times of day, read as numbers.
    static let builtinDates: Set<Int> = Set([14, 15, 16, 17, 22] + Array(27...31) + Array(34...36) + Array(50...58))

    /// A format code showing a date: `d` or `y` outside quoted text and `[…]` sections.
    static func isDateCode(_ code: String) -> Bool {
        var quoted = false
        var bracket = false
        for c in code.lowercased() {
            switch c {
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            case "d", "y": if !quoted && !bracket { return true }
            default: break
            }
        }
        return false
    }

    /// Every element with one of these names, as its attributes.
    private final class Elements: NSObject, XMLParserDelegate {
        let names: Set<Substring>
        var found: [[String: String]] = []

        init(_ data: Data, named names: Set<Substring>) {
            self.names = names
            super.init()
            let parser = XMLParser(data: data)
            parser.delegate = self
            _ = parser.parse()
        }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if names.contains(elementName.split(separator: ":").last ?? "") { found.append(attributes) }
        }
    }

    private final class Styles: NSObject, XMLParserDelegate {
        /// Custom number formats: id → code.
        var codes: [Int: String] = [:]
        /// `numFmtId` of each `cellXfs` entry, in order.
        var formats: [Int] = []
        private var inCellXfs = false

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            switch elementName.split(separator: ":").last ?? "" {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] { codes[id] = code }
            case "cellXfs": inCellXfs = true
            case "xf" where inCellXfs: formats.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            if elementName.split(separator: ":").last == "cellXfs" { inCellXfs = false }
        }
    }
}
