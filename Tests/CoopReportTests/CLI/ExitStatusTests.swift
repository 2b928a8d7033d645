import Testing

@testable import CoopReport

@Suite("ExitStatus")
struct ExitStatusTests {
    struct Unexpected: Error {}

    @Test("each kind of error maps to its code of the contract")
    func mapping() {
        #expect(ExitStatus.forError(IngestError.fileNotFound(path: "x")) == .inputMissing)
        #expect(ExitStatus.forError(IngestError.noMatch(pattern: "x*")) == .inputMissing)
        #expect(ExitStatus.forError(JobError.invalid(path: "j", line: 1, keyPath: "k", message: "m")) == .usage)
        #expect(ExitStatus.forError(StrictModeError(rejected: 1)) == .dataErrors)
        #expect(ExitStatus.forError(OutputError.notWritable(path: "o", reason: "r")) == .outputNotWritable)
        #expect(ExitStatus.forError(OutputError.workbook(path: "o", reason: "r")) == .failure)
        #expect(ExitStatus.forError(LockedError(directory: "o", holder: "", waited: 0)) == .locked)
        #expect(ExitStatus.forError(Unexpected()) == .failure)
        #expect(ExitStatus.allCases.map(\.rawValue) == [0, 1, 64, 65, 66, 73, 75])
    }
}
