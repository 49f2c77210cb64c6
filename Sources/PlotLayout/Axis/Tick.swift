/// A tick: its data value and its label text.
///
/// The label is computed from exact integers when the tick is made (see `DecimalText`), so it
/// never shows the binary noise that printing `value` would (`0.30000000000000004`).
public struct Tick: Hashable, Sendable {
    public var value: Double
    public var label: String

    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}
