/// The distinct words an input's value column held, over all the files of a glob: a job's
/// value-map entry that none of them matches is reported (a warning, not an error: a month
/// may simply not hold that value), with the words found and the nearest one.
struct WordsSeen {
    /// Word keys (`TextKey`) → the word as first met; nil once a file had too many
    /// distinct texts in the column to tell (then nothing is reported).
    private var words: [String: String]? = [:]

    mutating func add(_ seen: [String]?) {
        guard let seen, words != nil else {
            words = nil
            return
        }
        for w in seen where words?[TextKey.of(w)] == nil { words?[TextKey.of(w)] = w }
    }

    /// Adds the words another input's column held (a map both inputs are given).
    mutating func add(_ other: WordsSeen) { add(other.words.map { Array($0.values) }) }

    /// The words found, each whole (`quotedLabel`), the first 40.
    static func list(_ words: [String]) -> String {
        let shown = words.prefix(40).map(quotedLabel).joined(separator: ", ")
        return words.count > 40 ? shown + " … (\(words.count - 40) de plus)" : shown
    }

    /// One warning per entry of `keys` that no row used.
    func unused(_ keys: some Collection<String>, entry: String, mapping: InputMapping, files: [String]) -> [Diagnostic] {
        guard let words else { return [] }
        let found = words.values.sorted()
        return keys.filter { words[$0] == nil }.sorted().map { key in
            let text = mapping.wordTexts[key] ?? key
            let nearest = Nearest.match(text, in: found).map { " (le plus proche : \(quotedLabel($0)))" } ?? ""
            return Diagnostic(
                severity: .warning, file: files.count == 1 ? files[0] : files.joined(separator: ", "), line: 0, column: nil,
                message:
                    "l'entrée \(quotedLabel(text)) de « \(entry) » du fichier de tâche ne correspond à aucune ligne\(nearest) ; valeurs trouvées : \(found.isEmpty ? "aucune" : Self.list(found))"
            )
        }
    }
}

/// The same for the programme, session and event labels of one input.
struct LabelsSeen {
    var programme = WordsSeen(), session = WordsSeen(), event = WordsSeen()

    mutating func add(_ seen: (programme: [String]?, session: [String]?, event: [String]?)) {
        programme.add(seen.programme)
        session.add(seen.session)
        event.add(seen.event)
    }

    func unused(_ mapping: InputMapping, files: [String]) -> [Diagnostic] {
        programme.unused(mapping.programmes.keys, entry: "values.programme", mapping: mapping, files: files)
            + session.unused(mapping.sessions.keys, entry: "values.session", mapping: mapping, files: files)
            + event.unused(mapping.events.keys, entry: "values.event", mapping: mapping, files: files)
    }

    /// The unused entries of the registrations' and the evaluations' label maps. A map both
    /// inputs are given alike (the same entries, as a YAML anchor gives them) is one map:
    /// an entry is reported only when neither input uses it, once, naming both inputs.
    static func unused(
        registrations: (seen: LabelsSeen, mapping: InputMapping, files: [String]),
        evaluations: (seen: LabelsSeen, mapping: InputMapping, files: [String])
    ) -> [Diagnostic] {
        let (r, e) = (registrations, evaluations)
        let both = r.files + e.files
        func check<Target: Equatable>(
            _ kind: KeyPath<LabelsSeen, WordsSeen>, _ map: KeyPath<InputMapping, [String: Target]>, entry: String
        ) -> [Diagnostic] {
            guard !r.mapping[keyPath: map].isEmpty, r.mapping[keyPath: map] == e.mapping[keyPath: map] else {
                return r.seen[keyPath: kind].unused(r.mapping[keyPath: map].keys, entry: entry, mapping: r.mapping, files: r.files)
                    + e.seen[keyPath: kind].unused(e.mapping[keyPath: map].keys, entry: entry, mapping: e.mapping, files: e.files)
            }
            var seen = r.seen[keyPath: kind]
            seen.add(e.seen[keyPath: kind])
            return seen.unused(r.mapping[keyPath: map].keys, entry: entry, mapping: r.mapping, files: both)
        }
        return check(\.programme, \.programmes, entry: "values.programme") + check(\.session, \.sessions, entry: "values.session")
            + check(\.event, \.events, entry: "values.event")
    }
}
