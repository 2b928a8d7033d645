import ArgumentParser

/// `--catalogue`, `--registrations`, `--evaluations`: the canonical files given by path,
/// shared by `report` and the benchmark's `bench-read`.
struct CanonicalInputs: ParsableArguments {
    @Option(help: "Le catalogue des programmes et des sessions (YAML).")
    var catalogue: String

    @Option(help: "L'export des inscriptions (CSV).")
    var registrations: String

    @Option(help: "L'export des évaluations (CSV).")
    var evaluations: String
}
