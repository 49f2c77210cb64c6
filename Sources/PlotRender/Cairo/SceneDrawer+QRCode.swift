import CCairo
import PlotLayout
import PlotSpec

extension SceneDrawer {
    /// A QR code with a whole number of device pixels per module, centred in its rectangle and
    /// without antialiasing, so every module edge is sharp (scanners read blurred edges badly).
    /// Only when even one pixel per module does not fit is the module size fractional.
    func draw(_ mark: QRCodeMark) {
        guard let matrix = QRMatrix(payload: mark.payload, level: mark.level) else { return }
        let total = Double(matrix.size + 2 * mark.margin)
        let side = Swift.min(mark.rect.width, mark.rect.height) * scale
        var module = (side / total).rounded(.down)
        let crisp = module >= 1
        if !crisp { module = side / total }
        let extent = module * total
        let x0 = (mark.rect.midX * scale - extent / 2).rounded() + Double(mark.margin) * module
        let y0 = (mark.rect.midY * scale - extent / 2).rounded() + Double(mark.margin) * module
        cairo_save(cr)
        cairo_identity_matrix(cr)
        if crisp { cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE) }
        cairo_new_path(cr)
        // One rectangle per horizontal run of dark modules: a fifth of the path of one per module.
        for row in 0..<matrix.size {
            var col = 0
            while col < matrix.size {
                guard matrix.dark[row * matrix.size + col] else { col += 1; continue }
                let start = col
                while col < matrix.size && matrix.dark[row * matrix.size + col] { col += 1 }
                cairo_rectangle(cr, x0 + Double(start) * module, y0 + Double(row) * module,
                                Double(col - start) * module, module)
            }
        }
        setColor(mark.color)
        cairo_fill(cr)
        cairo_restore(cr)
    }
}
