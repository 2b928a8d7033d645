import Foundation

/// The datasets being built while the files are streamed; let go once built
/// (`Pipeline.model`), with their duplicate indexes.
struct Builders {
    /// The registrations and the (hot) evaluations.
    var data: DatasetBuilder
    /// The cold evaluations, into a dataset of their own, when the job gives them.
    var cold: DatasetBuilder?
}

/// What streaming the files gave beside the datasets: each file's counts, its rejected
/// rows, the registers, and what the job's value maps name that no file holds.
struct ReadInputs {
    /// Each file read, the catalogue first, then in reading order (Synthèse, the manifest).
    var inputs: [InputSummary]
    /// Rejected rows, in input order.
    var rejects: [Diagnostic] = []
    /// The registers of indicators 31 and 32, those the job gives.
    var registers = Registers()
    /// Register rows dated after the as-of date, one `LateRows` per register with some.
    var lateRegisterRows: [LateRows] = []
    /// Register words of the job's `values:` that no row holds.
    var registerWarnings: [Diagnostic] = []
    /// Entries of the job's value maps that no row matched (`WordsSeen`).
    var mappingWarnings: [Diagnostic] = []
    /// The member list, when the job gives one, and the fields its rows had dropped.
    var members: MemberList?
    var memberWarnings: [Diagnostic] = []
    /// The byte where the registrations file was split, its halves read on two cores; nil
    /// when it was read whole (tests).
    var halvedAt: Int?
}

/// The words and labels the registrations' value columns held, for the job's value maps.
private struct RegistrationWords {
    var status = WordsSeen()
    var attendance = WordsSeen()
    var roles = WordsSeen()
    var labels = LabelsSeen()

    /// Adds what one file's validator saw.
    mutating func add(_ seen: RegistrationValidator.Seen) {
        status.add(seen.words.status)
        labels.add(seen.labels)
        attendance.add(seen.words.attendance)
        roles.add(seen.roles)
    }
}

/// The second half of a registrations file, read on the other core into a builder of its
/// own (`Pipeline.readRegistrations`).
private struct SecondHalf: Sendable {
    /// The line number at the split point, as the second half counted it.
    var line: Int
    var builder: DatasetBuilder
    /// Its rejected rows, in input order, and how many rows it read.
    var rejects: [Diagnostic]
    var rows: Int
    var seen: RegistrationValidator.Seen
}

/// The words and labels one survey's files held (the evaluations, or the cold ones).
private struct SurveyWords {
    var answers = WordsSeen()
    var labels = LabelsSeen()
}

/// What the other core read beside the evaluations' builder: the cold evaluations' own.
private struct SurveysRead: Sendable {
    var cold: DatasetBuilder?
    /// Each survey file's summary and rejected rows, in reading order.
    var read = ReadInputs(inputs: [])
    var evaluationWords = SurveyWords()
    var coldWords = SurveyWords()
}

extension Pipeline {
    /// [2/5] validate and [3/5] model, in one streaming pass per file: each row read,
    /// validated, added to the datasets or rejected. The registrations are read on this
    /// core while the evaluations, then the cold ones, are read on the other, each into a
    /// builder of its own; the evaluations are then merged in as if read after the
    /// registrations (`DatasetBuilder.append`): the same ids, rows, warnings
    /// and rejects in the same order. Then the registers, then the member list.
    func readInputs(_ request: ReportRequest, sources: Sources, paths: DisplayPaths) throws -> (Builders, ReadInputs) {
        let catalogue = sources.catalogue
        // About 140 bytes a registration row and 90 a response in the exports seen so far:
        // first guesses for capacity.
        func bytes(_ files: [String]) -> Int {
            files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        }
        // Responses submitted after the as-of date are left out of every figure and counted
        // (`LateRows`), in both builders.
        var builder = DatasetBuilder(
            catalogue: catalogue, expectedRegistrations: bytes(sources.files(.registrations)) / 140, asOf: request.asOf)
        var read = ReadInputs(inputs: [sources.catalogueInput])
        // Opened here, before the other core opens the surveys' files: the log names the
        // files in reading order.
        let registrationTables = try sources.files(.registrations).map {
            try open($0, .registrations, request.registrations.mapping, paths: paths)
        }
        let sessions = builder.sessions
        let expectedResponses = bytes(sources.files(.evaluations)) / 90
        let surveys = Background { [self] in
            Result { try readSurveys(request, sources: sources, sessions: sessions, expectedResponses: expectedResponses, paths: paths) }
        }
        let registrations = Result {
            try readRegistrations(registrationTables, request: request, sources: sources, into: &builder, read: &read)
        }
        // Waited for even when the registrations failed: no reading outlives the run. Their
        // error comes first, as when the files were read one after the other.
        let other = surveys.take()
        let registrationWords = try registrations.get()
        // Consumed: the evaluations' builder then has one owner, and is let go as it is taken in.
        var (evaluations, surveysRead) = try (consume other).get()
        builder.append(&evaluations)
        read.inputs += surveysRead.read.inputs
        read.rejects += surveysRead.read.rejects
        for kind in [InputKind.complaints, .actions] {
            guard let spec = request.input(kind) else { continue }
            try readRegister(kind, spec: spec, request: request, sources: sources, sessions: sessions, paths: paths, read: &read)
        }
        if let spec = request.members { try readMembers(spec, sources: sources, sessions: sessions, paths: paths, read: &read) }
        // A registrations export with a header and no row is a broken export, not a quiet
        // month: it must not replace the previous report with an empty one.
        if read.inputs.filter({ $0.role == .registrations }).allSatisfy({ $0.rowsRead == 0 }) {
            throw IngestError.noRows(path: sources.files(.registrations).joined(separator: ", "))
        }
        read.mappingWarnings = Self.unusedEntries(
            request, sources: sources, registrations: registrationWords, evaluations: surveysRead.evaluationWords,
            cold: surveysRead.coldWords)
        return (Builders(data: builder, cold: surveysRead.cold), read)
    }

    /// The evaluations' files, then the cold evaluations' when the job gives them (a second
    /// pass of the same reader, with the cold survey's own questions, into a dataset of
    /// their own: the later of two responses of one person wins there too).
    private func readSurveys(
        _ request: ReportRequest, sources: Sources, sessions: SessionTable, expectedResponses: Int, paths: DisplayPaths
    ) throws -> (evaluations: DatasetBuilder, SurveysRead) {
        let catalogue = sources.catalogue
        var evaluations = DatasetBuilder(catalogue: catalogue, expectedResponses: expectedResponses, asOf: request.asOf)
        var surveys = SurveysRead()
        surveys.evaluationWords = try readResponses(
            .evaluations, request: request, sources: sources, catalogue: catalogue, mapping: request.evaluations.mapping,
            sessions: sessions, paths: paths, into: &evaluations, read: &surveys.read)
        if let spec = request.cold {
            let coldCatalogue = Catalogue(
                programmes: catalogue.programmes, survey: Survey(scale: catalogue.survey.scale, questions: spec.mapping.questions ?? []))
            var coldBuilder = DatasetBuilder(catalogue: coldCatalogue, asOf: request.asOf)
            surveys.coldWords = try readResponses(
                .cold, request: request, sources: sources, catalogue: coldCatalogue, mapping: spec.mapping, sessions: sessions,
                paths: paths, into: &coldBuilder, read: &surveys.read)
            surveys.cold = coldBuilder
        }
        return (evaluations, surveys)
    }

    /// The registrations' files, opened, into `builder`; the words and labels they hold noted.
    /// A single CSV file of `halvesFrom` bytes or more is read in two halves: the second on
    /// the other core (`secondHalf`) while this one reads the first, then taken in as if read
    /// after it (`DatasetBuilder.append`): the same ids, rows, warnings, rejects and lines.
    private func readRegistrations(
        _ tables: [any InputTable], request: ReportRequest, sources: Sources, into builder: inout DatasetBuilder,
        read: inout ReadInputs
    ) throws -> RegistrationWords {
        var words = RegistrationWords()
        for table in tables {
            var validator = RegistrationValidator(
                catalogue: sources.catalogue, columns: table.columns, mapping: request.registrations.mapping, file: table.path)
            validator.fileNumber = builder.file(table.path)
            var first: any InputTable = table
            var second: Background<Result<SecondHalf, any Error>>?
            var taken: SecondHalf?
            // A file that cannot be sized or split here is read whole: its error, if any, comes from that reading.
            if tables.count == 1, let csv = table as? CSVTable, (try? csv.size()) ?? 0 >= halvesFrom,
                let split = try? csv.splitPoint(near: halvesAt)
            {
                let other = secondHalf(of: csv, from: split, request: request, sources: sources)
                second = other
                // Where the first half's reading gets to the split point: it stops there if
                // a record starts there on the line the second half counted, else reads on.
                first = CSVHalf(
                    table: csv,
                    part: CSVTable.Part(split: split) { line in
                        second = nil
                        guard let line, case .success(let half) = other.take(), half.line == line, half.builder.holdsEveryPayer
                        else { return false }
                        taken = half
                        return true
                    })
            }
            let streamed = Result {
                try Self.stream(first, kind: .registrations, rejects: &read.rejects, sessions: builder.sessions) {
                    (validator.validate($0, into: &builder), validator.lastSession)
                }
            }
            _ = second?.take()  // not waited for at the split point (an error before it): no reading outlives the run
            var summary = try streamed.get()
            var seen = validator.seen
            if var half = taken {
                taken = nil  // `half` alone holds the second half's builder: taken in place below
                read.halvedAt = (first as? CSVHalf)?.part.split
                builder.append(&half.builder)
                summary.rowsRead += half.rows
                summary.rejected += half.rejects.count
                read.rejects += half.rejects
                seen = seen.then(half.seen)
            }
            read.inputs.append(summary)
            words.add(seen)
        }
        return words
    }

    /// Reads a registrations file from `split` to its end on another core, into a builder
    /// of its own that leaves duplicates to the first half's (`DatasetBuilder.later`), its
    /// lines numbered as in the whole file.
    private func secondHalf(
        of csv: CSVTable, from split: Int, request: ReportRequest, sources: Sources
    ) -> Background<Result<SecondHalf, any Error>> {
        let catalogue = sources.catalogue
        let expected = ((try? csv.size()) ?? split) - split
        return Background {
            Result {
                let line = try csv.lineNumber(at: split)
                var builder = DatasetBuilder.later(catalogue: catalogue, expectedRegistrations: expected / 140, asOf: request.asOf)
                var validator = RegistrationValidator(
                    catalogue: catalogue, columns: csv.columns, mapping: request.registrations.mapping, file: csv.path)
                validator.fileNumber = builder.file(csv.path)
                var rejects: [Diagnostic] = []
                let part = CSVHalf(table: csv, part: CSVTable.Part(start: (split, line)))
                let summary = try Self.stream(part, kind: .registrations, rejects: &rejects, sessions: builder.sessions) {
                    (validator.validate($0, into: &builder), validator.lastSession)
                }
                return SecondHalf(line: line, builder: builder, rejects: rejects, rows: summary.rowsRead, seen: validator.seen)
            }
        }
    }

    /// The entries of the job's value maps that no row of their input matched.
    private static func unusedEntries(
        _ request: ReportRequest, sources: Sources, registrations: RegistrationWords, evaluations: SurveyWords, cold: SurveyWords
    ) -> [Diagnostic] {
        let registrationMap = request.registrations.mapping
        let evaluationMap = request.evaluations.mapping
        let coldMap = request.cold?.mapping ?? .none
        let registrationFiles = sources.files(.registrations)
        let evaluationFiles = sources.files(.evaluations)
        let coldFiles = sources.files(.cold)
        return registrations.status.unused(
            registrationMap.status.keys, entry: "values.status", mapping: registrationMap, files: registrationFiles)
            + registrations.attendance.unused(
                registrationMap.attendance.keys, entry: "values.attendance", mapping: registrationMap, files: registrationFiles)
            + registrations.roles.unused(
                registrationMap.roles.keys, entry: "values.role", mapping: registrationMap, files: registrationFiles)
            + evaluations.answers.unused(evaluationMap.answers.keys, entry: "answers", mapping: evaluationMap, files: evaluationFiles)
            + LabelsSeen.unused(
                registrations: (registrations.labels, registrationMap, registrationFiles),
                evaluations: (evaluations.labels, evaluationMap, evaluationFiles))
            + cold.answers.unused(coldMap.answers.keys, entry: "answers", mapping: coldMap, files: coldFiles)
            + cold.labels.unused(coldMap, files: coldFiles)
    }

    /// The responses of one survey's files (the evaluations, or the cold ones) into
    /// `target`: one reader for both; the words and labels they hold noted for the job's maps.
    private func readResponses(
        _ kind: InputKind, request: ReportRequest, sources: Sources, catalogue: Catalogue, mapping: InputMapping,
        sessions: SessionTable, paths: DisplayPaths, into target: inout DatasetBuilder, read: inout ReadInputs
    ) throws -> SurveyWords {
        var words = SurveyWords()
        let schema: TableSchema =
            kind == .cold
            ? .cold(questions: (mapping.questions ?? []).map(\.column))
            : .evaluations(questions: catalogue.survey.questions.map(\.column))
        for path in sources.files(kind) {
            let table = try open(path, schema, mapping, paths: paths)
            var validator = ResponseValidator(catalogue: catalogue, columns: table.columns, mapping: mapping, file: table.path)
            validator.fileNumber = target.file(table.path)
            // A cold answer's date is checked against the day of the run (a typo: 2099).
            validator.checksAnswerDates = kind == .cold
            validator.today = request.today
            let summary = try Self.stream(table, kind: kind, rejects: &read.rejects, sessions: sessions) {
                (validator.validate($0, into: &target), validator.lastSession)
            }
            read.inputs.append(summary)
            words.answers.add(validator.answersSeen)
            words.labels.add(validator.labelsSeen)
        }
        return words
    }

    /// Opens one file of an input and says how it is read: its header is read and mapped,
    /// its rows are streamed later.
    func open(_ path: String, _ schema: TableSchema, _ mapping: InputMapping, paths: DisplayPaths) throws -> any InputTable {
        let show = paths.show
        let table = try InputTables.open(path, schema: schema, mapping: mapping)
        let separator = table.separatorName.map { ", séparateur « \($0 == "\t" ? "tabulation" : $0) »" } ?? ""
        logger.info(
            "[1/5] lecture : \(show(table.path)) : \(table.encodingName)\(separator), \(plural(table.columns.count, "colonne reconnue", "colonnes reconnues"))"
        )
        if let book = table as? XLSXTable, !book.hiddenSkipped.isEmpty {
            logger.notice(
                "[1/5] lecture : \(show(table.path)) : feuille « \(book.sheet) » lue, première visible ; \(book.hiddenSkipped.count > 1 ? "feuilles masquées ignorées" : "feuille masquée ignorée") : \(Self.clipped(book.hiddenSkipped.map(quoted))) (pour en lire une, nommez-la avec « sheet: »)"
            )
        }
        let unused = table.unusedHeaders
        if !unused.isEmpty {
            logger.info("[1/5] lecture : \(show(table.path)) : en-têtes non utilisés : \(Self.clipped(unused.map(quoted)))")
        }
        return table
    }

    /// Streams a table through `handle`, collecting rejected rows with their raw text.
    static func stream(
        _ table: any InputTable, kind: InputKind, rejects: inout [Diagnostic], sessions: SessionTable,
        handle: (RecordFields) -> (Result<Void, RowRejection>, Int32)
    ) throws -> InputSummary {
        var rows = 0
        var rejected = 0
        let cooperative = table.columns.firstIndex(of: "cooperative")
        let read = try table.forEachRecord { fields in
            rows += 1
            let (outcome, session) = fields.problem.map { (.failure(RowRejection(column: nil, $0)), -1) } ?? handle(fields)
            if case .failure(let why) = outcome {
                rejected += 1
                var d = Diagnostic(
                    severity: .error, file: table.path, line: fields.line, column: why.column,
                    message: FreeTextMask.masked(why.reason), raw: fields.raw, redactedRaw: fields.redactedRaw)
                d.value = why.value.map(FreeTextMask.masked)
                if session >= 0 { d.session = sessions.keys[Int(session)] }
                if let c = cooperative, c < fields.count, !fields.isEmpty(c) { d.cooperative = fields.text(c) }
                rejects.append(d)
            }
        }
        var summary = InputSummary(role: kind, path: table.path, bytes: read.bytes, sha256: read.sha256)
        summary.encoding = table.encodingName
        summary.separator = table.separatorName
        summary.headers = table.headerOf
        summary.rowsRead = rows
        summary.rejected = rejected
        return summary
    }
}
