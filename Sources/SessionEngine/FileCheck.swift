import Foundation

/// Checks a file's bytes before SQLite ever opens it, so that a file that is not a pit
/// session, is newer, or is truncated is refused without being touched.
enum FileCheck {
    static let sqliteMagic: [UInt8] = Array("SQLite format 3\u{0}".utf8)

    struct Header {
        var pageSize: Int
        var userVersion: Int
        var applicationID: UInt32
        /// Pages according to the header, when the header's own count is valid.
        var pageCount: Int?
        /// The file is in write-ahead-log mode; opening it for writing switches it back to
        /// pit's rollback journal, which rewrites the header.
        var isWAL = false
    }

    struct Result {
        var header: Header
        var fileSize: Int
        /// A -journal or -wal file sits beside the session (a crash mid-save, or a writer
        /// at work in another process). SQLite must see it through a read-write connection.
        var hasSidecar: Bool
    }

    static func sidecars(of path: String) -> [String] {
        [path + "-journal", path + "-wal", path + "-shm"]
    }

    static let journalMagic: [UInt8] = [0xD9, 0xD5, 0x05, 0xF9, 0x20, 0xA1, 0x63, 0xD7]

    /// A rollback journal that SQLite may need to play back: it starts with the journal
    /// magic. (A journal whose header is still zero was cut off before the save began and
    /// is ignored by SQLite.)
    static func hasHotJournal(_ path: String) -> Bool {
        guard let fh = FileHandle(forReadingAtPath: path + "-journal") else { return false }
        defer { try? fh.close() }
        guard let head = try? fh.read(upToCount: 8) else { return false }
        return [UInt8](head) == journalMagic
    }

    /// Whether a hot rollback journal was written for this database, judged from the copy
    /// of page 1 the journal keeps. SQLite plays a journal into whatever file sits beside it,
    /// so a stale journal next to a copy restored from a backup would overwrite good pages.
    /// Every save bumps the header's change counter (offset 24 of page 1) and journals page 1
    /// before it syncs the journal, so a journal that will be played holds page 1 as it was
    /// before the save (counter C); its database then has counter C (page 1 not yet
    /// rewritten, so the whole page is still identical to the journal's copy) or C + 1.
    /// Returns nil when the journal matches or will not be played; otherwise why not.
    static func journalMismatch(path: String, dbHeader: Header, dbPage1: [UInt8]) -> String? {
        guard let fh = FileHandle(forReadingAtPath: path + "-journal") else { return nil }
        defer { try? fh.close() }
        guard let head = try? fh.read(upToCount: 28), head.count == 28, [UInt8](head.prefix(8)) == journalMagic else {
            return nil
        }
        let h = [UInt8](head)
        func be32(_ b: [UInt8], _ o: Int) -> UInt32 {
            UInt32(b[o]) << 24 | UInt32(b[o + 1]) << 16 | UInt32(b[o + 2]) << 8 | UInt32(b[o + 3])
        }
        let records = Int(be32(h, 8))
        let sectorSize = Int(be32(h, 20)), journalPageSize = Int(be32(h, 24))
        // A synced journal's record count is set; 0 means the save never reached its commit
        // and SQLite plays nothing back (0xFFFFFFFF is only written with synchronous=OFF).
        if records == 0 { return nil }
        if journalPageSize != dbHeader.pageSize {
            return "the journal is for \(journalPageSize)-byte pages; the file has \(dbHeader.pageSize)-byte pages"
        }
        guard sectorSize >= 32, sectorSize <= 65536 else { return "the journal's header is not valid" }
        let recordSize = 8 + journalPageSize
        let count = records == 0xFFFF_FFFF ? Int.max : records
        var page1: [UInt8]? = nil
        var offset = sectorSize
        for _ in 0..<min(count, 100_000) {
            do {
                try fh.seek(toOffset: UInt64(offset))
                guard let pgno = try fh.read(upToCount: 4), pgno.count == 4 else { break }
                if be32([UInt8](pgno), 0) == 1 {
                    guard let data = try fh.read(upToCount: journalPageSize), data.count == journalPageSize else { break }
                    page1 = [UInt8](data)
                    break
                }
            } catch { break }
            offset += recordSize
        }
        guard let saved = page1, saved.count >= 100 else {
            return "the journal holds no copy of the file's first page, so it cannot be matched to the file"
        }
        if Array(saved[68..<72]) != Array(dbPage1[68..<72]) {
            return "the journal was written for a database made by another program"
        }
        let journalCounter = be32(saved, 24), fileCounter = be32(dbPage1, 24)
        if fileCounter == journalCounter {
            if dbPage1.count == saved.count, dbPage1 != saved {
                return "the file's first page differs from the journal's copy of it although both are at save \(fileCounter)"
            }
            return nil
        }
        if fileCounter == journalCounter &+ 1 { return nil }
        return "the journal was written when the file was at save \(journalCounter); this file is at save \(fileCounter)"
    }

    /// A 64-bit FNV-1a hash of the file's bytes (nil if it cannot be read): to tell truly
    /// whether opening a file changed it.
    static func fingerprint(_ path: String) -> UInt64? {
        guard let fh = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? fh.close() }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        while true {
            let chunk: Data
            do { chunk = try fh.read(upToCount: 1 << 20) ?? Data() } catch { return nil } // nil: end of file
            if chunk.isEmpty { break }
            chunk.withUnsafeBytes { raw in
                for byte in raw { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            }
        }
        return hash ^ UInt64(fileSize(path) ?? 0)
    }

    /// The file's size from `stat`: FileManager's attributes build a dictionary of boxed
    /// values whose casts cost more than the rest of the check, at every open.
    static func fileSize(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// Reads the header and size. Throws the user-facing error for each way a file can be wrong.
    static func check(path: String) throws -> Result {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else { throw SessionFileError.missing(path: path) }
        if isDir.boolValue { throw SessionFileError.notAPitSession(path: path, reason: "it is a folder") }
        guard let size = fileSize(path) else {
            throw SessionFileError.unreadable(path: path, detail: String(cString: strerror(errno)))
        }
        if size == 0 { throw SessionFileError.notAPitSession(path: path, reason: "the file is empty") }

        guard let fh = FileHandle(forReadingAtPath: path) else {
            throw SessionFileError.unreadable(path: path, detail: "permission denied")
        }
        defer { try? fh.close() }
        let data: Data
        do { data = try fh.read(upToCount: 100) ?? Data() } catch {
            throw SessionFileError.unreadable(path: path, detail: "\(error.localizedDescription)")
        }
        let b = [UInt8](data)
        guard b.count >= 16, Array(b[0..<16]) == sqliteMagic else {
            let looksText = b.allSatisfy { $0 == 9 || $0 == 10 || $0 == 13 || ($0 >= 32 && $0 != 127) || $0 >= 0x80 }
            throw SessionFileError.notAPitSession(path: path, reason: looksText ? "it is a text file, not an SQLite database" : "it is not an SQLite database")
        }
        guard b.count == 100 else {
            throw SessionFileError.damaged(path: path, detail: "the file ends inside its header: \(size) bytes")
        }
        func be32(_ o: Int) -> UInt32 {
            UInt32(b[o]) << 24 | UInt32(b[o + 1]) << 16 | UInt32(b[o + 2]) << 8 | UInt32(b[o + 3])
        }
        let rawPage = Int(b[16]) << 8 | Int(b[17])
        let pageSize = rawPage == 1 ? 65536 : rawPage
        guard pageSize >= 512, pageSize <= 65536, pageSize & (pageSize - 1) == 0 else {
            throw SessionFileError.damaged(path: path, detail: "its header gives an impossible page size \(rawPage)")
        }
        let appID = be32(68)
        let userVersion = Int(Int32(bitPattern: be32(60)))
        let changeCounter = be32(24), validFor = be32(92)
        let headerPages = Int(be32(28))
        let header = Header(pageSize: pageSize, userVersion: userVersion, applicationID: appID,
                            pageCount: (changeCounter == validFor && headerPages > 0) ? headerPages : nil,
                            isWAL: b[18] == 2 || b[19] == 2)

        guard appID == UInt32(bitPattern: SessionStore.applicationID) else {
            throw SessionFileError.notAPitSession(path: path, reason: "it is an SQLite database made by another program")
        }
        if userVersion > SessionStore.schemaVersion {
            throw SessionFileError.newerSchema(path: path, found: userVersion, supported: SessionStore.schemaVersion)
        }
        if userVersion < 1 {
            throw SessionFileError.damaged(path: path, detail: "it has pit's mark but no session format version")
        }
        let hotJournal = hasHotJournal(path)
        if hotJournal {
            var page1 = b
            if let more = try? fh.read(upToCount: pageSize - 100) { page1 += [UInt8](more) }
            if let why = journalMismatch(path: path, dbHeader: header, dbPage1: page1) {
                throw SessionFileError.foreignJournal(path: path, detail: why)
            }
        }
        let hasSidecar = hotJournal || (fileSize(path + "-wal") ?? 0) > 0
        if !hasSidecar {
            if size % pageSize != 0 {
                throw SessionFileError.damaged(path: path, detail: "it is \(size) bytes, not a whole number of \(pageSize)-byte pages: it was probably cut short")
            }
            if let pages = header.pageCount, size < pages * pageSize {
                throw SessionFileError.damaged(path: path, detail: "it is truncated: \(size) of \(pages * pageSize) bytes")
            }
        }
        return Result(header: header, fileSize: size, hasSidecar: hasSidecar)
    }
}
