/// The limits a session keeps on a plan (SessionEngine's `RecordRules`, which Instruments
/// may not import): a plan file is held to them when it is read, so a plan that parses is
/// one a session can record. A test in WorkshopTests, which sees both, keeps them equal.
public enum PlanLimits {
    /// Items in a plan, and elements one item names.
    public static let items = 256
    public static let elementsPerItem = 256
    /// A plan's title and the ids it names, in bytes of UTF-8.
    public static let textBytes = 512
    /// Minutes for one item: at most a day.
    public static let minutes: ClosedRange<Int> = 1...(24 * 60)
}
