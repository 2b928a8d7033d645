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

    /// One warning per entry of `keys` that no row used.
    func unused(_ keys: some Collection<String>, entry: String, mapping: InputMapping, files: [String]) -> [Diagnostic] {
        guard let words else { return [] }
        let found = words.values.sorted()
        return keys.filter { words[$0] == nil }.sorted().map { key in
            let text = mapping.wordTexts[key] ?? key
            let nearest = Nearest.match(text, in: found).map { " (le plus proche : « \($0) »)" } ?? ""
            return Diagnostic(
                severity: .warning, file: files.count == 1 ? files[0] : files.joined(separator: ", "), line: 0, column: nil,
                message:
                    "l'entrée \(quoted(text)) de « \(entry) » du fichier de tâche ne correspond à aucune ligne\(nearest) ; valeurs trouvées : \(found.isEmpty ? "aucune" : IngestError.list(found))"
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
}
