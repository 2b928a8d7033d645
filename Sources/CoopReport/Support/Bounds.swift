/// The ceilings of the numbers a catalogue or a job gives (README, « Bornes des nombres »):
/// a value past them is a typo, and would otherwise exhaust memory (a scale of a billion
/// points), overflow a sum (a price of 1e308) or break the workbook (more columns than
/// Excel has). `check` and `run` refuse it alike, naming the key and its line.
public enum Bounds {
    /// A survey scale's `min` and `max`: 0 to 10 points, the widest usual scale (NPS's).
    public static let scale = 0...10
    /// A session's `hours` (besides 24 a day between its dates): 10,000 h, five years full time.
    public static let sessionHours = 0.0...10_000
    /// A session's `price_ht` per registrant: 0 to 1,000,000 €.
    public static let price = 0.0...1_000_000
    /// A session's `capacity`: 1 to 100,000 seats.
    public static let capacity = 1...100_000
    /// The job's `min_group_size`: 1 to 1,000 answers.
    public static let groupSize = 1...1_000
    /// The BPF's trainees entered by hand (`bpf.subcontracted`, `bpf.entrusted`).
    public static let bpfTrainees = 0...1_000_000
    /// The BPF's hours entered by hand.
    public static let bpfHours = 0.0...100_000_000
}
