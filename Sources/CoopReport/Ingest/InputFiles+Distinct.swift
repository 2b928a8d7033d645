import Foundation

extension InputFiles {
    /// Refuses a file given for two inputs (the same path, or the same file reached by
    /// another name: a link, `./`): its rows would be read twice and its rejected rows
    /// counted twice (docs/decisions.md, « Un fichier pour deux entrées »). `inputs` are
    /// each kind with its expanded files, in the job's order.
    static func checkDistinct(_ inputs: [(role: InputKind, files: [String])]) throws {
        var seen: [String: (role: InputKind, path: String)] = [:]
        for (role, files) in inputs {
            for path in Set(files).sorted() {
                let id = identity(path)
                if let first = seen[id] {
                    throw IngestError.sameFile(path: path, roles: [first.role, role])
                }
                seen[id] = (role, path)
            }
        }
    }

    /// The file's device and inode when it can be read, else its standardised path.
    private static func identity(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return URL(fileURLWithPath: path).standardizedFileURL.path }
        return "\(info.st_dev):\(info.st_ino)"
    }
}
