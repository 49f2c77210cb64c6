import CFontconfig
#if canImport(Glibc)
import Glibc
#endif

/// Which font files the renderer really draws with. Part of every ETag: if an operator
/// installs a different DejaVu (or fontconfig resolves the family elsewhere), pictures change,
/// so cached ones must not be revalidated as equal.
enum FontIdentity {
    /// `file:size:mtime` of the regular and bold faces, resolved once per process.
    /// Taking `cairoLock` keeps the faces' creation under it, like every other Cairo call, when
    /// this (from `ChartService.init`) is the first use of `FontFaces.shared`.
    static let fingerprint: String = fingerprint(of: cairoLock.withLock { _ in FontFaces.shared.source })

    /// The files a `FontFaces` opened itself, or else the ones fontconfig resolves the family to
    /// (what Cairo's toy faces draw with); the same text either way for the same files.
    static func fingerprint(of source: FontFaces.Source) -> String {
        let paths: [String?]
        switch source {
        case .files(let files): paths = [files.regular, files.bold]
        case .fontconfig: paths = [fontconfigFile(bold: false), fontconfigFile(bold: true)]
        }
        return paths.map { $0.map(describe) ?? "unresolved" }.joined(separator: ";")
    }

    /// The file fontconfig matches the family (and weight) to; loads fontconfig's configuration
    /// on first use, so only the fallback and the tests call it.
    static func fontconfigFile(bold: Bool) -> String? {
        let name = FontFaces.family + (bold ? ":bold" : "")
        guard let pattern = FcNameParse(name) else { return nil }
        defer { FcPatternDestroy(pattern) }
        FcConfigSubstitute(nil, pattern, FcMatchPattern)
        FcDefaultSubstitute(pattern)
        var result = FcResultNoMatch
        guard let match = FcFontMatch(nil, pattern, &result) else { return nil }
        defer { FcPatternDestroy(match) }
        var file: UnsafeMutablePointer<FcChar8>?
        guard FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch, let file else { return nil }
        return String(cString: file)
    }

    private static func describe(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return path }
        return "\(path):\(info.st_size):\(info.st_mtim.tv_sec)"
    }
}
