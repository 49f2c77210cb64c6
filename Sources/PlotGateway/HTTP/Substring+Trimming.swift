extension Substring {
    /// Without the spaces and tabs around it (HTTP's optional whitespace in header lists).
    func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
