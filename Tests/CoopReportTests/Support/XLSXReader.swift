import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads a written `.xlsx` back for the tests: unzips it and parses the XML parts, so
/// assertions see what Excel would see (cell types included), not what we meant to write.
struct XLSXReader {
    /// A cell as stored: its type attribute and its value.
    struct StoredCell: Equatable {
        /// `s` shared string, `str`/`inlineStr` string, `n` or nil number, `b` boolean.
        let type: String?
        /// Shared strings resolved to their text.
        let value: String
        /// The formula, when the cell has one.
        let formula: String?
        /// The style index (`s` attribute).
        let style: Int

        var isNumber: Bool { type == nil || type == "n" }
        var isText: Bool { type == "s" || type == "str" || type == "inlineStr" }
        var number: Double? { isNumber ? Double(value) : nil }
    }

    let parts: [String: Data]
    /// Sheet names in tab order.
    let sheetNames: [String]
    private let sheetPaths: [String: String]
    private let sharedStrings: [String]
    /// Number format code of each cell style index.
    let styleFormats: [Int: String]

    init(url: URL) throws {
        let archive = try Archive(url: url, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            parts[entry.path] = data
        }
        self.parts = parts
        let workbook = XMLTree.parse(parts["xl/workbook.xml"] ?? Data())
        let rels = XMLTree.parse(parts["xl/_rels/workbook.xml.rels"] ?? Data())
        var targets: [String: String] = [:]
        for r in rels.all("Relationship") { targets[r.attributes["Id"] ?? ""] = r.attributes["Target"] }
        var names: [String] = []
        var paths: [String: String] = [:]
        for s in workbook.all("sheet") {
            let name = s.attributes["name"] ?? ""
            names.append(name)
            let target = targets[s.attributes["r:id"] ?? ""] ?? ""
            paths[name] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        sheetNames = names
        sheetPaths = paths
        sharedStrings = XMLTree.parse(parts["xl/sharedStrings.xml"] ?? Data()).all("si").map { si in
            si.all("t").map(\.text).joined()
        }
        let styles = XMLTree.parse(parts["xl/styles.xml"] ?? Data())
        var codes: [Int: String] = [14: "m/d/yyyy", 9: "0%", 10: "0.00%", 1: "0", 2: "0.00"]
        for f in styles.all("numFmt") {
            if let id = Int(f.attributes["numFmtId"] ?? "") { codes[id] = f.attributes["formatCode"] }
        }
        var formats: [Int: String] = [:]
        if let cellXfs = styles.all("cellXfs").first {
            for (i, xf) in cellXfs.children.filter({ $0.name == "xf" }).enumerated() {
                formats[i] = codes[Int(xf.attributes["numFmtId"] ?? "0") ?? 0] ?? "General"
            }
        }
        styleFormats = formats
    }

    /// Every cell of a sheet by reference (`B4`).
    func cells(_ sheet: String) -> [String: StoredCell] {
        guard let path = sheetPaths[sheet], let data = parts[path] else { return [:] }
        var out: [String: StoredCell] = [:]
        for c in XMLTree.parse(data).all("c") {
            let type = c.attributes["t"]
            let raw = c.first("v")?.text ?? c.first("is")?.all("t").map(\.text).joined() ?? ""
            let value = type == "s" ? (Int(raw).flatMap { sharedStrings.indices.contains($0) ? sharedStrings[$0] : nil } ?? "") : raw
            out[c.attributes["r"] ?? ""] = StoredCell(
                type: type, value: value, formula: c.first("f")?.text,
                style: Int(c.attributes["s"] ?? "0") ?? 0)
        }
        return out
    }

    /// The sheet as rows of cells (nil where empty), from A1.
    func grid(_ sheet: String) -> [[StoredCell?]] {
        var rows: [[StoredCell?]] = []
        for (ref, cell) in cells(sheet) {
            let (r, c) = XLSXReader.position(ref)
            while rows.count <= r { rows.append([]) }
            while rows[r].count <= c { rows[r].append(nil) }
            rows[r][c] = cell
        }
        return rows
    }

    /// A sheet's XML, parsed (columns, print setup, outline).
    func sheetTree(_ sheet: String) -> XMLTree.Node {
        XMLTree.parse(sheetPaths[sheet].flatMap { parts[$0] } ?? Data())
    }

    /// A sheet's XML, as text.
    func sheetText(_ sheet: String) -> String {
        String(decoding: sheetPaths[sheet].flatMap { parts[$0] } ?? Data(), as: UTF8.self)
    }

    /// The charts' XML, as text.
    var charts: [String] {
        parts.filter { $0.key.hasPrefix("xl/charts/chart") }.sorted { $0.key < $1.key }.map { String(decoding: $0.value, as: UTF8.self) }
    }

    /// The number format of a cell's style.
    func numberFormat(_ cell: StoredCell) -> String { styleFormats[cell.style] ?? "General" }

    /// Zero-based (row, column) of `B4` → (3, 1).
    static func position(_ ref: String) -> (Int, Int) {
        var column = 0
        var digits = ""
        for ch in ref {
            if ch.isLetter, let a = ch.asciiValue { column = column * 26 + Int(a - 64) } else { digits.append(ch) }
        }
        return ((Int(digits) ?? 1) - 1, column - 1)
    }
}

/// A tiny DOM over Foundation's XMLParser, enough for the parts of an xlsx.
final class XMLTree: NSObject, XMLParserDelegate {
    final class Node {
        let name: String
        let attributes: [String: String]
        var children: [Node] = []
        var text = ""
        init(name: String, attributes: [String: String]) {
            self.name = name
            self.attributes = attributes
        }
        func all(_ name: String) -> [Node] { children.flatMap { ($0.name == name ? [$0] : []) + $0.all(name) } }
        func first(_ name: String) -> Node? { all(name).first }
    }

    private var stack: [Node] = [Node(name: "#document", attributes: [:])]

    static func parse(_ data: Data) -> Node {
        let tree = XMLTree()
        let parser = XMLParser(data: data)
        parser.delegate = tree
        parser.parse()
        return tree.stack[0]
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let node = Node(name: name, attributes: attributes)
        stack.last?.children.append(node)
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if stack.count > 1 { stack.removeLast() }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
}
