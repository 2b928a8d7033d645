/// How a comment is shown, wherever one is printed (Commentaires, Plan d'amélioration):
/// a comment never narrows its author to fewer than `min_group_size` people (`metrics.md`,
/// Small groups; `reports.md`, Commentaires). Its session is named only when the session
/// has at least that many responses (otherwise its scores are hidden too, and the date,
/// which would point to the session, is left out); its cooperative only when the
/// cooperative has that many responses in that session. The text is already masked of
/// e-mail addresses and phone numbers (`FreeTextMask`, on reading).
public struct CommentView: Sendable, Equatable {
    public let programme: String
    /// The session's code, or nil when it is not shown.
    public let session: String?
    /// The submission time, nil when unknown or when the session is not shown.
    public let submittedAt: Timestamp?
    /// The cooperative's name, or nil when it is not shown.
    public let cooperative: String?
    public let text: String

    /// Said in the session's cell when it is not shown.
    public static func sessionHidden(_ minGroupSize: Int) -> String { "session non affichée (< \(minGroupSize) réponses)" }
    /// Said in the cooperative's cell when it is not shown.
    public static func cooperativeHidden(_ minGroupSize: Int) -> String { "coopérative non affichée (< \(minGroupSize) réponses)" }

    /// The rule, for one comment.
    public init(_ c: MetricsResult.Comment, minGroupSize: Int) {
        let sessionShown = c.sessionResponses >= minGroupSize
        programme = c.session.programme
        session = sessionShown ? c.session.session : nil
        submittedAt = sessionShown ? c.submittedAt : nil
        cooperative = sessionShown && c.cooperativeResponses >= minGroupSize ? c.cooperative : nil
        text = c.text
    }

    /// Every comment of the run as shown, in the run's order except that those whose
    /// session is not shown come after the other comments of their programme: their place
    /// in a list ordered by session would name it.
    /// Programmes come in the order of their first comment. One pass: each comment goes to
    /// its programme's shown or hidden list (a sort by those keys compared a hundred
    /// thousand comments' programmes by name 1.7 million times at a million registrations).
    public static func list(_ m: MetricsResult) -> [CommentView] {
        var programmes: [String: Int] = [:]
        var lists: [[CommentView]] = []  // per programme in order: shown, then hidden
        for c in m.comments {
            let view = CommentView(c, minGroupSize: m.minGroupSize)
            let p: Int
            if let known = programmes[view.programme] {
                p = known
            } else {
                p = lists.count / 2
                programmes[view.programme] = p
                lists += [[], []]
            }
            lists[2 * p + (view.session == nil ? 1 : 0)].append(view)
        }
        return Array(lists.joined())
    }
}
