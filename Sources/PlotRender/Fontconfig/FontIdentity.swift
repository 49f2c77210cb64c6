import CFontconfig
#if canImport(Glibc)
import Glibc
#endif

/// Which font files the renderer really draws with. Part of every ETag: if an operator
/// installs a different DejaVu (or fontconfig resolves the family elsewhere), pictures change,
/// so cached ones must not be revalidated as equal.
enum FontIdentity {
    /// `file:size:mtime` of the regular and bold faces, resolved once per process.
    static let fingerprint: String = {
        [resolve(bold: false), resolve(bold: true)].joined(separator: ";")
    }()

    private static func resolve(bold: Bool) -> String {
        let name = FontFaces.family + (bold ? ":bold" : "")
        guard let pattern = FcNameParse(name) else { return "unresolved" }
        defer { FcPatternDestroy(pattern) }
        FcConfigSubstitute(nil, pattern, FcMatchPattern)
        FcDefaultSubstitute(pattern)
        var result = FcResultNoMatch
        guard let match = FcFontMatch(nil, pattern, &result) else { return "unresolved" }
        defer { FcPatternDestroy(match) }
        var file: UnsafeMutablePointer<FcChar8>?
        guard FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch, let file else { return "unresolved" }
        let path = String(cString: file)
        var info = stat()
        guard stat(path, &info) == 0 else { return path }
        return "\(path):\(info.st_size):\(info.st_mtim.tv_sec)"
    }
}
