import Foundation
import SessionEngine

/// Times as shown on screen: local wall-clock time, to the second, written the same
/// way as in the reports (`TimeFormat`).
enum Clock {
    static func time(_ date: Date, in zone: TimeZone) -> String { TimeFormat(timeZone: zone).clock(date) }
}
