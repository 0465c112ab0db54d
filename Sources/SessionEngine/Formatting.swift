import Foundation

/// The one way pit writes numbers for people, on screen and in every report:
/// whole numbers plainly, others to one decimal ("3", "3.5"), percentages rounded down
/// so 99.9% never reads as done. Pure arithmetic, no locale: a report reads the same on
/// every machine.
public enum Formatting {
    /// "3", "3.5", "-0.5".
    public static func number(_ d: Double) -> String {
        let tenths = tenths(d)
        let whole = tenths / 10, frac = abs(tenths % 10)
        if frac == 0 { return String(whole) }
        return (tenths < 0 && whole == 0 ? "-" : "") + "\(whole).\(frac)"
    }

    /// A number in tenths as `number` shows it: one decimal, rounded half away from zero.
    public static func tenths(_ d: Double) -> Int { Int((d * 10).rounded()) }

    /// "40%": `part` of `whole`, rounded down; "0%" of nothing.
    public static func percent(_ part: Int, of whole: Int) -> String {
        whole <= 0 ? "0%" : "\(part * 100 / whole)%"
    }

    /// `text` opening a sentence: its first letter a capital ("the disk is full" becomes
    /// "The disk is full").
    public static func sentence(_ text: some StringProtocol) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}

/// Times in a stated zone. Pure arithmetic (no `Calendar`, no `String(format:)`), so
/// exports of thousands of rows stay fast.
public struct TimeFormat: Sendable {
    public var timeZone: TimeZone

    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    struct Parts { var year, month, day, hour, minute, second: Int }

    /// Civil date and time in the zone (days-from-civil inverse, proleptic Gregorian).
    func parts(_ d: Date) -> Parts { Self.parts(d, secondsFromGMT: timeZone.secondsFromGMT(for: d)) }

    /// Civil date and time at `secondsFromGMT` east of UTC.
    static func parts(_ d: Date, secondsFromGMT: Int) -> Parts {
        let local = Int(d.timeIntervalSince1970.rounded(.down)) + secondsFromGMT
        var days = local / 86_400, secs = local % 86_400
        if secs < 0 { secs += 86_400; days -= 1 }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return Parts(year: year, month: month, day: day, hour: secs / 3600, minute: (secs % 3600) / 60, second: secs % 60)
    }

    @inline(__always) static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
    static func four(_ n: Int) -> String {
        let s = String(n)
        return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
    }

    /// "+01:00" at that moment.
    public func offset(at d: Date) -> String { Self.offset(seconds: timeZone.secondsFromGMT(for: d)) }

    /// "+01:00" for `seconds` east of UTC.
    static func offset(seconds s: Int) -> String {
        let a = abs(s)
        return (s < 0 ? "-" : "+") + two(a / 3600) + ":" + two((a % 3600) / 60)
    }

    /// "10:42".
    public func time(_ d: Date) -> String { Self.time(parts(d)) }

    /// "2026-01-01".
    public func day(_ d: Date) -> String { Self.day(parts(d)) }

    /// "2026-01-01" and "10:42" of one moment, the zone asked once (a transcript line).
    public func dayAndTime(_ d: Date) -> (day: String, time: String) {
        let p = parts(d)
        return (Self.day(p), Self.time(p))
    }

    static func time(_ p: Parts) -> String { two(p.hour) + ":" + two(p.minute) }
    static func day(_ p: Parts) -> String { four(p.year) + "-" + two(p.month) + "-" + two(p.day) }

    /// "10:42:05", for "saved at" on screen.
    public func clock(_ d: Date) -> String { Self.clock(d, secondsFromGMT: timeZone.secondsFromGMT(for: d)) }

    /// "10:42:05" at an offset already known, for a caller that has no `TimeZone` at hand.
    public static func clock(_ d: Date, secondsFromGMT: Int) -> String {
        let p = parts(d, secondsFromGMT: secondsFromGMT)
        return two(p.hour) + ":" + two(p.minute) + ":" + two(p.second)
    }

    /// "2026-01-01 10:42".
    public func dayTime(_ d: Date) -> String {
        let (day, time) = dayAndTime(d)
        return "\(day) \(time)"
    }

    /// "2026-01-01T10:42:05+01:00", for machine-readable columns.
    /// The zone is asked for its offset once, and the text written digit by digit: CSV
    /// writes one per row.
    public func iso(_ d: Date) -> String {
        let offset = timeZone.secondsFromGMT(for: d)
        return Self.stamp(Self.parts(d, secondsFromGMT: offset), offsetSeconds: offset)
    }

    /// "2026-01-01T10:42:05Z": UTC to the second (of the time to the millisecond, as
    /// Foundation's ISO 8601 writer does), as a session file's header records when it was made.
    public static func utcSeconds(_ d: Date) -> String {
        stamp(utc.parts(Date(timeIntervalSince1970: wholeMillis(d).seconds)), zulu: true)
    }

    /// "2026-01-01T10:42:05.123Z": UTC to the millisecond, as the JSON export writes times.
    public static func utcMillis(_ d: Date) -> String {
        let (seconds, ms) = wholeMillis(d)
        return stamp(utc.parts(Date(timeIntervalSince1970: seconds)), millis: ms, zulu: true)
    }

    /// The time rounded to the millisecond, split into whole seconds and milliseconds.
    static func wholeMillis(_ d: Date) -> (seconds: Double, ms: Int) {
        let total = (d.timeIntervalSince1970 * 1000).rounded()
        let seconds = (total / 1000).rounded(.down)
        let ms = Int(total - seconds * 1000)
        return ms >= 1000 ? (seconds + 1, ms - 1000) : (seconds, ms)
    }

    /// Seconds since 1970 of a UTC civil time (days-from-civil, proleptic Gregorian); days
    /// past the month's end roll into the next month.
    public static func utcSeconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = Int64(era) * 146_097 + Int64(doe) - 719_468
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    static let utc = TimeFormat(timeZone: TimeZone(secondsFromGMT: 0)!)

    /// "2026-01-01T10:42:05", then ".123" with `millis`, then "Z" if `zulu`, or the offset
    /// ("+01:00") with `offsetSeconds`. Written digit by digit: joining the pieces as strings
    /// cost a JSON export of 20,000 times about 20 ms.
    static func stamp(_ p: Parts, millis: Int? = nil, zulu: Bool = false, offsetSeconds: Int? = nil) -> String {
        guard (0...9999).contains(p.year), (0...999).contains(millis ?? 0), abs(offsetSeconds ?? 0) < 100 * 3600 else {
            let three = millis.map { $0 < 10 ? "00\($0)" : $0 < 100 ? "0\($0)" : String($0) }
            return day(p) + "T" + two(p.hour) + ":" + two(p.minute) + ":" + two(p.second)
                + (three.map { "." + $0 } ?? "") + (zulu ? "Z" : "") + (offsetSeconds.map(offset(seconds:)) ?? "")
        }
        return String(unsafeUninitializedCapacity: 30) { b in
            func put(_ value: Int, digits: Int, at start: Int) {
                var v = value
                for i in stride(from: start + digits - 1, through: start, by: -1) {
                    b[i] = UInt8(48 + v % 10)
                    v /= 10
                }
            }
            put(p.year, digits: 4, at: 0); b[4] = UInt8(ascii: "-")
            put(p.month, digits: 2, at: 5); b[7] = UInt8(ascii: "-")
            put(p.day, digits: 2, at: 8); b[10] = UInt8(ascii: "T")
            put(p.hour, digits: 2, at: 11); b[13] = UInt8(ascii: ":")
            put(p.minute, digits: 2, at: 14); b[16] = UInt8(ascii: ":")
            put(p.second, digits: 2, at: 17)
            var end = 19
            if let millis { b[19] = UInt8(ascii: "."); put(millis, digits: 3, at: 20); end = 23 }
            if zulu { b[end] = UInt8(ascii: "Z"); end += 1 }
            if let offsetSeconds {
                let a = abs(offsetSeconds)
                b[end] = UInt8(ascii: offsetSeconds < 0 ? "-" : "+")
                put(a / 3600, digits: 2, at: end + 1); b[end + 3] = UInt8(ascii: ":")
                put((a % 3600) / 60, digits: 2, at: end + 4)
                end += 6
            }
            return end
        }
    }

    /// "UTC+01:00", or "Europe/London (UTC+00:00)" for a named zone; `at` picks the offset.
    public func label(at d: Date) -> String {
        let id = timeZone.identifier
        let fixed = id == "UTC" || id == "GMT" || id.hasPrefix("GMT+") || id.hasPrefix("GMT-") || id.hasPrefix("UTC+")
            || id.hasPrefix("UTC-")
        return fixed ? "UTC\(offset(at: d))" : "\(id) (UTC\(offset(at: d)))"
    }
}
