import Foundation

/// Collects validated rows one at a time (the CSVs are streamed) and settles duplicates:
/// the later row wins and the earlier one is reported as a warning (`metrics.md`).
public struct DatasetBuilder: Sendable {
    private let catalogue: Catalogue
    /// The texts of every row; validators intern into it.
    var pool = TextPool()
    private(set) var sessions: SessionTable
    private(set) var files: [String] = []
    /// The rows so far; `match` (DatasetBuilder+Members.swift) rewrites their cooperatives.
    var registrations: [RegistrationRow] = []
    /// (session number, participant id) → index in `registrations`.
    private var registrationIndex = IntMap()
    var responses: [ResponseRow] = []
    /// Response id (its text's id in `pool`) → index in `responses`, −1 for none: a table
    /// by pool id, where a response id met for the first time (nearly all are) is a text
    /// just added, at the table's end — a hash map had a cache miss per response there.
    /// Stale after `append` took responses in, until the next response is added.
    private var responseOfText: [Int32] = []
    private var responseIndexStale = false
    private var answers: [Int16] = []
    private var objectives: [Int16] = []
    private var warnings: [Diagnostic] = []
    /// The distinct payers met, as pool ids (`RegistrationRow.payer` − 1).
    private var payers: [Int32] = []
    private var payerNumbers: [Int32: UInt16] = [:]
    /// Responses submitted after this date are left out (`LateRows`); nil keeps them all.
    private let asOf: Day?
    /// The responses left out for their date, per file number, in order of first sight.
    private var late: [LateRows] = []
    private var lateFiles: [Int16] = []
    /// The last text met in each registration column, with its id in `pool`: the ids are
    /// this builder's, so the memory of them is too (`RecentText`).
    private var recent = [RecentText](repeating: RecentText(), count: RecentColumn.allCases.count)
    /// The member list the cooperatives were matched to (`match`), and the pool id of each
    /// member's name.
    var members: MemberList?
    var memberIDs: [Int32] = []
    /// Whether duplicate registrations are settled as they come; not by a builder of a
    /// file's second half (`later`), whose rows are settled when they are taken in (`append`).
    private var settles = true
    /// For a builder of a second half: how many warnings came before each registration.
    private var warningsBefore: [Int32] = []

    /// Registration columns whose next row usually repeats the text of the row before.
    enum RecentColumn: Int, CaseIterable { case participant, email, lastName, firstName, cooperative, role, payer }

    /// The pool id of `bytes`, in a column whose last text is remembered; `lowercased`
    /// interns the e-mail's lower-case form.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, column: RecentColumn, lowercased: Bool = false) -> Int32 {
        var memory = RecentText()
        swap(&memory, &recent[column.rawValue])  // moved out, so that it stays uniquely held
        defer { swap(&memory, &recent[column.rawValue]) }
        return memory.id(bytes) { lowercased ? RegistrationValidator.internLowercased($0, into: &pool) : pool.intern($0) }
    }

    /// The expected counts size the rows and the duplicate index up front (no regrowing
    /// while a million rows stream in).
    /// A response submitted after `asOf` is left out and counted (`LateRows`): the report is
    /// « arrêté » at that date.
    public init(catalogue: Catalogue, expectedRegistrations: Int = 0, expectedResponses: Int = 0, asOf: Day? = nil) {
        self.catalogue = catalogue
        self.asOf = asOf
        sessions = SessionTable(catalogue)
        registrations.reserveCapacity(expectedRegistrations)
        registrationIndex = IntMap(capacity: expectedRegistrations)
        responses.reserveCapacity(expectedResponses)
    }

    /// A builder for the registrations of a file's second half, read on another core while
    /// another builder reads the first half: it keeps every row as it comes, duplicates and
    /// all, and notes where its warnings fall between them, for the other builder to settle
    /// them when it takes them in (`append`).
    static func later(catalogue: Catalogue, expectedRegistrations: Int, asOf: Day?) -> DatasetBuilder {
        var builder = DatasetBuilder(catalogue: catalogue, asOf: asOf)
        builder.settles = false
        builder.registrations.reserveCapacity(expectedRegistrations)
        builder.warningsBefore.reserveCapacity(expectedRegistrations)
        return builder
    }

    /// Whether `append` can take this builder in exactly: false once its payers overflowed
    /// the numbers (65,534 distinct ones), which then lost the rest's names.
    var holdsEveryPayer: Bool { payers.count < Int(UInt16.max) - 1 }

    /// The number rows of `path` carry in their `file` field.
    mutating func file(_ path: String) -> Int16 {
        if let i = files.firstIndex(of: path) { return Int16(i) }
        files.append(path)
        return Int16(files.count - 1)
    }

    mutating func add(_ r: RegistrationRow) {
        guard settles else {
            registrations.append(r)
            warningsBefore.append(Int32(warnings.count))
            return
        }
        let key = UInt64(UInt32(bitPattern: r.session)) << 32 | UInt64(UInt32(bitPattern: r.participant))
        let i = registrationIndex.valueOrInsert(key, Int32(registrations.count))
        if Int(i) != registrations.count {
            let earlier = registrations[Int(i)]
            let who = r.identifiedByEmail ? "(identifié par courriel)" : pool.string(r.participant)
            warnings.append(
                Diagnostic(
                    severity: .warning, file: files[Int(r.file)], line: Int(r.line), column: nil,
                    message:
                        "inscription en double de \(who) à \(sessions.keys[Int(r.session)]) (aussi \(place(earlier.file, earlier.line, than: r.file))) : cette ligne, plus bas, est retenue",
                    session: sessions.keys[Int(r.session)]
                ))
            registrations[Int(i)] = r
        } else {
            registrations.append(r)
        }
    }

    /// Adds a warning about a row that is kept (an optional field dropped).
    mutating func warn(_ warning: Diagnostic) { warnings.append(warning) }

    /// Adds a response whose answers and objectives are given apart.
    mutating func add(_ row: ResponseRow, answers given: some Collection<Int16>, objectives pairs: some Collection<Int16>) {
        // Before the duplicates are settled: at the as-of date, a later resubmission did not exist.
        if let asOf, let submitted = row.submittedAt.timestamp?.day, LateRows.isAfter(submitted, asOf: asOf) {
            if !lateFiles.contains(row.file) {
                lateFiles.append(row.file)
                late.append(LateRows(file: files[Int(row.file)], column: "submitted_at", noun: "réponse", nouns: "réponses"))
            }
            let k = lateFiles.firstIndex(of: row.file) ?? 0
            late[k].add(submitted, session: sessions.keys[Int(row.session)])
            return
        }
        var r = row
        r.answers = Int32(answers.count)
        answers.append(contentsOf: given)
        r.objectives = Int32(objectives.count)
        r.objectiveCount = UInt16(clamping: pairs.count / 2)  // k ≤ Int16.max, one pair each
        objectives.append(contentsOf: pairs)
        guard r.responseID != 0 else {
            responses.append(r)
            return
        }
        if responseIndexStale { reindexResponses() }
        let text = Int(r.responseID)
        if responseOfText.count <= text { responseOfText += repeatElement(-1, count: max(text + 1, pool.count) - responseOfText.count) }
        let i = responseOfText[text]
        if i >= 0 {
            let earlier = responses[Int(i)]
            warnings.append(
                Diagnostic(
                    severity: .warning, file: files[Int(r.file)], line: Int(r.line), column: "response_id",
                    message:
                        "la réponse \(quoted(pool.string(r.responseID))) apparaît de nouveau (aussi \(place(earlier.file, earlier.line, than: r.file))) : cette ligne, plus bas, est retenue",
                    session: sessions.keys[Int(r.session)]
                ))
            responses[Int(i)] = r
        } else {
            responseOfText[text] = Int32(responses.count)
            responses.append(r)
        }
    }

    /// The response index made again from the rows, after `append` took responses in
    /// without it (the run adds none after: only a later `add` needs it).
    private mutating func reindexResponses() {
        responseOfText = Array(repeating: -1, count: pool.count)
        for (i, r) in responses.enumerated() where r.responseID != 0 { responseOfText[Int(r.responseID)] = Int32(i) }
        responseIndexStale = false
    }

    /// Takes in the rows that `other` read on another thread, from records that come after
    /// this builder's in the reading order — the second half of its registrations file
    /// (`later`), or the evaluations' files — with texts in a pool of its own
    /// (`Pipeline.readInputs`). Its texts are interned here in the order it met them, its
    /// files and payers numbered after these; its registrations are settled here one by one,
    /// its warnings put back where they fell between them: every id, number, row, warning
    /// and order is the one this builder would have given reading those records itself,
    /// after its own. Responses are read by one builder only: their duplicates cannot meet.
    /// `other` is left empty: taken in place (`inout`), its rows and texts are let go as they
    /// are taken, not held until its last copy goes.
    mutating func append(_ other: inout DatasetBuilder) {
        precondition(other.registrations.isEmpty || !other.settles, "registrations settled by one builder only")
        precondition(
            other.responses.isEmpty && other.late.isEmpty || responses.isEmpty && late.isEmpty, "responses read by one builder only")
        let ids = pool.intern(allOf: other.pool)
        other.pool = TextPool()
        let files = other.files.map { file($0) }
        let payerNumbers = other.payers.map { payerNumber(ids[Int($0)]) }
        var taken = 0  // other's warnings taken in so far
        // The rows taken in are let go as the merge goes (`ConsumedPages`), a block at a time.
        let block = 1 << 16
        other.registrations.withUnsafeMutableBufferPointer { rows in
            for (i, row) in rows.enumerated() {
                let before = Int(other.warningsBefore[i])
                if taken < before { warnings += other.warnings[taken..<before] }
                taken = max(taken, before)
                var r = row
                r.participant = ids[Int(r.participant)]
                r.email = ids[Int(r.email)]
                r.lastName = ids[Int(r.lastName)]
                r.firstName = ids[Int(r.firstName)]
                r.cooperative = ids[Int(r.cooperative)]
                r.role = ids[Int(r.role)]
                r.file = files[Int(r.file)]
                if r.payer != 0 && Int(r.payer) <= payerNumbers.count { r.payer = payerNumbers[Int(r.payer) - 1] }
                add(r)
                if (i + 1) % block == 0 { ConsumedPages.release(rows, before: i + 1) }
            }
        }
        other.registrations = []
        warnings += other.warnings[taken...]
        guard !other.responses.isEmpty || !other.late.isEmpty else { return }
        let (answerBase, objectiveBase) = (Int32(answers.count), Int32(objectives.count))
        var rows = other.responses
        other.responses = []
        for i in rows.indices {
            rows[i].responseID = ids[Int(rows[i].responseID)]
            rows[i].participantID = ids[Int(rows[i].participantID)]
            rows[i].email = ids[Int(rows[i].email)]
            rows[i].cooperative = ids[Int(rows[i].cooperative)]
            rows[i].comment = ids[Int(rows[i].comment)]
            rows[i].file = files[Int(rows[i].file)]
            rows[i].answers += answerBase
            rows[i].objectives += objectiveBase
        }
        // The other builder's index is let go; this one's is made again only if a response is
        // added after (`reindexResponses`): the run adds none, and at a million registrations
        // making it took 30–50 ms of the one core working then.
        other.responseOfText = []
        responseOfText = []
        responseIndexStale = true
        responses = rows
        Self.take(&other.answers, into: &answers)
        Self.take(&other.objectives, into: &objectives)
        late = other.late
        lateFiles = other.lateFiles.map { files[Int($0)] }
    }

    /// Appends `taken` to `values`, moved rather than copied when `values` is empty.
    private static func take(_ taken: inout [Int16], into values: inout [Int16]) {
        if values.isEmpty { swap(&values, &taken) } else { values += taken }
        taken = []
    }

    /// Adds a registration given as a value (tests, tools).
    public mutating func add(_ r: Registration) {
        add(
            RegistrationRow(
                session: sessions.number(of: r.session), participant: pool.intern(r.participant), email: pool.intern(r.email),
                lastName: pool.intern(r.lastName), firstName: pool.intern(r.firstName), cooperative: pool.intern(r.cooperative),
                role: pool.intern(r.role), line: Int32(r.line), file: file(r.file), payer: payerNumber(pool.intern(r.payer)),
                status: r.status,
                attendance: r.attendance, halfDays: r.halfDays, identifiedByEmail: r.identifiedByEmail, hours: r.hoursAttended ?? .nan,
                registeredAt: StoredTimestamp(r.registeredAt)))
    }

    /// Adds a response given as a value (tests, tools).
    public mutating func add(_ r: Response) {
        func id(_ text: String?) -> Int32 { text.map { pool.intern($0) } ?? 0 }
        let row = ResponseRow(
            session: sessions.number(of: r.session), responseID: id(r.responseID), participantID: id(r.participantID), email: id(r.email),
            cooperative: id(r.cooperative), comment: id(r.comment), line: Int32(r.line), file: file(r.file),
            objectiveCount: 0, recommend: r.recommend.map { Int8($0) } ?? -1, answers: 0, objectives: 0,
            submittedAt: StoredTimestamp(r.submittedAt))
        let questions = catalogue.survey.questions.count
        let given = (0..<questions).map { k in k < r.answers.count ? r.answers[k].map { Int16($0) } ?? .min : .min }
        let pairs = r.objectives.sorted { $0.key < $1.key }.filter { Int16(exactly: $0.key) != nil && Int16(exactly: $0.value) != nil }
            .flatMap { [Int16($0.key), Int16($0.value)] }
        add(row, answers: given, objectives: pairs)
    }

    /// "ligne 6", or "other.csv:6" when the earlier row is in another file of a glob (its
    /// name only: a message never shows the machine's folders).
    private func place(_ file: Int16, _ line: Int32, than current: Int16) -> String {
        file == current ? "ligne \(line)" : "\(URL(fileURLWithPath: files[Int(file)]).lastPathComponent):\(line)"
    }

    /// A payer's number in `Dataset.payers` (0: not given). A payer column holds a handful
    /// of funders; past 65,534 distinct ones, the rest share one number, shown as
    /// « (autres financeurs) » — not mapped, so the BPF says so rather than dropping them.
    mutating func payerNumber(_ id: Int32) -> UInt16 {
        guard id != 0 else { return 0 }
        if let n = payerNumbers[id] { return n }
        guard payers.count < Int(UInt16.max) - 1 else { return UInt16.max }
        payers.append(id)
        let n = UInt16(payers.count)
        payerNumbers[id] = n
        return n
    }

    /// The de-duplicated dataset.
    public func build() -> Dataset {
        var pool = pool
        pool.shrink()
        var warnings = warnings
        let responses = resubmissionsSettled(&warnings)
        if let asOf { warnings += late.map { $0.diagnostic(asOf: asOf) } }
        return Dataset(
            catalogue: catalogue, warnings: warnings, pool: pool, sessions: sessions, files: files, payers: payers,
            registrationRows: registrations, responseRows: responses, answers: answers, objectives: objectives, late: late,
            members: members, memberIDs: memberIDs)
    }

    /// The responses once an identified respondent (`participant_id`, else e-mail) who
    /// answered the same session twice counts once (`metrics.md`, « Evaluations »): the
    /// later `submitted_at` wins when both responses have one and they differ, else the
    /// later row. Each response set aside is a warning. Anonymous responses all stay.
    private func resubmissionsSettled(_ warnings: inout [Diagnostic]) -> [ResponseRow] {
        var kept = IntMap()
        var dropped: [Bool] = []
        for (i, r) in responses.enumerated() {
            let who = r.participantID != 0 ? r.participantID : r.email
            guard who != 0 else { continue }
            let key = UInt64(UInt32(bitPattern: r.session)) << 32 | UInt64(UInt32(bitPattern: who))
            let j = Int(kept.valueOrInsert(key, Int32(i)))
            guard j != i else { continue }
            if dropped.isEmpty { dropped = Array(repeating: false, count: responses.count) }
            let earlier = responses[j]
            let laterWins = Self.isLater(r, than: earlier)
            let (winner, loser) = laterWins ? (r, earlier) : (earlier, r)
            dropped[laterWins ? j : i] = true
            if laterWins { kept.set(key, Int32(i)) }
            let person = r.participantID != 0 ? pool.string(r.participantID) : "(identifié par courriel)"
            let kept =
                winner.file == loser.file
                ? "ligne \(winner.line)" : "\(URL(fileURLWithPath: files[Int(winner.file)]).lastPathComponent):\(winner.line)"
            warnings.append(
                Diagnostic(
                    severity: .warning, file: files[Int(loser.file)], line: Int(loser.line), column: nil,
                    message:
                        "\(person) a répondu deux fois au questionnaire de \(sessions.keys[Int(r.session)]) : la réponse de la \(kept) est retenue (soumise plus tard, ou plus bas dans le fichier), celle-ci est écartée",
                    session: sessions.keys[Int(r.session)]
                ))
        }
        guard !dropped.isEmpty else { return responses }
        return zip(responses, dropped).filter { !$0.1 }.map(\.0)
    }

    /// Whether `r` supersedes `other`: the later submission time when both have one and
    /// they differ, else the later row in the inputs.
    private static func isLater(_ r: ResponseRow, than other: ResponseRow) -> Bool {
        // A date without a time is that day at 00:00.
        let (a, b) = (r.submittedAt, other.submittedAt)
        let (sa, sb) = (max(a.seconds, 0), max(b.seconds, 0))
        if a.days != .min, b.days != .min, (a.days, sa) != (b.days, sb) { return (a.days, sa) > (b.days, sb) }
        return (r.file, r.line) > (other.file, other.line)
    }
}

extension Dataset {
    /// A dataset of rows given as values (tests, tools), de-duplicated like streamed rows;
    /// with `asOf`, the responses submitted after it are left out (`LateRows`).
    public init(catalogue: Catalogue, registrations: [Registration], responses: [Response] = [], asOf: Day? = nil) {
        var builder = DatasetBuilder(catalogue: catalogue, asOf: asOf)
        for r in registrations { builder.add(r) }
        for r in responses { builder.add(r) }
        self = builder.build()
    }
}
