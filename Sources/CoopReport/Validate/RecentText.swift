import Foundation

/// The last text met in one column, and its pool id: exports list a person's rows
/// together, so the next row's name, e-mail, cooperative and role are usually the same
/// bytes, found by one comparison instead of a hash and a probe in the pool.
struct RecentText {
    private var bytes: [UInt8] = []
    private var id: Int32 = 0

    /// The id of `text`: the remembered one when the bytes are the same, else `intern`'s.
    mutating func id(_ text: UnsafeBufferPointer<UInt8>, _ intern: (UnsafeBufferPointer<UInt8>) -> Int32) -> Int32 {
        guard let base = text.baseAddress, !text.isEmpty else { return intern(text) }
        if text.count == bytes.count, bytes.withUnsafeBufferPointer({ $0.baseAddress.map { memcmp($0, base, text.count) == 0 } ?? false }) {
            return id
        }
        id = intern(text)
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: text)
        return id
    }
}
