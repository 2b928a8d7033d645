/// The catalogue's sessions numbered once (programme order, then catalogue order), and
/// found from the bytes of a row's programme and session codes without making a String.
public struct SessionTable: Sendable {
    /// Every session, by number; rows refer to sessions by this number.
    public private(set) var keys: [SessionKey] = []
    /// The catalogue's session for each number (nil for a key met only in data given
    /// directly, as tests do).
    public private(set) var sessions: [Session?] = []
    /// The programme number of each session, and the session's place within it.
    public private(set) var programmeNumbers: [Int32] = []
    public private(set) var places: [Int32] = []
    /// How many programmes are numbered.
    public var programmeCount: Int { sessionCodes.count }
    /// Programme code → programme number (pool id − 1).
    private var programmeCodes = TextPool()
    /// Per programme number: session code → session number (pool id − 1 → `numbers`).
    private var sessionCodes: [TextPool] = []
    private var numbers: [[Int32]] = []

    public init(_ catalogue: Catalogue) {
        for p in catalogue.programmes where programmeCodes.lookup(p.code) == nil {
            _ = programmeCodes.intern(p.code)
            sessionCodes.append(TextPool())
            numbers.append([-1])
            for s in p.sessions { add(s.key, s) }
        }
    }

    /// The number of a session, adding the key when new.
    public mutating func number(of key: SessionKey) -> Int32 {
        if let n = find(key) { return n }
        if programmeCodes.lookup(key.programme) == nil {
            _ = programmeCodes.intern(key.programme)
            sessionCodes.append(TextPool())
            numbers.append([-1])
        }
        return add(key, nil)
    }

    @discardableResult
    private mutating func add(_ key: SessionKey, _ session: Session?) -> Int32 {
        guard let p = programmeCodes.lookup(key.programme).map({ Int($0) - 1 }) else { return -1 }
        if let id = sessionCodes[p].lookup(key.session) { return numbers[p][Int(id)] }
        let id = sessionCodes[p].intern(key.session)
        let n = Int32(keys.count)
        keys.append(key)
        sessions.append(session)
        programmeNumbers.append(Int32(p))
        places.append(id - 1)
        if numbers[p].count <= Int(id) { numbers[p].append(contentsOf: repeatElement(-1, count: Int(id) - numbers[p].count + 1)) }
        numbers[p][Int(id)] = n
        return n
    }

    /// The session number for these codes, if the key is known.
    public func find(_ key: SessionKey) -> Int32? {
        guard let p = programmeCodes.lookup(key.programme), let s = sessionCodes[Int(p) - 1].lookup(key.session) else { return nil }
        return numbers[Int(p) - 1][Int(s)]
    }

    /// The programme number for a code.
    public func programmeNumber(_ code: String) -> Int32? { programmeCodes.lookup(code).map { $0 - 1 } }

    /// The programme number for a code's bytes.
    func programme(_ code: UnsafeBufferPointer<UInt8>) -> Int? { programmeCodes.lookup(code).map { Int($0) - 1 } }

    /// The session number for a programme number and a session code's bytes.
    func session(programme p: Int, _ code: UnsafeBufferPointer<UInt8>) -> Int32? {
        sessionCodes[p].lookup(code).map { numbers[p][Int($0)] }
    }
}
