/// The half-day sign-ins of a registration (`morning`, `afternoon`, `data-contract.md` §2):
/// each present, absent or not given. One byte, so that it fits in `RegistrationRow`'s
/// padding: bits 0–1 the morning, 2–3 the afternoon (0 not given, 1 present, 2 absent).
public struct HalfDays: Sendable, Equatable {
    private var bits: UInt8

    /// Neither half given: attendance comes from the `attendance` column.
    public static let none = HalfDays(morning: nil, afternoon: nil)

    /// true = present, false = absent, nil = not given.
    public init(morning: Bool?, afternoon: Bool?) {
        func code(_ b: Bool?) -> UInt8 { b.map { $0 ? 1 : 2 } ?? 0 }
        bits = code(morning) | code(afternoon) << 2
    }

    private static func mark(_ code: UInt8) -> Bool? { code == 0 ? nil : code == 1 }

    public var morning: Bool? { Self.mark(bits & 3) }
    public var afternoon: Bool? { Self.mark(bits >> 2 & 3) }
    /// Either half given: then the half-days decide attendance (docs/decisions.md).
    public var recorded: Bool { bits != 0 }

    /// Halves signed present (0, 1 or 2), nil when none is given; an empty half next to
    /// a given one counts as not present.
    public var present: Int? {
        recorded ? (morning == true ? 1 : 0) + (afternoon == true ? 1 : 0) : nil
    }
}
