import Testing

@testable import CoopReport

@Suite("HalfDays")
struct HalfDaysTests {
    @Test("each half keeps present, absent or not given", arguments: [true, false, nil] as [Bool?])
    func roundTrip(morning: Bool?) {
        for afternoon in [true, false, nil] as [Bool?] {
            let h = HalfDays(morning: morning, afternoon: afternoon)
            #expect(h.morning == morning && h.afternoon == afternoon)
            #expect(h.recorded == (morning != nil || afternoon != nil))
        }
    }

    @Test("halves present: an empty half beside a given one counts as not present; none given is nil")
    func present() {
        #expect(HalfDays(morning: true, afternoon: true).present == 2)
        #expect(HalfDays(morning: true, afternoon: nil).present == 1)
        #expect(HalfDays(morning: false, afternoon: nil).present == 0)
        #expect(HalfDays.none.present == nil)
    }

    @Test("a stored registration stays 56 bytes with its half-days (BENCHMARKS.md)")
    func size() {
        #expect(MemoryLayout<HalfDays>.size == 1)
        #expect(MemoryLayout<RegistrationRow>.stride == 56)
    }
}
