/// Finds a row's session (`SessionTable` number) from what the export holds: the
/// canonical `programme` and `session` codes, the same through the job's value maps
/// (« Formation Vie Coopérative 2021-2022 » → FVC-2122), or one `event` column whose label
/// names both (« Session 1 - 10/12/2021 » → FVC-2122/S1). Both validators use it.
struct SessionLookup {
    private var recent = RecentSession()
    /// The session the last `find` found (−1: none): a rejected row is placed by it.
    private(set) var lastFound: Int32 = -1
    private let programmes: [String: String]
    private let sessions: [String: String]
    private let events: [String: SessionKey]
    /// The job's labels as written, for the nearest one in a message.
    private let programmeLabels: [String], sessionLabels: [String], eventLabels: [String]
    /// Where the `event` column is (−1: none; programme and session are read).
    let eventPosition: Int
    private var programmeMemo = WordMemo<String>()
    private var sessionMemo = WordMemo<String>()
    private var eventMemo = WordMemo<SessionKey>()
    private var nearest = NearestMemo()

    init(columns: [String], mapping: InputMapping) {
        programmes = mapping.programmes
        sessions = mapping.sessions
        events = mapping.events
        func texts(_ keys: some Collection<String>) -> [String] { keys.map { mapping.wordTexts[$0] ?? $0 }.sorted() }
        programmeLabels = texts(mapping.programmes.keys)
        sessionLabels = texts(mapping.sessions.keys)
        eventLabels = texts(mapping.events.keys)
        eventPosition = columns.firstIndex(of: "event") ?? -1
    }

    /// The distinct labels met in the mapped columns, for the job's unused entries.
    var seen: (programme: [String]?, session: [String]?, event: [String]?) { (programmeMemo.seen, sessionMemo.seen, eventMemo.seen) }

    /// The session of a row whose programme and session fields are at these positions.
    mutating func find(
        _ fields: RecordFields, programme: Int, session: Int, in table: SessionTable, catalogue: Catalogue
    ) -> Result<Int32, RowRejection> {
        let found = lookUp(fields, programme: programme, session: session, in: table, catalogue: catalogue)
        lastFound = (try? found.get()) ?? -1
        return found
    }

    private mutating func lookUp(
        _ fields: RecordFields, programme: Int, session: Int, in table: SessionTable, catalogue: Catalogue
    ) -> Result<Int32, RowRejection> {
        if eventPosition >= 0 {
            return event(fields.bytes(at: eventPosition), in: table).flatMap { n in
                agree(n, fields, programme: programme, session: session, in: table).map { .failure($0) } ?? .success(n)
            }
        }
        let programmeBytes = fields.bytes(at: programme)
        guard !programmeBytes.isEmpty else {
            return .failure(RowRejection(column: "programme", "vide ; un code de programme est attendu", value: ""))
        }
        let programmes = self.programmes
        let sessions = self.sessions
        let code = programmes.isEmpty ? nil : programmeMemo.value(programmeBytes) { programmes[TextKey.of($0)] }
        let sessionBytes = fields.bytes(at: session)
        let sessionCode = sessions.isEmpty ? nil : sessionMemo.value(sessionBytes) { sessions[TextKey.of($0)] }
        let found = Self.withBytes(code, else: programmeBytes) { p in
            Self.withBytes(sessionCode, else: sessionBytes) { s in recent.find(programme: p, session: s, in: table, catalogue: catalogue) }
        }
        guard case .failure(let why) = found else { return found }
        // Name the nearest label of the job's map, when it has one for that column.
        let labels = why.column == "programme" ? programmeLabels : sessionLabels
        let text = String(decoding: why.column == "programme" ? programmeBytes : sessionBytes, as: UTF8.self)
        guard !labels.isEmpty, let near = nearest.header(for: text, list: why.column ?? "", in: { labels }) else { return found }
        return .failure(
            RowRejection(
                column: why.column,
                why.reason + " ; libellé le plus proche dans « values.\(why.column ?? "") » du fichier de tâche : « \(near) »",
                value: why.value))
    }

    /// An `event` label: one of the job's `values.event`, naming a session of the catalogue.
    private mutating func event(_ label: UnsafeBufferPointer<UInt8>, in table: SessionTable) -> Result<Int32, RowRejection> {
        let text = String(decoding: label, as: UTF8.self)
        guard !label.isEmpty else {
            return .failure(
                RowRejection(
                    column: "event", "vide ; un libellé d'événement de « values.event » du fichier de tâche est attendu", value: ""))
        }
        let events = self.events
        guard let key = eventMemo.value(label, parse: { events[TextKey.of($0)] }) else {
            let labels = eventLabels
            let near = nearest.header(for: text, list: "event", in: { labels }).map { " (le plus proche : « \($0) »)" } ?? ""
            return .failure(
                RowRejection(
                    column: "event", "\(quoted(text)) n'est pas un libellé d'événement de « values.event » du fichier de tâche\(near)",
                    value: text))
        }
        guard let n = table.find(key) else {
            return .failure(
                RowRejection(column: "event", "\(quoted(text)) renvoie à \(key), qui n'est pas une session du catalogue", value: text))
        }
        return .success(n)
    }

    /// When the file has an `event` column and also `programme` or `session` columns, they
    /// must name the same session (through the job's maps, ignoring case and punctuation):
    /// a row whose two columns disagree cannot be placed, and is rejected saying so
    /// (docs/decisions.md, « Événement et session »).
    private func agree(
        _ n: Int32, _ fields: RecordFields, programme: Int, session: Int, in table: SessionTable
    ) -> RowRejection? {
        guard let key = table.sessions[Int(n)]?.key else { return nil }
        let event = String(decoding: fields.bytes(at: eventPosition), as: UTF8.self)
        for (column, position, map, expected) in [
            ("programme", programme, programmes, key.programme), ("session", session, sessions, key.session),
        ] where position >= 0 && fields.isFilled(at: position) {
            let text = String(decoding: fields.bytes(at: position), as: UTF8.self)
            let code = map[TextKey.of(text)] ?? text
            guard TextKey.of(code) != TextKey.of(expected) else { continue }
            return RowRejection(
                column: column,
                "\(quoted(text)) contredit l'événement \(quoted(event)), qui renvoie à \(key) ; corrigez l'une des deux colonnes (ou retirez la colonne « \(column) » du fichier si « event » fait foi)",
                value: text)
        }
        return nil
    }

    /// Calls `body` with the bytes of `text`, or with `fallback` when `text` is nil.
    private static func withBytes<T>(
        _ text: String?, else fallback: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> T
    ) -> T {
        guard var text else { return body(fallback) }
        return text.withUTF8(body)
    }
}
