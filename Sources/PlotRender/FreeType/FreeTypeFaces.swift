import CCairo
import CFreeType

/// The regular and bold faces opened from files with FreeType and handed to Cairo, or nothing.
///
/// Each file is checked by the names inside it (family, style), so a file that is not the face
/// fontconfig would choose for the family and weight is refused instead of drawn with. Both
/// faces or neither: a chart never mixes a file with fontconfig's choice.
struct FreeTypeFaces {
    let regular: OpaquePointer
    let bold: OpaquePointer

    /// The style names DejaVu Sans's files carry ("Book" is its regular weight).
    static let regularStyle = "Book"
    static let boldStyle = "Bold"

    init?(files: FontFiles, family: String) {
        // A library of our own, not shared with other instances: FreeType wants the faces of one
        // library created and freed from one thread at a time. Never freed on success: the
        // faces live as long as the process, like `FontFaces.shared`.
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else { return nil }
        guard let regularFace = FreeTypeFaces.open(files.regular, family: family, style: FreeTypeFaces.regularStyle,
                                                   library: library),
              let boldFace = FreeTypeFaces.open(files.bold, family: family, style: FreeTypeFaces.boldStyle,
                                                library: library),
              let regular = FreeTypeFaces.cairoFace(regularFace),
              let bold = FreeTypeFaces.cairoFace(boldFace)
        else {
            FT_Done_FreeType(library)  // frees any face opened above too
            return nil
        }
        self.regular = regular
        self.bold = bold
    }

    /// The face in `path` if it is `family` in `style`; nil if it cannot be opened or is another font.
    private static func open(_ path: String, family: String, style: String, library: FT_Library) -> FT_Face? {
        var face: FT_Face?
        guard FT_New_Face(library, path, 0, &face) == 0, let face else { return nil }
        guard let familyName = face.pointee.family_name, String(cString: familyName) == family,
              let styleName = face.pointee.style_name, String(cString: styleName) == style
        else {
            FT_Done_Face(face)
            return nil
        }
        return face
    }

    /// Load flags 0: hinting and antialiasing come from `FontFaces.options` (hint style none
    /// gives FT_LOAD_NO_HINTING), as they do for the face fontconfig resolves, so glyphs are
    /// rasterized the same way on both paths.
    private static func cairoFace(_ face: FT_Face) -> OpaquePointer? {
        guard let cairoFace = cairo_ft_font_face_create_for_ft_face(face, 0) else { return nil }
        guard cairo_font_face_status(cairoFace) == CAIRO_STATUS_SUCCESS else {
            cairo_font_face_destroy(cairoFace)
            return nil
        }
        return cairoFace
    }
}
