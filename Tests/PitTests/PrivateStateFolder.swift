import Foundation
import XCTest

extension XCTestCase {
    /// A fresh folder standing in for pit's cache, config and state folders for the rest of
    /// this test (the variables are put back, and the folder removed, when it ends), so a
    /// test never reads or writes the user's own.
    func privateStateFolder(_ prefix: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let names = ["XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"]
        let saved = names.map { getenv($0).map { String(cString: $0) } }
        addTeardownBlock {
            for (name, value) in zip(names, saved) {
                if let value { setenv(name, value, 1) } else { unsetenv(name) }
            }
            try? FileManager.default.removeItem(at: folder)
        }
        for name in names { setenv(name, folder.path, 1) }
        return folder
    }
}
