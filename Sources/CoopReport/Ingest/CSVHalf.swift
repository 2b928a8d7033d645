import Foundation

/// One half of a large CSV file read on two cores (`Pipeline.readRegistrations`): the first
/// from the data's start up to a split point, the second from there to the end, its lines
/// numbered as in the whole file. The pipeline streams either like any input.
///
/// The split point is a guess (`CSVTable.splitPoint`): a quoted field may hold line breaks,
/// so a line's start is not always a record's. The first half's reading tells: it stops at
/// the split point only if a record starts there, on the line the second half counted
/// (`CSVTable.Part.atSplit`); otherwise it reads on to the end, as a single reading would.
struct CSVHalf: InputTable {
    let table: CSVTable
    let part: CSVTable.Part

    var path: String { table.path }
    var columns: [String] { table.columns }
    var unusedHeaders: [String] { table.unusedHeaders }
    var headerOf: [String: String] { table.headerOf }
    var encodingName: String { table.encodingName }
    var separatorName: String? { table.separatorName }

    func forEachRecord(_ body: (RecordFields) -> Void) throws -> CSVTable.Read { try table.forEachRecord(part, body) }
}

extension CSVTable {
    /// Which part of the file a reading covers (`forEachRecord(_:_:)`): the whole file by default.
    struct Part {
        /// Where the reading starts, a line's first byte, and that line's number; nil: at the
        /// data's start.
        var start: (offset: Int, line: Int)?
        /// A byte where the reading may stop: once the next record would start there or past
        /// it, `atSplit` is called, once, with the line number there — nil when a record runs
        /// over that byte, which is then no record's start — and the reading stops if it
        /// returns true.
        var split: Int?
        var atSplit: (Int?) -> Bool = { _ in false }
    }

    /// The file's size in bytes.
    func size() throws -> Int {
        switch source {
        case .bytes(let bytes): return bytes.count
        case .file(let name):
            do { return (try FileManager.default.attributesOfItem(atPath: name)[.size] as? Int) ?? 0 } catch {
                throw IngestError.unreadable(path: path, reason: error.localizedDescription)
            }
        }
    }

    /// A byte at about `fraction` of the data where a record seems to start, to read the
    /// file in two halves: the start of a line that reads as one whole record of the
    /// header's width (a line that does not is skipped, and so are the lines a record read
    /// from it spans). nil when none is found near there.
    func splitPoint(near fraction: Double) throws -> Int? {
        let size = try size()
        let target = dataStart + Int(Double(size - dataStart) * fraction)
        guard target > dataStart, target < size else { return nil }
        // The next 64 kB are enough to find a line that reads as a record.
        let reader = try ChunkReader(source, path: path, chunkSize: 1 << 16, hashing: false, from: target)
        while !reader.atEnd && reader.count < 1 << 16 { try reader.fill(keepingFrom: 0) }  // or the file's end is known
        let final = reader.atEnd
        return reader.valid.withUnsafeBufferPointer { bytes -> Int? in
            var start = bytes.firstIndex(of: 0x0A).map { $0 + 1 }  // the first line's start after the target
            while let at = start {
                var scanner = CSVScanner(separator: separatorByte, start: at, line: 1)
                var record = CSVScanner.Record()
                guard scanner.next(in: bytes, final: final, into: &record) == .record else { return nil }
                if !record.unterminatedQuote, !record.textAfterMultilineQuote, record.fields.count == header.count {
                    return target + at
                }
                start = scanner.position > at ? scanner.position : nil  // the line after that record
            }
            return nil
        }
    }

    /// The line number at byte `offset`, a line's first byte, counting a line for each line
    /// feed of the data before it, as the scanner does (quoted or not); a carriage return
    /// alone, which ends a line only outside quotes, is not counted: the first half's
    /// reading then finds another number at the split point and reads on.
    func lineNumber(at offset: Int) throws -> Int {
        let reader = try ChunkReader(source, path: path, chunkSize: chunkSize, hashing: false)
        var line = dataLine
        var left = offset
        var skip = dataStart
        while true {
            let n = min(left, reader.count)
            line += reader.valid.withUnsafeBufferPointer { Self.lineFeeds(in: UnsafeBufferPointer(rebasing: $0[min(skip, n)..<n])) }
            skip = max(skip - n, 0)
            left -= n
            if left == 0 || reader.atEnd { return line }
            try reader.fill(keepingFrom: reader.count)
        }
    }

    /// How many line feeds the bytes hold (memchr: the C library's fast scan).
    private static func lineFeeds(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return 0 }
        let end = base + bytes.count
        var at = base
        var count = 0
        while at < end, let hit = memchr(at, 0x0A, end - at) {
            count += 1
            at = UnsafeRawPointer(hit) + 1
        }
        return count
    }
}
