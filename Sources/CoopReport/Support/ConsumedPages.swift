#if canImport(Glibc)
    import Glibc
#endif

/// Gives back to the system the memory of the rows of an array already read, while the
/// rest is still being read: when the second half of the registrations is taken into the
/// first (`DatasetBuilder.append`), its rows (30 MB at a million registrations) and their
/// copies in the merged builder would otherwise be held together, at the run's peak.
enum ConsumedPages {
    /// Releases the whole pages inside `rows[..<end]`, which the caller reads no more and
    /// drops after (they read as zeros from here on). Only for rows of plain values (no
    /// reference to release: `_isPOD`); a no-op elsewhere than Linux.
    static func release<Row>(_ rows: UnsafeMutableBufferPointer<Row>, before end: Int) {
        #if canImport(Glibc)
            guard _isPOD(Row.self), let base = rows.baseAddress, end > 0 else { return }
            let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
            guard page > 0 else { return }
            let start = UInt(bitPattern: base)
            let stop = UInt(bitPattern: base + min(end, rows.count))
            let first = (start + page - 1) / page * page  // the first whole page
            let last = stop / page * page  // the end of the last whole page
            guard last > first, let address = UnsafeMutableRawPointer(bitPattern: first) else { return }
            _ = madvise(address, Int(last - first), Int32(MADV_DONTNEED))
        #endif
    }
}
