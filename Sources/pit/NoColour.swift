/// NO_COLOR as no-color.org defines it: set and not empty, colours are off; set to the
/// empty text, it is as if unset. The screens and `pit room`'s QR code read it through
/// here, so one setting cannot turn colour off for one and leave it on for the other.
enum NoColour {
    static func isRequested(_ value: String?) -> Bool {
        !(value ?? "").isEmpty
    }
}
