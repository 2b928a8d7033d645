import Foundation
import Logging

/// The run, stage by stage: ingest → validate → model → metrics → render. Each stage
/// hands a named value to the next; only ingest reads files and only render writes them.
/// The CSVs are streamed: each row is validated and added to the model as it is read.
public struct Pipeline {
    public static let toolVersion = "0.1.0"

    public let logger: Logger
    /// The clock, for the manifest's start and end times only.
    public let now: @Sendable () -> Date

    public init(logger: Logger, now: @escaping @Sendable () -> Date = Date.init) {
        self.logger = logger
        self.now = now
    }

    public func run(_ request: ReportRequest) throws -> ReportOutcome {
        let started = now()
        logger.info(
            "job: catalogue \(request.catalogue), registrations \(request.registrations), evaluations \(request.evaluations), period \(request.period.french), as of \(request.asOf.iso), min group size \(request.minGroupSize), out \(request.outputDirectory), coopreport \(Pipeline.toolVersion)"
        )

        // [1/5] ingest: the catalogue, then each CSV's header.
        var clock = StageClock(now: now)
        let catalogue = try CatalogueReader.read(path: request.catalogue)
        var catalogueInput = try InputFile.summary(role: "catalogue", path: request.catalogue)
        catalogueInput.rowsRead = catalogue.programmes.reduce(0) { $0 + $1.sessions.count }
        let registrationsTable = try CSVTable(path: request.registrations, schema: .registrations)
        let evaluationsTable = try CSVTable(
            path: request.evaluations,
            schema: .evaluations(questions: catalogue.survey.questions.map(\.column)))
        logger.info(
            "[1/5] ingest: \(catalogue.programmes.count) programme(s), \(catalogueInput.rowsRead) session(s); registrations \(registrationsTable.encoding.rawValue) '\(registrationsTable.separator)', evaluations \(evaluationsTable.encoding.rawValue) '\(evaluationsTable.separator)' (\(clock.lap()))"
        )

        // [2/5] validate and [3/5] model, in one streaming pass per file.
        var builder = DatasetBuilder(
            catalogue: catalogue, registrationsFile: request.registrations,
            evaluationsFile: request.evaluations)
        var rejects: [Diagnostic] = []
        let registrationValidator = RegistrationValidator(catalogue: catalogue, columns: registrationsTable.columns)
        let registrationsInput = stream(registrationsTable, role: "registrations", rejects: &rejects) { row in
            registrationValidator.validate(line: row.line, values: row.values).map { builder.add($0) }
        }
        let responseValidator = ResponseValidator(catalogue: catalogue, columns: evaluationsTable.columns)
        let evaluationsInput = stream(evaluationsTable, role: "evaluations", rejects: &rejects) { row in
            responseValidator.validate(line: row.line, values: row.values).map { builder.add($0) }
        }
        for input in [registrationsInput, evaluationsInput] {
            logger.info("[2/5] validate: \(input.path): \(input.rowsRead) rows read, \(input.rejected) rejected, \(input.used) used")
        }
        for reject in rejects { logger.warning("\(reject)") }
        let dataset = builder.build()
        logger.info(
            "[3/5] model: \(dataset.registrations.count) registrations, \(dataset.responses.count) responses, \(dataset.warnings.count) duplicate(s) (\(clock.lap()))"
        )

        // [4/5] metrics
        let metrics = MetricsCalculator(period: request.period, asOf: request.asOf, minGroupSize: request.minGroupSize)
            .compute(dataset, evaluationsFile: request.evaluations)
        let warnings = dataset.warnings + metrics.warnings
        for warning in warnings { logger.notice("\(warning)") }
        logger.info(
            "[4/5] metrics: \(metrics.sessions.count) session(s), \(metrics.programmes.count) programme(s), \(metrics.cooperatives.count) cooperative(s), \(metrics.months.count) month(s) (\(clock.lap()))"
        )

        // [5/5] render
        let document = ReportDocument(
            metrics: metrics, inputs: [catalogueInput, registrationsInput, evaluationsInput],
            rejects: rejects, warnings: warnings, toolVersion: Pipeline.toolVersion)
        let outputs = try ReportFiles(directory: request.outputDirectory).write(document, started: started, now: now)
        logger.info("[5/5] render: \(outputs.joined(separator: ", ")) (\(clock.lap()))")
        return ReportOutcome(document: document, outputs: outputs)
    }

    /// Streams a table through `handle`, collecting rejected rows with their raw text.
    private func stream(
        _ table: CSVTable, role: String, rejects: inout [Diagnostic],
        handle: (CSVTable.Row) -> Result<Void, RowRejection>
    ) -> InputSummary {
        var summary = table.summary(role: role)
        table.forEachRow { row in
            summary.rowsRead += 1
            let outcome: Result<Void, RowRejection> = row.problem.map { .failure(RowRejection(column: nil, $0)) } ?? handle(row)
            if case .failure(let why) = outcome {
                summary.rejected += 1
                rejects.append(
                    Diagnostic(
                        severity: .error, file: table.path, line: row.line, column: why.column,
                        message: why.reason, raw: row.raw, redactedRaw: row.redactedRaw))
            }
        }
        return summary
    }
}

/// Times the stages for the log.
struct StageClock {
    let now: () -> Date
    var last: Date

    init(now: @escaping () -> Date) {
        self.now = now
        last = now()
    }

    mutating func lap() -> String {
        let t = now()
        defer { last = t }
        return String(format: "%.0f ms", t.timeIntervalSince(last) * 1000)
    }
}
