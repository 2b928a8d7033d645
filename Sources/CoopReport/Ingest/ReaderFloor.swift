import Foundation

/// The benchmark's reader floor (`coopreport bench-read`): the registrations and the
/// evaluations read as a run reads them — each on a core of its own, chunk by chunk, every
/// record found, its fields loaded and their UTF-8 checked, the file hashed — but nothing
/// validated and nothing kept. What a run takes beyond it is validation, the model, the
/// figures and the writing.
public enum ReaderFloor {
    /// Each file's records, counted; the evaluations are read on another thread while
    /// the registrations are read on this one, as `Pipeline.readInputs` does.
    public static func scan(registrations: String, evaluations: String, catalogue: Catalogue) throws -> (registrations: Int, responses: Int)
    {
        let questions = catalogue.survey.questions.map(\.column)
        let other = Background { Result { try count(evaluations, schema: .evaluations(questions: questions)) } }
        let here = Result { try count(registrations, schema: .registrations) }
        let there = other.take()
        return (try here.get(), try there.get())
    }

    private static func count(_ path: String, schema: TableSchema) throws -> Int {
        let table = try InputTables.open(path, schema: schema, mapping: .none)
        var records = 0
        _ = try table.forEachRecord { _ in records += 1 }
        return records
    }
}
