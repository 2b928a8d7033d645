import Foundation
import Logging

@testable import CoopReport

/// A complete small run on disk: three input files written inline, the pipeline run into
/// a temporary folder. The expected figures are worked out by hand in the tests.
struct SmallRun {
    static let catalogue = """
        programmes:
          - code: P
            title: "Programme P"
            sessions:
              - {code: A, title: "Session A", start: 2022-01-10, hours: 7, price_ht: 100, capacity: 10, objectives: ["Savoir faire A"]}
              - {code: B, title: "Session B", start: 2022-02-10, hours: 7, requires: [A]}
        """

    /// `;`, BOM, CRLF, French headers and values. Line 7 is rejected (unknown session).
    static let registrations =
        "\u{FEFF}formation;session;identifiant;nom;prénom;courriel;coopérative;statut;présence\r\n"
        + "P;A;p1;Durand;Léa;lea@example.org;Coop Un;inscrit;présent\r\n"
        + "P;A;p2;Martin;Paul;paul@example.org;Coop Un;inscrit;absent\r\n"
        + "P;A;p3;Petit;Zoé;zoe@example.org;Coop Deux;inscrit;partiel\r\n"
        + "P;B;p1;Durand;Léa;lea@example.org;Coop Un;inscrit;présent\r\n"
        + "P;B;p2;Martin;Paul;paul@example.org;Coop Un;inscrit;présent\r\n"
        + "P;Z;p4;Secret;Nom;secret@example.org;Coop Un;inscrit;présent\r\n"

    /// `,`, a quoted multi-line comment, a formula-looking comment; line 6 is rejected (9 is off the scale).
    static let evaluations =
        "programme,session,participant_id,overall,objective_1,recommend,comment\n"
        + "P,A,p1,5,4,10,\"=HYPERLINK(\"\"http://x\"\")\"\n"
        + "P,A,p3,Satisfait,2,7,\"deux\nlignes\"\n"
        + "P,A,,2,,3,\n"
        + "P,B,p1,9,,,\n"

    let directory: TemporaryDirectory
    let outcome: ReportOutcome
    var out: String { directory.url.appendingPathComponent("out").path }

    /// The registers of indicators 31 and 32, the cold evaluations and the member list, when
    /// given (nil: not given); `now` is the run's clock (the workbook's creation date).
    init(
        minGroupSize: Int = 3, period: Period = Period(), options: ReportOptions = ReportOptions(),
        catalogue: String = SmallRun.catalogue, registrations: String = SmallRun.registrations, complaints: String? = nil,
        actions: String? = nil, cold: String? = nil, members: String? = nil, evaluations: String = SmallRun.evaluations,
        asOf: Day = Fixtures.day("2022-03-01"), now: @escaping @Sendable () -> Date = Date.init
    ) throws {
        directory = try TemporaryDirectory()
        var request = ReportRequest(
            catalogue: try directory.write("catalogue.yml", catalogue),
            registrations: try directory.write("registrations.csv", registrations),
            evaluations: try directory.write("evaluations.csv", evaluations),
            outputDirectory: directory.url.appendingPathComponent("out").path,
            asOf: asOf, minGroupSize: minGroupSize)
        request.period = period
        request.options = options
        if let complaints { request.complaints = InputSpec(try directory.write("reclamations.csv", complaints)) }
        if let actions { request.actions = InputSpec(try directory.write("actions.csv", actions)) }
        if let cold { request.cold = InputSpec(try directory.write("froid.csv", cold)) }
        if let members { request.members = InputSpec(try directory.write("adherents.csv", members)) }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        outcome = try Pipeline(logger: logger, now: now).run(request)
    }

    func workbook() throws -> XLSXReader { try XLSXReader(url: URL(fileURLWithPath: out + "/report.xlsx")) }

    func metricsJSON() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: out + "/metrics.json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
