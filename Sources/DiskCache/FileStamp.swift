import Foundation

/// What a cache remembers of a file it was made from: a file edited, replaced or removed
/// since has another stamp, so its cache is made afresh. The modification time and size
/// alone miss a file replaced by a copy that keeps both (`cp -p`, `rsync -t`, `tar x`,
/// `touch -r`), so the stamp also holds the file's inode and its change time, which no
/// copy can set back.
public struct FileStamp: Equatable, Sendable {
    public var path: String
    public var modified: Double
    /// -1 for a file that does not exist.
    public var size: Int
    /// The file's inode number: a file written in place of another has a new one.
    public var inode: UInt64
    /// When the file's inode last changed (`st_ctim`): set by every write, rename into
    /// place and `touch -r`, and never settable by a user.
    public var changed: Double

    public init(path: String, modified: Double, size: Int, inode: UInt64 = 0, changed: Double = 0) {
        self.path = path
        self.modified = modified
        self.size = size
        self.inode = inode
        self.changed = changed
    }

    /// The file's stamp now (`stat`, not FileManager: no dictionary of attributes to box).
    public static func of(_ path: String) -> FileStamp {
        var info = stat()
        guard stat(path, &info) == 0 else { return FileStamp(path: path, modified: 0, size: -1) }
        #if canImport(Darwin)
        let time = info.st_mtimespec, change = info.st_ctimespec
        #else
        let time = info.st_mtim, change = info.st_ctim
        #endif
        return FileStamp(path: path, modified: seconds(time), size: Int(info.st_size),
                         inode: UInt64(info.st_ino), changed: seconds(change))
    }

    private static func seconds(_ time: timespec) -> Double { Double(time.tv_sec) + Double(time.tv_nsec) / 1e9 }

    /// A stable name for a cache made from these paths (FNV-1a over the paths joined by
    /// newlines; Swift's own hash changes every run). Hashed path by path: joining them
    /// first cost more than the hash, on the way to the first frame.
    public static func fingerprint(_ paths: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        for (index, path) in paths.enumerated() {
            if index > 0 { add(10) }
            for byte in path.utf8 { add(byte) }
        }
        return String(hash, radix: 16)
    }
}

extension ByteWriter {
    public mutating func stamp(_ s: FileStamp) {
        string(s.path); double(s.modified); int(s.size); int(Int(bitPattern: UInt(s.inode))); double(s.changed)
    }
}

extension ByteReader {
    public mutating func stamp() throws -> FileStamp {
        FileStamp(path: try string(), modified: try double(), size: try int(),
                  inode: UInt64(UInt(bitPattern: try int())), changed: try double())
    }
}
