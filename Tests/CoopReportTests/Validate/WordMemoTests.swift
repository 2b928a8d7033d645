import Testing

@testable import CoopReport

/// A file read in two halves has two memos per column; what they saw is joined as one memo
/// would have seen it (`WordMemo.seen(_:then:)`), its limit of 4,096 texts included.
@Suite("Word memo")
struct WordMemoTests {
    /// What one memo sees of these texts, in this order.
    static func seen(_ texts: [String]) -> [String]? {
        var memo = WordMemo<Int>()
        for text in texts {
            var copy = text
            _ = copy.withUTF8 { memo.value($0) { _ in 1 } }
        }
        return memo.seen
    }

    @Test("the first half's texts, then the second's new ones, in the order met")
    func joined() {
        let first = ["inscrit", "annulé", "inscrit"]
        let later = ["liste d'attente", "annulé", "Inscrit"]
        #expect(WordMemo<Int>.seen(Self.seen(first), then: Self.seen(later)) == ["inscrit", "annulé", "liste d'attente", "Inscrit"])
        #expect(WordMemo<Int>.seen(Self.seen(first), then: Self.seen(later)) == Self.seen(first + later))
    }

    @Test("texts told apart by their bytes: a combining accent is another text")
    func bytes() {
        let composed = "annul\u{E9}"
        let combining = "annule\u{301}"
        #expect(composed == combining)  // equal as Strings…
        #expect(WordMemo<Int>.seen([composed], then: [combining]) == [composed, combining])  // …two texts to the memo
        #expect(Self.seen([composed, combining])?.count == 2)
    }

    @Test("too many distinct texts over both halves, though not in either: nothing to tell, as for one memo")
    func limit() {
        let first = (0..<3000).map { "a\($0)" }
        let later = (0..<3000).map { "b\($0)" }
        #expect(Self.seen(first) != nil)
        #expect(Self.seen(later) != nil)
        #expect(Self.seen(first + later) == nil)
        #expect(WordMemo<Int>.seen(Self.seen(first), then: Self.seen(later)) == nil)
        // 4,094 distinct texts are told (the memo counts the empty text among its 4,096), 4,095 are not.
        let edge = (0..<2047).map { "c\($0)" }
        #expect(Self.seen(first.prefix(2047) + edge)?.count == 4094)
        #expect(WordMemo<Int>.seen(Self.seen(Array(first.prefix(2047))), then: Self.seen(edge))?.count == 4094)
        #expect(Self.seen(first.prefix(2048) + edge) == nil)
        #expect(WordMemo<Int>.seen(Self.seen(Array(first.prefix(2048))), then: Self.seen(edge)) == nil)
        #expect(WordMemo<Int>.seen(nil, then: ["x"]) == nil)
    }
}
