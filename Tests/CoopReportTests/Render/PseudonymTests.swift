import Crypto
import Foundation
import Logging
import Testing

@testable import CoopReport

/// The pseudonyms of Relevé d'assiduité and Parcours cannot be reversed without the job's
/// secret (issue 19, point 2): a hash of the identifier with a constant known to all was
/// reversed for all 36 participants of the sample by trying P000–P999.
@Suite("Pseudonyms")
struct PseudonymTests {
    /// The Qualiopi job with `pseudonymise: true`, and `pseudonym_key` when a secret is given.
    static func run(secret: String?, in dir: TemporaryDirectory) throws -> (XLSXReader, ReportOutcome) {
        var text = try String(contentsOfFile: Repository.path("jobs/qualiopi-FVC-2122.yml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "pseudonymise: false", with: "pseudonymise: true")
        if let secret { text += "\npseudonym_key: \(try dir.write("secret.txt", secret + "\n"))\n" }
        var job = try JobReader.parse(text, path: Repository.path("jobs/qualiopi-FVC-2122.yml"))
        job.output = dir.path + "/out"
        var request = ReportRequest(job: job, asOf: nil, today: Fixtures.day("2022-07-31"))
        request.outputDirectory = dir.path + "/out"
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let outcome = try Pipeline(logger: logger).run(request)
        let workbook = try #require(outcome.outputs.first { $0.hasSuffix(".xlsx") })
        return (try XLSXReader(url: URL(fileURLWithPath: workbook)), outcome)
    }

    /// The pseudonyms of the Relevé d'assiduité (its name column).
    static func pseudonyms(_ x: XLSXReader) -> Set<String> {
        Set(
            x.grid(EvidenceSheets.attendanceName).dropFirst().compactMap { $0.count > 4 ? $0[4]?.value : nil }.filter { $0.hasPrefix("P-") }
        )
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String { bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() }

    /// Every pseudonym an attacker without the secret can make for P000–P999: the former
    /// public-constant hash, and the keyed hash with an empty key or the constant as key.
    static func guesses() -> Set<String> {
        var out = Set<String>()
        for i in 0...999 {
            let id = "P" + String(repeating: "0", count: 3 - String(i).count) + String(i)
            let old = SHA256.hash(data: Array("coopreport-pseudonym:\(id)".utf8))
            out.insert("P-" + hex(old.prefix(4)))
            out.insert("P-" + hex(old.prefix(6)))
            out.insert(People.pseudonym(id, key: []))
            out.insert(People.pseudonym(id, key: Array("coopreport-pseudonym:".utf8)))
        }
        return out
    }

    static let secret = "3f9c1e7a5b2d8c4f6a0e1b3d5c7f9a2b"

    @Test("trying P000–P999 without the secret finds no pseudonym; with it, every one")
    func bruteForce() throws {
        let dir = try TemporaryDirectory()
        let (x, _) = try Self.run(secret: Self.secret, in: dir)
        let shown = Self.pseudonyms(x)
        #expect(shown.count >= 30)
        #expect(shown.isDisjoint(with: Self.guesses()))
        // The same search with the secret finds those of P001–P040 (the others are
        // identified by e-mail): the search itself is sound.
        let withSecret = Set(
            (0...999).map { i in
                People.pseudonym("P" + String(repeating: "0", count: 3 - String(i).count) + String(i), key: Array(Self.secret.utf8))
            })
        #expect(shown.intersection(withSecret).count >= 30)
        // No name is shown beside them.
        let texts = x.grid(EvidenceSheets.attendanceName).flatMap { $0.compactMap { $0?.value } }
        #expect(!texts.contains("LE GOFF Yann"))
    }

    @Test("the same secret gives the same pseudonyms in the next report; without one they change, and an alert says so")
    func stability() throws {
        let (a, _) = try Self.run(secret: Self.secret, in: try TemporaryDirectory())
        let (b, _) = try Self.run(secret: Self.secret, in: try TemporaryDirectory())
        #expect(Self.pseudonyms(a) == Self.pseudonyms(b))
        let (c, outcome) = try Self.run(secret: nil, in: try TemporaryDirectory())
        #expect(Self.pseudonyms(c).isDisjoint(with: Self.pseudonyms(a)))
        #expect(Self.pseudonyms(c).isDisjoint(with: Self.guesses()))
        #expect(outcome.document.warnings.contains { $0.message.contains("pseudonym_key") })
    }

    @Test("pseudonym_key: a missing or short secret, or one without pseudonymise, stops the job with what is expected")
    func jobKey() throws {
        let dir = try TemporaryDirectory()
        let head = Fixtures.jobHead
        func error(_ text: String) -> String {
            do {
                _ = try JobReader.parse(text, path: dir.path + "/job.yml")
                return ""
            } catch { return "\(error)" }
        }
        let missing = error(head + "pseudonymise: true\npseudonym_key: absent.txt\n")
        #expect(missing.contains("fichier introuvable") && missing.contains("au moins 16 caractères"))
        _ = try dir.write("short.txt", "abc\n")
        #expect(error(head + "pseudonymise: true\npseudonym_key: short.txt\n").contains("a 3 caractères"))
        _ = try dir.write("good.txt", Self.secret + "\n")
        #expect(error(head + "pseudonym_key: good.txt\n").contains("pseudonymise: true"))
        let job = try JobReader.parse(head + "pseudonymise: true\npseudonym_key: good.txt\n", path: dir.path + "/job.yml")
        #expect(job.options.pseudonymKey == Array(Self.secret.utf8))
    }
}
