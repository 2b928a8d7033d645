/// Hands back one shared copy of each distinct string, so that a million rows naming the
/// same few cooperatives, roles and people hold each text once (the rows are kept for the
/// participant-level figures).
public final class Interner {
    private var seen: Set<String> = []

    public init() {}

    /// The shared copy of `text`.
    public func callAsFunction(_ text: String) -> String {
        if text.isEmpty { return text }
        return seen.insert(text).memberAfterInsert
    }
}
