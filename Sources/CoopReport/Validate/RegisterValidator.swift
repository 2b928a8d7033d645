/// Checks the rows of the two registers (`data-contract.md` §4) against the contract and
/// the catalogue, and keeps the good ones; a bad row gets its reason, the first problem
/// found left to right in the canonical column order (docs/decisions.md). Registers are
/// small (a team's spreadsheet): fields are read as texts.
struct RegisterValidator {
    let catalogue: Catalogue
    let mapping: InputMapping
    /// Position of each canonical column among the record's fields, −1 when absent.
    private var positions: [String: Int]
    private(set) var complaints: [ComplaintEntry] = []
    private(set) var actions: [ImprovementAction] = []
    /// Action identifiers met, with their line, to refuse a repeated one.
    /// Each action's line and id as written, by `TextKey` of its id: « A1 », « a1 » and
    /// « A-1 » are one id (docs/decisions.md, « Un identifiant d'action »).
    private var actionLines: [String: (line: Int, id: String)] = [:]

    init(catalogue: Catalogue, columns: [String], mapping: InputMapping = .none) {
        self.catalogue = catalogue
        self.mapping = mapping
        positions = Dictionary(columns.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    /// The next file's columns (a glob's files may order them differently).
    /// The job's `values:` entries a row used, as column and key: the others match
    /// nothing in the file and are reported (`unusedWords`).
    private var usedWords: Set<String> = []

    /// A closed column's value, through the job's map first; the map entries used are noted.
    private mutating func word<T>(_ text: String, column: String, words: [String: T]) -> T? {
        let key = TextKey.of(text)
        if mapping.words[column]?[key] != nil { usedWords.insert(column + "\u{0}" + key) }
        return RegisterWords.read(text, column: column, mapping: mapping, words: words)
    }

    /// The job's `values:` entries (column, as written) no row of the register used: a
    /// misspelt word would otherwise leave its rows rejected or read otherwise, unseen.
    var unusedWords: [(column: String, text: String)] {
        mapping.words.sorted { $0.key < $1.key }.flatMap { column, map in
            map.keys.sorted().filter { !usedWords.contains(column + "\u{0}" + $0) }.map { (column, mapping.wordTexts[$0] ?? $0) }
        }
    }

    mutating func use(columns: [String]) {
        positions = Dictionary(columns.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    /// Validates one row given as texts, in the order of `columns` (tests).
    mutating func validate(complaint values: [String], line: Int) -> Result<Void, RowRejection> {
        RecordFields.with(values: values, line: line) { validateComplaint($0) }
    }

    mutating func validate(action values: [String], line: Int) -> Result<Void, RowRejection> {
        RecordFields.with(values: values, line: line) { validateAction($0) }
    }

    /// A column's text, masked of e-mail addresses: the register is free text.
    private func text(_ fields: RecordFields, _ column: String) -> String {
        guard let i = positions[column], i < fields.count else { return "" }
        return FreeTextMask.masked(fields.text(i))
    }

    mutating func validateComplaint(_ fields: RecordFields) -> Result<Void, RowRejection> {
        func t(_ c: String) -> String { text(fields, c) }
        let date: Day
        switch Self.day(t("date"), column: "date", required: true) {
        case .success(let d): date = d ?? Day(daysSinceEpoch: 0)
        case .failure(let why): return .failure(why)
        }
        var source: ComplaintEntry.Source?
        if !t("source").isEmpty {
            source = word(t("source"), column: "source", words: RegisterWords.sources)
            guard source != nil else { return .failure(Self.word(t("source"), column: "source", what: "une source", key: "source")) }
        }
        let place: (String?, String?)
        switch self.place(programme: t("programme"), session: t("session")) {
        case .success(let p): place = p
        case .failure(let why): return .failure(why)
        }
        guard let nature = word(t("nature"), column: "nature", words: RegisterWords.natures) else {
            return .failure(Self.word(t("nature"), column: "nature", what: "une nature", key: "nature"))
        }
        guard !t("description").isEmpty else {
            return .failure(RowRejection(column: "description", "vide ; la description de l'entrée est attendue", value: ""))
        }
        let closedOn: Day?
        switch Self.day(t("closed_on"), column: "closed_on", required: false) {
        case .success(let d): closedOn = d
        case .failure(let why): return .failure(why)
        }
        if let closedOn, closedOn < date {
            return .failure(
                RowRejection(
                    column: "closed_on", "la date de clôture (\(closedOn.french)) précède la date de l'entrée (\(date.french))",
                    value: t("closed_on")))
        }
        guard
            let status = word(t("status"), column: "status", words: RegisterWords.complaintStatuses)
        else {
            return .failure(Self.word(t("status"), column: "status", what: "un statut", key: "complaint status"))
        }
        if status == .closed && closedOn == nil {
            return .failure(
                RowRejection(
                    column: "status", "« close » sans date de clôture : le délai de traitement ne peut pas être calculé", value: t("status")
                ))
        }
        if status != .closed, let closedOn {
            return .failure(
                RowRejection(
                    column: "status", "\(quoted(t("status"))) alors qu'une date de clôture est renseignée (\(closedOn.french))",
                    value: t("status")))
        }
        complaints.append(
            ComplaintEntry(
                date: date, source: source, programme: place.0, session: place.1, nature: nature, description: t("description"),
                response: t("response"), closedOn: closedOn, status: status, line: fields.line))
        return .success(())
    }

    mutating func validateAction(_ fields: RecordFields) -> Result<Void, RowRejection> {
        func t(_ c: String) -> String { text(fields, c) }
        let id = t("id")
        guard !id.isEmpty else {
            return .failure(RowRejection(column: "id", "vide ; un identifiant d'action est attendu (par exemple A1)", value: ""))
        }
        let idKey = TextKey.of(id).isEmpty ? id : TextKey.of(id)
        if let first = actionLines[idKey] {
            let same = first.id == id ? "" : " (« \(first.id) » : la casse et la ponctuation ne distinguent pas deux actions)"
            return .failure(
                RowRejection(column: "id", "\(quoted(id)) est déjà l'identifiant de l'action de la ligne \(first.line)\(same)", value: id))
        }
        let decidedOn: Day
        switch Self.day(t("decided_on"), column: "decided_on", required: true) {
        case .success(let d): decidedOn = d ?? Day(daysSinceEpoch: 0)
        case .failure(let why): return .failure(why)
        }
        let place: (String?, String?)
        switch self.place(programme: t("programme"), session: t("session")) {
        case .success(let p): place = p
        case .failure(let why): return .failure(why)
        }
        var target: ImprovementAction.Target?
        if !t("question").isEmpty {
            target = Self.target(t("question"), survey: catalogue.survey)
            guard target != nil else {
                let labels = catalogue.survey.questions.flatMap { [$0.column, $0.label] }
                let near = Nearest.match(t("question"), in: labels).map { " (la plus proche : « \($0) »)" } ?? ""
                return .failure(
                    RowRejection(
                        column: "question",
                        "\(quoted(t("question"))) n'est ni une question du questionnaire ni un objectif\(near) ; attendu : \(catalogue.survey.questions.map(\.column).joined(separator: ", ")), leurs libellés, ou objective_N",
                        value: t("question")))
            }
        }
        guard !t("description").isEmpty else {
            return .failure(RowRejection(column: "description", "vide ; la description de l'action est attendue", value: ""))
        }
        let dueOn: Day?
        switch Self.day(t("due_on"), column: "due_on", required: false) {
        case .success(let d): dueOn = d
        case .failure(let why): return .failure(why)
        }
        if let dueOn, dueOn < decidedOn {
            return .failure(
                RowRejection(
                    column: "due_on", "l'échéance (\(dueOn.french)) précède la date de décision (\(decidedOn.french))", value: t("due_on")))
        }
        guard let status = word(t("status"), column: "status", words: RegisterWords.actionStatuses) else {
            return .failure(Self.word(t("status"), column: "status", what: "un statut", key: "action status"))
        }
        actionLines[idKey] = (fields.line, id)
        actions.append(
            ImprovementAction(
                id: id, decidedOn: decidedOn, origin: t("origin"), programme: place.0, session: place.1, target: target,
                description: t("description"), owner: t("owner"), dueOn: dueOn, status: status, effect: t("effect"), line: fields.line))
        return .success(())
    }

    /// The programme and session of a row, both optional, each mapped by the job's
    /// `values:` and checked against the catalogue.
    private func place(programme rawProgramme: String, session rawSession: String) -> Result<(String?, String?), RowRejection> {
        guard !rawProgramme.isEmpty else {
            if rawSession.isEmpty { return .success((nil, nil)) }
            return .failure(
                RowRejection(
                    column: "session", "une session sans programme ne peut pas être placée ; indiquez le programme", value: rawSession))
        }
        let code = mapping.programmes[TextKey.of(rawProgramme)] ?? rawProgramme
        guard let programme = catalogue.programme(code) else {
            let codes = catalogue.programmes.map(\.code)
            let near = Nearest.match(code, in: codes).map { " (le plus proche : « \($0) »)" } ?? ""
            return .failure(
                RowRejection(column: "programme", "\(quoted(rawProgramme)) n'est pas un programme du catalogue\(near)", value: rawProgramme)
            )
        }
        guard !rawSession.isEmpty else { return .success((programme.code, nil)) }
        let session = mapping.sessions[TextKey.of(rawSession)] ?? rawSession
        guard programme.sessions.contains(where: { $0.code == session }) else {
            return .failure(
                RowRejection(
                    column: "session",
                    "\(quoted(rawSession)) n'est pas une session de \(programme.code) (attendu : \(programme.sessions.map(\.code).joined(separator: ", ")))",
                    value: rawSession))
        }
        return .success((programme.code, session))
    }

    /// A date column: nil when empty and not required.
    static func day(_ text: String, column: String, required: Bool) -> Result<Day?, RowRejection> {
        if text.isEmpty {
            return required ? .failure(RowRejection(column: column, "vide ; une date est attendue", value: "")) : .success(nil)
        }
        guard let t = ValueParser.timestamp(text) else {
            return .failure(
                RowRejection(
                    column: column, "\(quoted(text)) n'est pas une date (attendu : AAAA-MM-JJ, JJ/MM/AAAA ou une date-heure ISO)",
                    value: text))
        }
        return .success(t.day)
    }

    /// A survey question (its column or its label) or `objective_k` / « Objectif k ».
    static func target(_ text: String, survey: Survey) -> ImprovementAction.Target? {
        let key = TextKey.of(text)
        if let i = survey.questions.firstIndex(where: { TextKey.of($0.column) == key || TextKey.of($0.label) == key }) {
            return .question(i)
        }
        for stem in ["objective", "objectif"] where key.hasPrefix(stem) {
            if let k = Int(key.dropFirst(stem.count)), k >= 1 { return .objective(k) }
        }
        return nil
    }

    private static func word(_ text: String, column: String, what: String, key: String) -> RowRejection {
        let expected = RegisterWords.expected[key] ?? ""
        if text.isEmpty { return RowRejection(column: column, "vide ; attendu : \(expected)", value: "") }
        return RowRejection(column: column, "\(quoted(text)) n'est pas \(what) (attendu : \(expected))", value: text)
    }
}
