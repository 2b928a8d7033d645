/// The exports' cooperatives met with the member list, once, at the model stage
/// (docs/decisions.md, « La liste des adhérents »): every figure, sheet and metrics.json
/// then sees one name per member.
extension DatasetBuilder {
    /// Rewrites each cooperative of the registrations and responses that names a member (by
    /// its name or an alias, ignoring case, accents and punctuation) to the member's name,
    /// and keeps the list for the dataset. A name that matches no member stays as written
    /// and is one alert, at its first row, naming the nearest member; `listName` is the
    /// list's file as a person reads it. Each distinct text is looked up once.
    mutating func match(_ list: MemberList, listName: String) -> [Diagnostic] {
        members = list
        memberIDs = list.members.map { pool.intern($0.name) }
        // Per distinct cooperative id: the member's name id, or `unknown` (kept as written).
        let unknown: Int32 = -1
        var target: [Int32: Int32] = [:]
        var misses = UnknownNames()
        func resolve(_ id: Int32) -> Int32 {
            if let t = target[id] { return t }
            let t = list.position(of: pool.string(id)).map { memberIDs[$0] } ?? unknown
            target[id] = t
            return t
        }
        var last: (id: Int32, target: Int32) = (0, 0)
        // One row's cooperative: rewritten to its member's name, or counted as unknown.
        func match(_ id: Int32, file: Int16, line: Int32) -> Int32 {
            guard id != 0 else { return id }
            if id != last.id { last = (id, resolve(id)) }
            guard last.target != unknown else {
                misses.add(id, file: file, line: line)
                return id
            }
            return last.target
        }
        for i in registrations.indices {
            let r = registrations[i]
            registrations[i].cooperative = match(r.cooperative, file: r.file, line: r.line)
        }
        for i in responses.indices {
            let r = responses[i]
            responses[i].cooperative = match(r.cooperative, file: r.file, line: r.line)
        }
        return misses.order.map { id in
            let miss = misses.found[id] ?? (0, 0, 0)
            return Diagnostic(
                severity: .warning, file: files.indices.contains(Int(miss.file)) ? files[Int(miss.file)] : "", line: Int(miss.line),
                column: "cooperative", message: Self.unknownMessage(pool.string(id), rows: miss.rows, list: list, listName: listName))
        }
    }

    /// « coopérative « CHB » absente de la liste des adhérents (input/adherents.csv) :
    /// 3 lignes comptées sous ce nom ; la plus proche : « … » ».
    static func unknownMessage(_ name: String, rows: Int, list: MemberList, listName: String) -> String {
        let spellings = list.members.flatMap(\.spellings)
        let nearest = Nearest.match(name, in: spellings).flatMap { list.member(named: $0)?.name }
        let hint =
            nearest.map { "la plus proche : « \($0) » (si c'est elle, ajoutez ce nom à ses alias)" }
            ?? "aucune n'en est proche (ajoutez-la à la liste, ou ce nom aux alias de son adhérent)"
        return
            "coopérative \(quoted(name)) absente de la liste des adhérents (\(listName)) : \(plural(rows, "ligne comptée", "lignes comptées")) sous ce nom ; \(hint)"
    }
}

/// The cooperative names that match no member: rows per name and the first row's place,
/// in the order first met.
private struct UnknownNames {
    var found: [Int32: (rows: Int, file: Int16, line: Int32)] = [:]
    var order: [Int32] = []

    mutating func add(_ id: Int32, file: Int16, line: Int32) {
        if let seen = found[id] {
            found[id] = (seen.rows + 1, seen.file, seen.line)
        } else {
            found[id] = (1, file, line)
            order.append(id)
        }
    }
}
