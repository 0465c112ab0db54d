/// A date written YYYY-MM-DD, as actions' due dates are: its parts, and whether it is a
/// day of the calendar. The action form and the record rules both ask it.
public struct WrittenDate: Equatable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// nil unless `text` has the shape YYYY-MM-DD (ASCII digits and two dashes).
    public init?(_ text: String) {
        let u = Array(text.utf8)
        func digit(_ i: Int) -> Bool { (48...57).contains(u[i]) }
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy(digit) else { return nil }
        func number(_ r: Range<Int>) -> Int { r.reduce(0) { $0 * 10 + Int(u[$1] - 48) } }
        year = number(0..<4); month = number(5..<7); day = number(8..<10)
    }

    public var hasRealMonth: Bool { (1...12).contains(month) }

    /// Days in the month (Gregorian leap years); 0 when the month is not 01 to 12.
    public var daysInMonth: Int {
        guard hasRealMonth else { return 0 }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    public var isDayOfCalendar: Bool { (1...max(1, daysInMonth)).contains(day) && hasRealMonth }

    public var monthName: String {
        guard hasRealMonth else { return "" }
        return ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"][month - 1]
    }
}
