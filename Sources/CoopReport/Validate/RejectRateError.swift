/// Too many rows of an input were rejected: the export is probably not what the mapping
/// expects, so no report is written (a job's `max_reject_rate`).
public struct RejectRateError: Error, Equatable, CustomStringConvertible {
    /// The input at fault: `registrations`, `evaluations` or `cold` (`InputKind.isHeldToRejectRate`).
    public let role: InputKind
    public let rejected: Int
    public let read: Int
    public let maxRate: Double
    /// The column behind most rejections, how many, and the first such diagnostic.
    public let worstColumn: String
    public let worstCount: Int
    public let example: String

    public var description: String {
        let rate = read == 0 ? 0 : Double(rejected) / Double(read)
        return
            "erreur : \(role.rawValue) : \(rejected) \(rejected > 1 ? "lignes écartées" : "ligne écartée") sur \(read) (\(percent(rate))), au-delà de « max_reject_rate » \(percent(maxRate)) ; "
            + "la plupart pour la colonne « \(worstColumn) » (\(worstCount) \(worstCount > 1 ? "lignes" : "ligne")), par exemple \(example). "
            + "Vérifiez l'export et la correspondance de cette colonne dans le fichier de tâche ; rien n'a été écrit."
    }

    private func percent(_ x: Double) -> String {
        let tenths = (x * 1000).rounded() / 10
        return "\(tenths) %".replacingOccurrences(of: ".", with: ",")
    }

    /// The error for an input whose rejects exceed `maxRate`, or nil.
    static func check(role: InputKind, read: Int, rejects: [Diagnostic], maxRate: Double) -> RejectRateError? {
        guard read > 0, Double(rejects.count) / Double(read) > maxRate else { return nil }
        var counts: [String: Int] = [:]
        for d in rejects { counts[d.column ?? "(ligne entière)", default: 0] += 1 }
        let worst = counts.max { ($0.value, $1.key) < ($1.value, $0.key) } ?? ("(ligne entière)", 0)
        let example = rejects.first { ($0.column ?? "(ligne entière)") == worst.key }.map(\.description) ?? ""
        return RejectRateError(
            role: role, rejected: rejects.count, read: read, maxRate: maxRate,
            worstColumn: worst.key, worstCount: worst.value, example: example)
    }
}
