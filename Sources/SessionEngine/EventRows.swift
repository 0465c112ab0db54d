import Foundation
import GRDB
import GRDBSQLite

/// The columns of the row SQLite's statement stands on, each read by its stored type
/// straight from the statement. GRDB's typed reads (`row[i] as DatabaseValue`) went
/// through a generic path that looked up type metadata for every column of every row:
/// about half the time of reading a session.
///
/// A crafted file may hold NULL, text or a blob anywhere, so each read checks the
/// column's storage class first; `int` and `text` return nil for NULL and throw
/// `EventRowError.wrongType` for any other class than theirs.
struct EventRow {
    let statement: SQLiteStatement
    var interner: TextInterner

    init(_ statement: SQLiteStatement, interner: TextInterner = TextInterner()) {
        self.statement = statement
        self.interner = interner
    }

    func int(_ column: Int32) throws(EventRowError) -> Int64? {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_NULL: return nil
        case SQLITE_INTEGER: return sqlite3_column_int64(statement, column)
        default: throw .wrongType
        }
    }

    /// A text column. Texts that repeat from row to row (`shared`: authors, kinds, ids of
    /// groups, instruments and elements) are made once and shared by every event that
    /// holds them.
    mutating func text(_ column: Int32, shared: Bool = false) throws(EventRowError) -> String? {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_NULL: return nil
        case SQLITE_TEXT:
            guard let start = sqlite3_column_text(statement, column) else { return "" }
            let stored = Int(sqlite3_column_bytes(statement, column))
            // Up to the first NUL, as C strings end (and as GRDB read them).
            let length = strnlen(UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self), stored)
            let bytes = UnsafeBufferPointer(start: start, count: length)
            return shared ? interner.text(bytes) : String(decoding: bytes, as: UTF8.self)
        default: throw .wrongType
        }
    }

    /// The column's value if it is an integer, else nil (for naming a bad row).
    func intIfAny(_ column: Int32) -> Int64? { try? int(column) }

    /// The column's value if it is text, else nil (for naming a bad row).
    func textIfAny(_ column: Int32) -> String? {
        var copy = self
        return (try? copy.text(column)) ?? nil
    }
}

/// A column holds another storage class than the one pit writes there.
enum EventRowError: Error { case wrongType }

/// One String for each distinct short text read, so 100,000 events by one author share
/// one copy of the name instead of holding 100,000. Texts of up to 15 bytes are kept
/// inside the String itself and need no sharing; the table stops growing at `limit`
/// entries, so a log of unique ids costs no more than reading them did.
struct TextInterner {
    static let limit = 4096
    private var table: [Int: String] = [:]

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if bytes.count <= 15 { return String(decoding: bytes, as: UTF8.self) }
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        let key = hasher.finalize()
        // The stored text is valid UTF-8, so equal bytes mean the bytes read are valid and
        // decode to that same String.
        if let known = table[key], known.utf8.elementsEqual(bytes) { return known }
        let made = String(decoding: bytes, as: UTF8.self)
        if table.count < Self.limit, table[key] == nil { table[key] = made }
        return made
    }
}
