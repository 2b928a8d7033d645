import Foundation
import Testing

@testable import CoopReport

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The byte-level XML tokenizer: well-formed XML in its odd but valid forms reads as XML
/// means it, wherever the input is cut; what is not well-formed, or refused, says why.
@Suite("XML scanner")
struct XMLScannerTests {
    /// The tokens of `xml` as text — `<local a=v …>` (values decoded), `</local>`, `"text"`
    /// (consecutive pieces joined, only inside the root) — with the input handed over in
    /// two parts cut at `split` (whole when nil). A malformed document ends in `!why`.
    /// `asParser`: as `XMLParser` reports them, attributes by name and `<a/>` as `<a></a>`.
    static func tokens(_ xml: String, split: Int? = nil, asParser: Bool = false) -> [String] {
        let all = Array(xml.utf8)
        let cut = min(split ?? all.count, all.count)
        var buffer = Array(all[..<cut])
        var final = split == nil || cut == all.count
        var scanner = XMLScanner()
        var out: [String] = []
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty { out.append("\"" + String(decoding: text, as: UTF8.self) + "\"") }
            text = []
        }
        while true {
            let more = buffer.withUnsafeBufferPointer { b -> Bool in
                while true {
                    let token = scanner.next(in: b, final: final)
                    switch token {
                    case .start(let local, let selfClosing):
                        flush()
                        var attributes = scanner.attributes.map { a -> String in
                            var value: [UInt8] = []
                            XMLScanner.appendValue(b, a, to: &value)
                            return " " + XMLScanner.string(b, a.name) + "=" + String(decoding: value, as: UTF8.self)
                        }
                        let name = XMLScanner.string(b, local)
                        if asParser { attributes.sort() }
                        out.append("<" + name + attributes.joined() + (selfClosing && !asParser ? "/>" : ">"))
                        if selfClosing && asParser { out.append("</" + name + ">") }
                    case .end(let local):
                        flush()
                        out.append("</" + XMLScanner.string(b, local) + ">")
                    case .text(let range, let plain):
                        if scanner.depth > 0 { XMLScanner.appendText(b, range, plain: plain, to: &text) }
                    case .cdata(let range): XMLScanner.appendLiteral(b, range, to: &text)
                    case .needMore: return true
                    case .finished:
                        flush()
                        return false
                    case .malformed(let why):
                        flush()
                        out.append("!" + why)
                        return false
                    }
                }
            }
            guard more else { return out }
            guard !final else {
                out.append("!needMore at the end")
                return out
            }
            buffer = Array(buffer[scanner.position...]) + all[cut...]
            scanner.position = 0
            final = true
        }
    }

    @Test("odd but valid XML: prefixes, quotes, spaces around =, references, CR LF, CDATA, comments, a byte order mark")
    func oddButValid() {
        let xml =
            "\u{FEFF}<?xml version=\"1.0\" encoding='utf-8' standalone=\"yes\"?>\n<!-- a <comment> -->\n"
            + "<x:ws xmlns:x=\"urn:x\"><x:c  t = 's'\tr=\"A1\" s='2'/>"
            + "<t xml:space=\"preserve\"> a &amp; b &lt;&gt;&quot;&apos; &#233;&#xE9;&#x1F600; </t>"
            + "<t>l1\r\nl2\rl3</t><t><![CDATA[<b>&amp;</b>\r\n]]></t><?pi data?><v a=\"x>y\" b=\"1&#10;2\t3\r\n4\"/></x:ws>\n"
        let expected = [
            "<ws xmlns:x=urn:x>", "<c t=s r=A1 s=2/>",
            "<t xml:space=preserve>", "\" a & b <>\"' éé\u{1F600} \"", "</t>",
            "<t>", "\"l1\nl2\nl3\"", "</t>",
            "<t>", "\"<b>&amp;</b>\n\"", "</t>",
            "<v a=x>y b=1\n2 3 4/>", "</ws>",
        ]
        #expect(Self.tokens(xml) == expected)
    }

    @Test("the input cut anywhere reads the same: tags, references, CR LF, comments and CDATA across the cut")
    func cutAnywhere() {
        let xml =
            "<?xml version=\"1.0\"?><!-- c - d --><a><b k=\"v&amp;w\" j='2'>x&#233;y\r\nz<![CDATA[q]]r]]></b>"
            + "<?p ?><c/> <d:e/></a>\n"
        let whole = Self.tokens(xml)
        #expect(!whole.contains { $0.hasPrefix("!") }, "\(whole)")
        #expect(whole.contains("\"xéy\nzq]]r\""), "\(whole)")
        for split in 0...xml.utf8.count {
            #expect(Self.tokens(xml, split: split) == whole, "cut at \(split)")
        }
    }

    @Test(
        "not well-formed, or refused: each says why",
        arguments: [
            ("<a><b></a>", "</a> ferme <b>"),
            ("<a>", "avant que l'élément <a> soit fermé"),
            ("<a>x", "avant que l'élément <a> soit fermé"),
            ("<a></b>", "</b> ferme <a>"),
            ("</a>", "sans ouvrante"),
            ("<a/><b/>", "un second élément racine"),
            ("<a/>text", "du texte après l'élément racine"),
            ("<a>&nbsp;</a>", "référence « &nbsp… » inconnue"),
            ("<a>&#0;</a>", "inconnue ou invalide"),
            ("<a>&#xD800;</a>", "inconnue ou invalide"),
            ("<a>&amp</a>", "inconnue ou invalide"),
            ("<a>\u{01}</a>", "caractère de contrôle U+0001"),
            ("<a b=\"1\" b=\"2\"/>", "attribut « b » répété"),
            ("<a b=1/>", "valeur d'attribut sans guillemets"),
            ("<a b=\"1\"c=\"2\"/>", "attribut mal formé"),
            ("<a b=\"<\"/>", "« < » dans une valeur d'attribut"),
            ("<a b/>", "attribut sans valeur"),
            ("<a><!-- x </a>", "commentaire non fermé"),
            ("<a><!-- x -- y --></a>", "« -- » dans un commentaire"),
            ("<a><![CDATA[x</a>", "section CDATA non fermée"),
            ("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>", "DOCTYPE"),
            ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>", "déclaré en « ISO-8859-1 »"),
            ("\u{FEFF}", "aucun élément"),
            ("<a><1/></a>", "« < » qui n'ouvre pas une balise"),
            ("<a", "balise tronquée"),
            ("", "aucun élément"),
        ])
    func malformed(xml: String, why: String) {
        let last = Self.tokens(xml).last ?? ""
        #expect(last.hasPrefix("!") && last.contains(why), "\(xml): \(last)")
        // Cut anywhere, the same verdict.
        for split in 0...xml.utf8.count {
            #expect(Self.tokens(xml, split: split).last == last, "\(xml) cut at \(split)")
        }
    }

    @Test("UTF-16 is refused at once")
    func utf16() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        bytes += Array("<a/>".utf8).flatMap { [$0, 0] }
        let tokens = bytes.withUnsafeBufferPointer { b -> XMLScanner.Token in
            var scanner = XMLScanner()
            return scanner.next(in: b, final: true)
        }
        #expect(tokens == .malformed("XML en UTF-16, seul l'UTF-8 est lu"))
    }

    @Test("a tag that never closes stops at the longest tag admitted instead of growing")
    func longestTag() {
        let bytes = Array("<a b=\"".utf8) + [UInt8](repeating: 0x78, count: XMLScanner.longestTag)
        let token = bytes.withUnsafeBufferPointer { b -> XMLScanner.Token in
            var scanner = XMLScanner()
            return scanner.next(in: b, final: false)
        }
        #expect(token == .malformed("une balise de plus de \(XMLScanner.longestTag) octets"))
    }

    /// `XMLParser`'s (libxml2's) events in the same form as `tokens`, for the comparison.
    private final class Events: NSObject, XMLParserDelegate {
        var out: [String] = []
        var text = ""
        func flush() {
            if !text.isEmpty { out.append("\"" + text + "\"") }
            text = ""
        }
        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            flush()
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            out.append("<" + local + attributes.map { " \($0.key)=\($0.value)" }.sorted().joined() + ">")
        }
        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            flush()
            out.append("</" + (elementName.split(separator: ":").last.map(String.init) ?? elementName) + ">")
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) { text += String(decoding: CDATABlock, as: UTF8.self) }
    }

    @Test("the same elements, attributes and texts as XMLParser (libxml2) on odd but valid sheets")
    func sameAsXMLParser() {
        let documents = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<worksheet xmlns=\"u\" xmlns:r=\"v\"><sheetData><row r=\"1\" spans=\"1:2\">"
                + "<c r=\"A1\" t=\"inlineStr\"><is><r><rPr><b/></rPr><t>Gras</t></r><r><t xml:space=\"preserve\"> et &amp; </t></r>"
                + "<rPh sb=\"0\" eb=\"1\"><t>フリ</t></rPh></is></c><c r=\"B1\" s=\"3\"><f>A1*2</f><v>4.5</v></c></row></sheetData></worksheet>",
            "<x:worksheet xmlns:x='u'>\n  <x:sheetData>\n    <x:row>\n      <x:c t='b'><x:v>1</x:v></x:c>\n"
                + "      <x:c t='e'><x:v>#N/A</x:v></x:c><x:c t='str'><x:f>\"a\"&amp;\"b\"</x:f><x:v>ab</x:v></x:c>\n"
                + "    </x:row>\n  </x:sheetData>\n</x:worksheet>",
            "<sst xmlns=\"u\" count=\"3\" uniqueCount=\"3\"><si><t>Coopérative d'Hlm n° 1</t></si><si><t>a&#xA;b&#13;&#10;c\r\nd</t></si>"
                + "<si><r><t>x</t></r><r><rPr><sz val=\"11\"/></rPr><t>&#x1F600;&lt;&gt;</t></r></si></sst>",
            "<a b='&quot;&apos;' c=\"&#9;\t\"><![CDATA[ <not a tag> ]]><!-- gone --><?pi gone?>&#65;</a>",
        ]
        for xml in documents {
            let events = Events()
            let parser = XMLParser(data: Data(xml.utf8))
            parser.delegate = events
            #expect(parser.parse(), "\(xml)")
            events.flush()
            #expect(Self.tokens(xml, asParser: true) == events.out, "\(xml)")
        }
    }
}
