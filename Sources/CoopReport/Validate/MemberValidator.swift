/// Checks the rows of the member list (`inputs.members`, data-contract.md §4, version 3)
/// and keeps the good ones. A row is rejected when it names no member (an empty name, or
/// one with no letter or digit) or when one of its spellings — name or alias, compared
/// ignoring case, accents and punctuation (`TextKey`) — is already an earlier member's: an
/// export's name must lead to one member only. An e-mail that is not one is dropped with
/// an alert and the row counts (docs/decisions.md, « La liste des adhérents »).
struct MemberValidator {
    /// Position of each canonical column among the record's fields, −1 when absent.
    private var positions: [String: Int] = [:]
    private(set) var members: [Member] = []
    /// Rows kept with a field dropped.
    private(set) var warnings: [Diagnostic] = []
    /// Each spelling's `TextKey` → the line and member name of the row that has it.
    private var owners: [String: (line: Int, name: String)] = [:]
    /// The file being read, for the alerts.
    private var file = ""

    /// The separator of several spellings in the `aliases` column.
    static let aliasSeparator: Character = "|"

    /// The next file's columns (a glob's files may order them differently) and its path.
    mutating func use(columns: [String], file: String) {
        positions = Dictionary(columns.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        self.file = file
    }

    /// Validates one row given as texts, in the order of `columns` (tests).
    mutating func validate(_ values: [String], line: Int) -> Result<Void, RowRejection> {
        RecordFields.with(values: values, line: line) { validate($0) }
    }

    private func text(_ fields: RecordFields, _ column: String) -> String {
        guard let i = positions[column], i < fields.count else { return "" }
        return fields.text(i)
    }

    mutating func validate(_ fields: RecordFields) -> Result<Void, RowRejection> {
        func t(_ c: String) -> String { text(fields, c) }
        let name = t("name")
        guard !name.isEmpty else {
            return .failure(RowRejection(column: "name", "vide ; le nom de la coopérative adhérente est attendu", value: ""))
        }
        guard !TextKey.of(name).isEmpty else {
            return .failure(
                RowRejection(
                    column: "name", "\(quoted(name)) ne contient ni lettre ni chiffre : il ne peut nommer aucune coopérative", value: name))
        }
        if let earlier = owners[TextKey.of(name)] {
            return .failure(Self.taken(name, column: "name", by: earlier))
        }
        // The aliases, each once and not the name again (« CHB | chb » is one spelling).
        var aliases: [String] = []
        var keys: Set<String> = [TextKey.of(name)]
        for part in t("aliases").split(separator: Self.aliasSeparator) {
            let alias = String(part).trimmedSpaces
            guard !alias.isEmpty else { continue }
            let key = TextKey.of(alias)
            guard !key.isEmpty else {
                return .failure(
                    RowRejection(
                        column: "aliases", "\(quoted(alias)) ne contient ni lettre ni chiffre : il ne peut nommer aucune coopérative",
                        value: t("aliases")))
            }
            if let earlier = owners[key] { return .failure(Self.taken(alias, column: "aliases", by: earlier)) }
            if keys.insert(key).inserted { aliases.append(alias) }
        }
        var email = t("email")
        if !email.isEmpty, !Self.isEmail(email) {
            warnings.append(
                Diagnostic(
                    severity: .warning, file: file, line: fields.line, column: "email",
                    message:
                        "\(quoted(email)) n'est pas une adresse e-mail (attendu : nom@domaine.fr) : le contact de \(quoted(name)) est laissé vide"
                ))
            email = ""
        }
        for key in keys { owners[key] = (fields.line, name) }
        members.append(
            Member(
                name: name, department: t("department"), region: t("region"), address: t("address"), email: email, aliases: aliases,
                line: fields.line))
        return .success(())
    }

    /// « CHB » already names the member of line 3.
    private static func taken(_ spelling: String, column: String, by earlier: (line: Int, name: String)) -> RowRejection {
        let same = TextKey.of(spelling) == TextKey.of(earlier.name) ? "" : " (« \(earlier.name) »)"
        return RowRejection(
            column: column,
            "\(quoted(spelling)) nomme déjà l'adhérent de la ligne \(earlier.line)\(same) : la casse, les accents et la ponctuation ne distinguent pas deux noms ; une coopérative des exports doit désigner un seul adhérent",
            value: spelling)
    }

    /// One `@` with text on each side, a dot in the domain, no space: an address a person
    /// can write to, not a name or a phone number typed in the wrong column.
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".")
        else { return false }
        return !text.contains(where: \.isWhitespace)
    }
}
