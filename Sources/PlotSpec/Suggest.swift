/// "Did you mean ...?" for unknown parameter names.
enum Suggest {
    /// The known spelling nearest to `name`, if it is close enough to be a plausible typo.
    ///
    /// Distance is optimal-string-alignment (Levenshtein plus adjacent transpositions, so
    /// `tilte` is one edit from `title`), compared case-insensitively. A candidate qualifies at
    /// distance <= 2 and at most half the longer name, so one-letter names such as `w` are not
    /// suggested for every short stranger (`ab`), while `wd` -> `w` and `dat` -> `data` are.
    static func nearest(to name: String, among candidates: [String] = Parameter.allSpellings) -> String? {
        // A name much longer than every candidate cannot be within 2 edits; checking the byte
        // length first keeps a 256 KB "name" from costing anything.
        let longest = candidates.map(\.utf8.count).max() ?? 0
        guard name.utf8.count <= 4 * (longest + 2) else { return nil }
        let input = Array(name.lowercased().unicodeScalars.map(\.value))
        guard input.count <= longest + 2 else { return nil }

        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let c = Array(candidate.unicodeScalars.map(\.value))
            let d = distance(input, c)
            guard d <= 2, 2 * d <= max(input.count, c.count) else { continue }
            if d < best?.distance ?? Int.max { best = (candidate, d) }
        }
        return best?.name
    }

    /// Optimal string alignment distance (restricted Damerau-Levenshtein).
    static func distance(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        var previous2 = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    v = min(v, previous2[j - 2] + 1)
                }
                current[j] = v
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
