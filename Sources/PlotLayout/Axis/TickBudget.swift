/// How many ticks a request may produce. Shared by linear, log and time ticks so they agree.
///
/// `targetCount` is read as matplotlib reads `nbins`: the number of intervals wanted, so at most
/// targetCount + 1 ticks (the layout asks for one tick per N pixels of axis length). The
/// densest step that stays within that budget wins — matplotlib's MaxNLocator rule — which
/// gives 0, 20, …, 100 for 0…100 with target 6 and 0, 50, …, 200 for 0…200 with target 5.
/// That rule is also stable: asking again for the widened domain (without `extend`) picks the
/// same step, because a denser step only gains ticks on a wider range.
enum TickBudget {
    /// At least 3 (a range that crosses zero needs −s, 0, s even for the largest step) and at
    /// most 101, so a hostile target cannot make a request allocate millions of labels.
    static func maxTicks(target: Int) -> Int { Swift.min(Swift.max(target, 2), 100) + 1 }
}
