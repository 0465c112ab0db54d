import Foundation

/// Reads a small text file that a user may have put in a folder pit scans. A file over
/// `limit` bytes, or one that is not a regular file (a FIFO would block, a device never
/// ends), is refused before its contents are read, so one stray file cannot make every
/// command slow.
enum BoundedRead {
    enum Failure: Error {
        case tooLarge(size: Int, limit: Int)
        case notAFile
        case unreadable
    }

    static func data(at path: String, limit: Int) -> Result<Data, Failure> {
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path) else { return .failure(.unreadable) }
        guard (attrs[.type] as? FileAttributeType) == .typeRegular else { return .failure(.notAFile) }
        let size = (attrs[.size] as? NSNumber)?.intValue ?? 0
        if size > limit { return .failure(.tooLarge(size: size, limit: limit)) }
        guard let fh = FileHandle(forReadingAtPath: path) else { return .failure(.unreadable) }
        defer { try? fh.close() }
        // Read one byte past the limit, in case the file grew after it was measured.
        let data: Data
        do {
            // nil is the end of the file at once: an empty file, which the parser then names.
            data = try fh.read(upToCount: limit + 1) ?? Data()
        } catch {
            return .failure(.unreadable)
        }
        if data.count > limit { return .failure(.tooLarge(size: data.count, limit: limit)) }
        return .success(data)
    }

    /// "1 MiB", "21.3 MiB", "900 KiB": sizes in messages.
    static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 20 {
            let mib = Double(bytes) / Double(1 << 20)
            return mib == mib.rounded() ? "\(Int(mib)) MiB" : String(format: "%.1f MiB", mib)
        }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
