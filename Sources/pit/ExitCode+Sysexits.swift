import ArgumentParser
import Foundation

/// sysexits(3) codes, so scripts can tell a typo from bad data from a missing file.
/// Which error gets which code is decided in one place: `ExitStatus`.
extension ExitCode {
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let noInput = ExitCode(66)
    static let unavailable = ExitCode(69)
    static let software = ExitCode(70)
    static let cannotCreate = ExitCode(73)
    static let ioError = ExitCode(74)
    static let tempFail = ExitCode(75)
    static let config = ExitCode(78)
}
