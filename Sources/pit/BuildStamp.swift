/// Which build of pit this is, for `pit --version`. In a checkout it says "development build";
/// `scripts/release` builds from a copy of the source in which this file names the commit
/// the release was made from (so the commit is in the binary, without running git at start-up).
enum BuildStamp {
    static let commit: String? = nil

    static func describe(version: String) -> String {
        guard let commit else { return "\(version) (development build)" }
        return "\(version) (commit \(commit))"
    }
}
