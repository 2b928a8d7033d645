/// One member cooperative of the federation, as the member list (`inputs.members`,
/// data-contract.md §4, version 3) gives it. Texts are as written, trimmed; an optional
/// column left empty (or absent) is "".
public struct Member: Sendable, Equatable {
    /// The canonical name: every figure, sheet and metrics.json names the member by it.
    public let name: String
    public let department: String
    public let region: String
    /// The postal address, printed as the employer's on a certificate of completion.
    public let address: String
    /// The contact e-mail (empty when absent or not an e-mail address).
    public let email: String
    /// Other spellings of the name seen in exports (« CHB », « Castors de l'Ouest »).
    public let aliases: [String]
    /// The line of the member list where the member is written (header = line 1).
    public let line: Int

    public init(
        name: String, department: String = "", region: String = "", address: String = "", email: String = "", aliases: [String] = [],
        line: Int = 0
    ) {
        self.name = name
        self.department = department
        self.region = region
        self.address = address
        self.email = email
        self.aliases = aliases
        self.line = line
    }

    /// The name and each alias: the spellings the member is known by.
    public var spellings: [String] { [name] + aliases }
}

/// The member list of a run: the members in the file's order, found by any spelling
/// ignoring case, accents and punctuation (`TextKey`: « coop habitat bretagne »,
/// « Coop’Habitat Bretagne » and « COOP HABITAT BRETAGNE » are one member). Two members
/// never share a spelling: the list's reader rejects the later one (`MemberValidator`).
public struct MemberList: Sendable {
    public let members: [Member]
    /// The `TextKey` of each spelling → the member's place in `members`.
    private let index: [String: Int]

    public init(_ members: [Member]) {
        self.members = members
        var index: [String: Int] = [:]
        for (i, m) in members.enumerated() {
            for spelling in m.spellings {
                let key = TextKey.of(spelling)
                if !key.isEmpty, index[key] == nil { index[key] = i }
            }
        }
        self.index = index
    }

    /// The member `text` names, by its name or an alias, ignoring case, accents and
    /// punctuation; nil when none does (a text with no letter or digit names none).
    public func member(named text: String) -> Member? { position(of: text).map { members[$0] } }

    /// The member's place in `members`, when `text` names one.
    func position(of text: String) -> Int? {
        let key = TextKey.of(text)
        return key.isEmpty ? nil : index[key]
    }
}
