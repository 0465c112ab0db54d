import Foundation

/// The home folder as the shell means it: $HOME, not the password file's entry (they
/// differ under sudo, in containers and in tests), for `~` typed into a path and for
/// showing folders under it as `~/…`.
enum HomePath {
    static var home: String? {
        guard let value = getenv("HOME").map({ String(cString: $0) }), !value.isEmpty, value != "/" else { return nil }
        return value
    }

    /// `~` and `~/rest` become the home folder; any other path (`~user`, relative or
    /// absolute) is left as typed.
    static func expand(_ path: String) -> String {
        guard let home, path == "~" || path.hasPrefix("~/") else { return path }
        return home + String(path.dropFirst())
    }
}
