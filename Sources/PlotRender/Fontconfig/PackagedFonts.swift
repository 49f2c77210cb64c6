/// The two font files text is drawn with, by path.
///
/// `packaged` is where Debian's fonts-dejavu-core puts DejaVu Sans (the package
/// scripts/install-deps.sh and deploy/install.sh install), which is also the file fontconfig
/// resolves the family to on such a host. Opening these directly spares every process
/// fontconfig's start-up, parsing /etc/fonts/fonts.conf and conf.d: about 30 M of the 80 M
/// instructions of a whole CGI request. It is only a fast path: when a file is missing or is
/// not the face it should be, `FontFaces` asks fontconfig as before.
struct FontFiles: Equatable, Sendable {
    var regular: String
    var bold: String

    static let packaged = FontFiles(regular: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                                    bold: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
}
