/// Content negotiation for errors: a client that prefers JSON (an API client, `fetch` with
/// `Accept: application/json`) gets the error as JSON; browsers loading `<img>` get an image.
enum AcceptHeader {
    static func prefersJSON(_ header: String?) -> Bool {
        guard let header else { return false }
        var json = -1.0, image = -1.0
        for part in header.split(separator: ",") {
            let fields = part.split(separator: ";")
            guard let type = fields.first?.trimmingSpaces().lowercased() else { continue }
            var q = 1.0
            for param in fields.dropFirst() {
                let p = param.trimmingSpaces()
                if p.hasPrefix("q="), let v = Double(p.dropFirst(2)) { q = v }
            }
            if type == "application/json" { json = max(json, q) }
            if type.hasPrefix("image/") || type == "*/*" { image = max(image, q) }
        }
        return json > 0 && json >= image
    }
}
