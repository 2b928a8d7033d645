/// A byte-level XML tokenizer for the parts of a workbook that are read in bulk — a
/// sheet's rows and the shared strings — made for speed (docs/decisions.md, « .xlsx
/// inputs »: Foundation's `XMLParser` made a String and a dictionary per element and read
/// 15,000 rows a second). It hands out start tags (their attributes in `attributes`), end
/// tags and text as ranges of the buffer, without making a String, and checks what makes
/// the document well-formed for the reader: tags nested and closed, attributes quoted and
/// not repeated, entity and character references valid, no control character, one root.
///
/// Like `CSVScanner`, it reads a buffer that may hold only part of the input: a tag that
/// runs past the buffer's end is left for the next call (`needMore`); comments, processing
/// instructions and text are read on across buffers, so only a tag is ever carried over,
/// and no tag may be longer than `longestTag`. What it refuses, with a French reason: a
/// DOCTYPE (entities of its own, which Excel never writes and which are a way to blow
/// up memory), an encoding other than UTF-8 (Excel always writes UTF-8), a reference to an
/// undeclared entity. UTF-8 is checked by the readers, on the text they keep.
struct XMLScanner {
    /// A start tag's attribute, as ranges of the buffer.
    struct Attribute {
        /// The qualified name (`r`, `xml:space`).
        var name: Range<Int>
        /// The name after its prefix (`space` for `xml:space`).
        var local: Range<Int>
        /// The value between its quotes, as written.
        var value: Range<Int>
        /// The value has no reference and no tab or line break: its bytes are its text.
        var plain: Bool
    }

    enum Token: Equatable {
        /// A start tag; `selfClosing` for `<c/>`. Its attributes are in `attributes`.
        case start(local: Range<Int>, selfClosing: Bool)
        /// An end tag.
        case end(local: Range<Int>)
        /// Character data; unless `plain` (no reference, no carriage return), to be read
        /// with `appendText`. A text may come in several pieces.
        case text(Range<Int>, plain: Bool)
        /// The content of a CDATA section, read with `appendLiteral`; maybe in pieces.
        case cdata(Range<Int>)
        /// The buffer ends inside a tag: call again from `position` with more bytes.
        case needMore
        /// The document is complete.
        case finished
        /// Not well-formed, or refused: why, in French.
        case malformed(String)
    }

    /// The longest tag read (8 MiB): far past any tag a sheet has, short of what a
    /// tag that never closes would make the reader hold.
    static let longestTag = 8 << 20

    /// Where the next token starts in the buffer.
    var position = 0
    /// The attributes of the last start tag.
    var attributes: ArraySlice<Attribute> { attributeStore[..<attributeCount] }
    /// Reused from tag to tag: only the first `attributeCount` are the last tag's.
    private var attributeStore: [Attribute] = []
    private var attributeCount = 0

    private enum Mode { case content, comment, instruction, cdata }
    private var mode = Mode.content
    private var prologChecked = false
    /// The qualified names of the open elements, end to end in the first `openLength`
    /// bytes, and where each starts.
    private var openNames: [UInt8] = []
    private var openLength = 0
    private var openStarts: [Int] = []
    private var rootSeen = false

    init() {
        attributeStore.reserveCapacity(8)
        openNames.reserveCapacity(64)
        openStarts.reserveCapacity(8)
    }

    /// How many elements are open.
    var depth: Int { openStarts.count }

    private static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), amp = UInt8(ascii: "&"), slash = UInt8(ascii: "/")
    private static let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), tab = UInt8(ascii: "\t"), space = UInt8(ascii: " ")
    private static let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), equals = UInt8(ascii: "=")
    private static let bang = UInt8(ascii: "!"), question = UInt8(ascii: "?"), colon = UInt8(ascii: ":")
    private static let semicolon = UInt8(ascii: ";"), bracket = UInt8(ascii: "]"), dash = UInt8(ascii: "-")

    /// Sets of bytes below 64, one bit each: white space (space, LF, tab, CR); what ends a
    /// name (white space and `> / = < " '`); what stops a text's plain run (`<`, `&` and
    /// the control characters).
    private static let spaces: UInt64 = 0x1_0000_2600, nameEnds: UInt64 = 0x7000_8085_0000_2600
    private static let textStops: UInt64 = 0x1000_0040_FFFF_FFFF

    @inline(__always) private static func isIn(_ set: UInt64, _ b: UInt8) -> Bool { b < 64 && (set >> b) & 1 != 0 }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { isIn(spaces, b) }

    /// Whether `b` ends a name (`<c r=`, `</row>`, `<row/>`).
    @inline(__always) private static func endsName(_ b: UInt8) -> Bool { isIn(nameEnds, b) }

    /// The next token of `bytes` from `position`. Unless the buffer is `final`, a tag that
    /// runs to its end is left whole for the next call, with more bytes after it.
    mutating func next(in bytes: UnsafeBufferPointer<UInt8>, final: Bool) -> Token {
        let end = bytes.count
        if !prologChecked {
            if let token = prolog(bytes, final: final) { return token }
        }
        while true {
            switch mode {
            case .content: break
            case .comment, .instruction:
                if let token = skip(bytes, final: final) { return token }
                continue
            case .cdata: return cdata(bytes, final: final)
            }
            guard position < end else {
                guard final else { return .needMore }
                if let open = openName(openStarts.count - 1) {
                    return .malformed("la fin arrive avant que l'élément <\(open)> soit fermé (fichier tronqué)")
                }
                return rootSeen ? .finished : .malformed("aucun élément")
            }
            if bytes[position] != Self.lt { return text(bytes, final: final) }
            guard position + 1 < end else { return final ? .malformed("balise tronquée à la fin") : .needMore }
            switch bytes[position + 1] {
            case Self.slash: return endTag(bytes, final: final)
            case Self.question:
                mode = .instruction
                position += 2
            case Self.bang:
                if let token = markup(bytes, final: final) { return token }
            default: return startTag(bytes, final: final)
            }
        }
    }

    /// At the start: a UTF-8 byte order mark is passed over; UTF-16 or a declared encoding
    /// other than UTF-8 is refused. Nil once checked.
    private mutating func prolog(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) -> Token? {
        let end = bytes.count
        if !final && end - position < 6 { return .needMore }
        if end - position >= 2,
            (bytes[position] == 0xFE && bytes[position + 1] == 0xFF) || (bytes[position] == 0xFF && bytes[position + 1] == 0xFE)
        {
            return .malformed("XML en UTF-16, seul l'UTF-8 est lu")
        }
        if end - position >= 3, bytes[position] == 0xEF, bytes[position + 1] == 0xBB, bytes[position + 2] == 0xBF { position += 3 }
        // The declaration `<?xml version="1.0" encoding="UTF-8"?>`, whole in its first 4 kB.
        let start = position
        guard Self.hasPrefix("<?xml", bytes, at: start), start + 5 < end, Self.isSpace(bytes[start + 5]) else {
            prologChecked = true
            return nil
        }
        guard
            let close = Self.find(Self.question, Self.gt, in: UnsafeBufferPointer(rebasing: bytes[..<min(end, start + 4096)]), from: start)
        else {
            if !final && end - start < 4096 { return .needMore }
            return .malformed("déclaration XML non fermée")
        }
        prologChecked = true
        let declaration = String(decoding: bytes[(start + 5)..<close], as: UTF8.self)
        guard let encoding = Self.pseudoAttribute("encoding", in: declaration) else { return nil }
        guard ["utf-8", "utf8", "us-ascii", "ascii"].contains(encoding.lowercased()) else {
            return .malformed("XML déclaré en « \(encoding) », seul l'UTF-8 est lu")
        }
        return nil
    }

    /// `encoding="…"` in an XML declaration.
    private static func pseudoAttribute(_ name: String, in declaration: String) -> String? {
        guard let key = declaration.range(of: name) else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let q = rest.first, q == "\"" || q == "'" else { return nil }
        return rest.dropFirst().prefix { $0 != q }.description
    }

    private func openName(_ k: Int) -> String? {
        guard k >= 0 && k < openStarts.count else { return nil }
        let upper = k + 1 < openStarts.count ? openStarts[k + 1] : openLength
        return String(decoding: openNames[openStarts[k]..<upper], as: UTF8.self)
    }

    /// Character data up to the next `<` (or the buffer's end, keeping a reference or a
    /// carriage return that may go on in the next bytes).
    private mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) -> Token {
        let end = bytes.count
        var i = position
        var plain = true
        var blank = true
        while i < end {
            let b = bytes[i]
            if !Self.isIn(Self.textStops, b) {
                if blank && b != Self.space { blank = false }
                i += 1
                continue
            }
            if b == Self.lt { break }
            if b < 0x20 {
                if b == Self.cr {
                    plain = false
                } else if b != Self.lf && b != Self.tab {
                    return .malformed("caractère de contrôle U+\(Self.hex(UInt32(b))) dans le texte")
                }
            } else if b == Self.amp {
                plain = false
                blank = false
                switch Self.reference(bytes, at: i) {
                case .some(let length) where length > 0: i += length
                case .some: return .malformed(Self.badReference(bytes, at: i))
                case .none:
                    if final { return .malformed(Self.badReference(bytes, at: i)) }
                    return piece(from: position, to: i, plain: false)
                }
                continue
            }
            i += 1
        }
        if !blank && openStarts.isEmpty {
            return .malformed(rootSeen ? "du texte après l'élément racine" : "du texte avant l'élément racine")
        }
        // A carriage return at the end may be the first half of CR LF, one line break.
        if i == end && !final && bytes[i - 1] == Self.cr { return piece(from: position, to: i - 1, plain: plain) }
        return piece(from: position, to: i, plain: plain)
    }

    private mutating func piece(from start: Int, to stop: Int, plain: Bool) -> Token {
        guard stop > start else { return .needMore }
        position = stop
        return .text(start..<stop, plain: plain)
    }

    /// `<!--`, `<![CDATA[`; a DOCTYPE or any other `<!` is refused.
    private mutating func markup(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) -> Token? {
        let end = bytes.count
        if Self.hasPrefix("<!--", bytes, at: position) {
            mode = .comment
            position += 4
            return nil
        }
        if Self.hasPrefix("<![CDATA[", bytes, at: position) {
            guard !openStarts.isEmpty else { return .malformed("une section CDATA hors de l'élément racine") }
            mode = .cdata
            position += 9
            return nil
        }
        if end - position < 9 && !final { return .needMore }
        if Self.hasPrefix("<!DOCTYPE", bytes, at: position) {
            return .malformed("une déclaration DOCTYPE, qu'un classeur n'a pas (elle pourrait définir des entités)")
        }
        return .malformed("« <! » inattendu")
    }

    /// Passes over a comment (to `-->`, with no other `--` in it) or a processing
    /// instruction (to `?>`), across buffers.
    private mutating func skip(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) -> Token? {
        let comment = mode == .comment
        let end = bytes.count
        var i = position
        if comment {
            while i + 2 < end {
                if bytes[i] == Self.dash && bytes[i + 1] == Self.dash {
                    guard bytes[i + 2] == Self.gt else { return .malformed("« -- » dans un commentaire") }
                    position = i + 3
                    mode = .content
                    return nil
                }
                i += 1
            }
        } else {
            while i + 1 < end {
                if bytes[i] == Self.question && bytes[i + 1] == Self.gt {
                    position = i + 2
                    mode = .content
                    return nil
                }
                i += 1
            }
        }
        if final { return .malformed(comment ? "commentaire non fermé (« --> » manquant)" : "instruction non fermée (« ?> » manquant)") }
        position = max(position, end - 2)
        return .needMore
    }

    /// The content of a CDATA section, up to `]]>`, in pieces across buffers.
    private mutating func cdata(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) -> Token {
        let end = bytes.count
        var i = position
        while i < end {
            let b = bytes[i]
            if b == Self.bracket && i + 2 < end && bytes[i + 1] == Self.bracket && bytes[i + 2] == Self.gt {
                let start = position
                position = i + 3
                mode = .content
                return .cdata(start..<i)
            }
            if b < 0x20 && b != Self.cr && b != Self.lf && b != Self.tab {
                return .malformed("caractère de contrôle U+\(Self.hex(UInt32(b))) dans le texte")
            }
            i += 1
        }
        if final { return .malformed("section CDATA non fermée (« ]]> » manquant)") }
        // `]]` or a carriage return at the end may go on in the next bytes.
        var stop = max(position, end - 2)
        if stop > position && bytes[stop - 1] == Self.cr { stop -= 1 }
        guard stop > position else { return .needMore }
        let start = position
        position = stop
        return .cdata(start..<stop)
    }

    /// A tag that does not end in the buffer: more bytes, unless it is too long or the input ends.
    private func unfinishedTag(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) -> Token {
        if final { return .malformed("balise tronquée à la fin") }
        if bytes.count - position > Self.longestTag { return .malformed("une balise de plus de \(Self.longestTag) octets") }
        return .needMore
    }

    /// `</name>`: it must close the element opened last.
    private mutating func endTag(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) -> Token {
        let end = bytes.count
        let nameStart = position + 2
        var i = nameStart
        while i < end && !Self.endsName(bytes[i]) { i += 1 }
        let nameEnd = i
        while i < end && Self.isSpace(bytes[i]) { i += 1 }
        guard i < end else { return unfinishedTag(bytes, final: final) }
        guard bytes[i] == Self.gt, nameEnd > nameStart else { return .malformed("balise fermante mal formée") }
        guard let top = openStarts.last else {
            return .malformed("balise fermante </\(Self.string(bytes, nameStart..<nameEnd))> sans ouvrante")
        }
        let count = nameEnd - nameStart
        var same = openLength - top == count
        if same {
            for k in 0..<count where openNames[top + k] != bytes[nameStart + k] {
                same = false
                break
            }
        }
        guard same else {
            return .malformed("</\(Self.string(bytes, nameStart..<nameEnd))> ferme <\(openName(openStarts.count - 1) ?? "?")>")
        }
        openLength = top
        openStarts.removeLast()
        position = i + 1
        return .end(local: Self.local(bytes, nameStart..<nameEnd))
    }

    /// `<name a="v" b='w'>` or `<name/>`, its attributes into `attributes`.
    private mutating func startTag(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) -> Token {
        let end = bytes.count
        let nameStart = position + 1
        var i = nameStart
        while i < end && !Self.endsName(bytes[i]) { i += 1 }
        guard i < end else { return unfinishedTag(bytes, final: final) }
        let nameEnd = i
        guard nameEnd > nameStart, Self.startsName(bytes[nameStart]) else { return .malformed("« < » qui n'ouvre pas une balise") }
        attributeCount = 0
        var selfClosing = false
        while true {
            let spaced = i < end && Self.isSpace(bytes[i])
            while i < end && Self.isSpace(bytes[i]) { i += 1 }
            guard i < end else { return unfinishedTag(bytes, final: final) }
            let b = bytes[i]
            if b == Self.gt {
                i += 1
                break
            }
            if b == Self.slash {
                guard i + 1 < end else { return unfinishedTag(bytes, final: final) }
                guard bytes[i + 1] == Self.gt else { return .malformed("« / » inattendu dans une balise") }
                selfClosing = true
                i += 2
                break
            }
            guard spaced, Self.startsName(b) else {
                return .malformed("attribut mal formé dans <\(Self.string(bytes, nameStart..<nameEnd))>")
            }
            // name = "value"
            let attributeStart = i
            while i < end && !Self.endsName(bytes[i]) { i += 1 }
            let attributeEnd = i
            while i < end && Self.isSpace(bytes[i]) { i += 1 }
            guard i < end else { return unfinishedTag(bytes, final: final) }
            guard bytes[i] == Self.equals else {
                return .malformed("attribut sans valeur dans <\(Self.string(bytes, nameStart..<nameEnd))>")
            }
            i += 1
            while i < end && Self.isSpace(bytes[i]) { i += 1 }
            guard i < end else { return unfinishedTag(bytes, final: final) }
            let q = bytes[i]
            guard q == Self.quote || q == Self.apostrophe else { return .malformed("valeur d'attribut sans guillemets") }
            let valueStart = i + 1
            i = valueStart
            var plain = true
            while i < end && bytes[i] != q {
                let c = bytes[i]
                if !Self.isIn(Self.textStops, c) {
                    i += 1
                    continue
                }
                if c == Self.lt { return .malformed("« < » dans une valeur d'attribut") }
                if c < 0x20 {
                    guard c == Self.cr || c == Self.lf || c == Self.tab else {
                        return .malformed("caractère de contrôle U+\(Self.hex(UInt32(c))) dans une valeur d'attribut")
                    }
                    plain = false
                } else if c == Self.amp {
                    plain = false
                    switch Self.reference(bytes, at: i) {
                    case .some(let length) where length > 0:
                        i += length
                        continue
                    case .some: return .malformed(Self.badReference(bytes, at: i))
                    case .none: return unfinishedTag(bytes, final: final)
                    }
                }
                i += 1
            }
            guard i < end else { return unfinishedTag(bytes, final: final) }
            let name = attributeStart..<attributeEnd
            for k in 0..<attributeCount where Self.same(bytes, attributeStore[k].name, name) {
                return .malformed("attribut « \(Self.string(bytes, name)) » répété dans <\(Self.string(bytes, nameStart..<nameEnd))>")
            }
            let attribute = Attribute(name: name, local: Self.local(bytes, name), value: valueStart..<i, plain: plain)
            if attributeCount < attributeStore.count {
                attributeStore[attributeCount] = attribute
            } else {
                attributeStore.append(attribute)
            }
            attributeCount += 1
            i += 1
        }
        guard !(openStarts.isEmpty && rootSeen) else { return .malformed("un second élément racine") }
        rootSeen = true
        if !selfClosing {
            openStarts.append(openLength)
            let count = nameEnd - nameStart
            if openNames.count < openLength + count { openNames += repeatElement(0, count: openLength + count - openNames.count) }
            for k in 0..<count { openNames[openLength + k] = bytes[nameStart + k] }
            openLength += count
        }
        position = i
        return .start(local: Self.local(bytes, nameStart..<nameEnd), selfClosing: selfClosing)
    }

    /// Whether a name may start with `b`: not a digit, `-` or `.`.
    @inline(__always) private static func startsName(_ b: UInt8) -> Bool {
        !(b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) && b != dash && b != UInt8(ascii: ".") && !endsName(b) && b != amp
            && b != bang && b != question && b != semicolon
    }

    /// The part of a qualified name after its last colon.
    @inline(__always) static func local(_ bytes: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) -> Range<Int> {
        var k = name.upperBound
        while k > name.lowerBound && bytes[k - 1] != colon { k -= 1 }
        return k..<name.upperBound
    }

    /// Whether the bytes at `range` are `word`.
    @inline(__always) static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<range.count where bytes[range.lowerBound + k] != w[k] { return false }
        return true
    }

    @inline(__always) private static func same(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        for k in 0..<a.count where bytes[a.lowerBound + k] != bytes[b.lowerBound + k] { return false }
        return true
    }

    static func hasPrefix(_ word: StaticString, _ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        return equals(bytes, i..<(i + n), word)
    }

    /// Where `a b` first occurs from `start`.
    private static func find(_ a: UInt8, _ b: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        while i + 1 < bytes.count {
            if bytes[i] == a && bytes[i + 1] == b { return i }
            i += 1
        }
        return nil
    }

    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
