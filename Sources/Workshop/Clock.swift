import Foundation
import SessionEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Times as shown on screen: local wall-clock time, to the second, written the same
/// way as in the reports (`TimeFormat`).
enum Clock {
    static func time(_ date: Date, in zone: TimeZone) -> String { TimeFormat(timeZone: zone).clock(date) }

    static func time(_ date: Date, secondsFromGMT: Int) -> String {
        TimeFormat.clock(date, secondsFromGMT: secondsFromGMT)
    }

    /// The machine's offset from UTC at `date` as the C library reads it (`TZ`, else
    /// /etc/localtime), or nil if it cannot say. Unlike `TimeZone.current`, this loads
    /// none of ICU's zone data, so the first frame does not wait for it.
    static func localSecondsFromGMT(at date: Date) -> Int? {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return nil }
        return Int(parts.tm_gmtoff)
    }
}
