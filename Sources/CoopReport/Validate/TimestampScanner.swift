/// Reads a date or date-time from UTF-8 bytes without building substrings (see
/// `ValueParser.timestamp` for the shapes accepted).
struct TimestampScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private var atEnd: Bool { i >= bytes.count }
    private func peek(_ offset: Int = 0) -> UInt8? { i + offset < bytes.count ? bytes[i + offset] : nil }

    /// Digits at the cursor, at least `min` and at most `max` of them.
    private mutating func number(min: Int, max: Int) -> Int? {
        var value = 0
        var count = 0
        while count < max, let b = peek(), b >= 0x30, b <= 0x39 {
            value = value * 10 + Int(b - 0x30)
            count += 1
            i += 1
        }
        return count >= min ? value : nil
    }

    private mutating func eat(_ c: UInt8) -> Bool {
        guard peek() == c else { return false }
        i += 1
        return true
    }

    private mutating func skipSpaces() { while peek() == 0x20 { i += 1 } }

    mutating func parse() -> Timestamp? {
        skipSpaces()
        guard let day = date() else { return nil }
        skipSpaces()
        if atEnd { return Timestamp(day: day) }
        _ = eat(UInt8(ascii: "T"))
        skipSpaces()
        guard let seconds = time() else { return nil }
        return Timestamp(day: day, secondsOfDay: seconds)
    }

    /// `YYYY-MM-DD`, `DD/MM/YYYY` or `YYYY/MM/DD`.
    private mutating func date() -> Day? {
        let start = i
        guard let first = number(min: 1, max: 4) else { return nil }
        let firstWidth = i - start
        if firstWidth == 4, eat(UInt8(ascii: "-")) {
            guard i - start == 5, let m = number(min: 2, max: 2), eat(UInt8(ascii: "-")), let d = number(min: 2, max: 2) else { return nil }
            return Day(year: first, month: m, day: d)
        }
        guard eat(UInt8(ascii: "/")) else { return nil }
        if firstWidth == 4 {
            guard let m = number(min: 1, max: 2), eat(UInt8(ascii: "/")), let d = number(min: 1, max: 2) else { return nil }
            return Day(year: first, month: m, day: d)
        }
        guard firstWidth <= 2, let m = number(min: 1, max: 2), eat(UInt8(ascii: "/")) else { return nil }
        let yearStart = i
        guard let y = number(min: 4, max: 4), i - yearStart == 4 else { return nil }
        if let b = peek(), b >= 0x30, b <= 0x39 { return nil }
        return Day(year: y, month: m, day: first)
    }

    /// `H:MM[:SS[.fff]]` then an optional `Z`/offset, ` AM`/` PM` and ` UTC±N`/` GMT±N`.
    private mutating func time() -> Int? {
        guard var h = number(min: 1, max: 2), eat(UInt8(ascii: ":")), let m = number(min: 2, max: 2) else { return nil }
        var s = 0
        if eat(UInt8(ascii: ":")) {
            guard let sec = number(min: 2, max: 2) else { return nil }
            s = sec
            if eat(UInt8(ascii: ".")) { guard number(min: 1, max: 9) != nil else { return nil } }
        }
        if !eat(UInt8(ascii: "Z")), let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            i += 1
            guard offset() else { return nil }
        }
        skipSpaces()
        if let a = peek(), a | 0x20 == UInt8(ascii: "a") || a | 0x20 == UInt8(ascii: "p"), peek(1).map({ $0 | 0x20 }) == UInt8(ascii: "m") {
            guard (1...12).contains(h) else { return nil }
            h = h % 12 + (a | 0x20 == UInt8(ascii: "p") ? 12 : 0)
            i += 2
            skipSpaces()
        }
        if let z = peek(), z == UInt8(ascii: "U") || z == UInt8(ascii: "G") {
            let word = Array(bytes[i..<min(i + 3, bytes.count)])
            guard word == Array("UTC".utf8) || word == Array("GMT".utf8) else { return nil }
            i += 3
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                i += 1
                guard offset() else { return nil }
            }
        }
        skipSpaces()
        guard atEnd, h < 24, m < 60, s < 60 else { return nil }
        return h * 3600 + m * 60 + s
    }

    /// `1`, `02`, `02:00`, `0200` after a sign.
    private mutating func offset() -> Bool {
        guard number(min: 1, max: 4) != nil else { return false }
        if eat(UInt8(ascii: ":")) { return number(min: 2, max: 2) != nil }
        return true
    }
}

extension TimestampScanner {
    /// A date column of a row: no date when empty, the date read, or why the row cannot
    /// be used (both validators' date check).
    static func field(_ bytes: UnsafeBufferPointer<UInt8>, column: String) -> Result<StoredTimestamp, RowRejection> {
        if bytes.isEmpty { return .success(.none) }
        var scanner = TimestampScanner(bytes: bytes)
        guard let t = scanner.parse() else {
            let text = String(decoding: bytes, as: UTF8.self)
            return .failure(
                RowRejection(
                    column: column,
                    "\(quoted(text)) n'est pas une date (attendu : AAAA-MM-JJ, JJ/MM/AAAA, JJ/MM/AAAA HH:MM ou une date-heure ISO)",
                    value: text))
        }
        return .success(StoredTimestamp(t))
    }
}
