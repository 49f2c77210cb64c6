import PlotSpec

/// `qr`: the code fills the canvas (its quiet zone is part of it, as on Google). The modules
/// are computed by the renderer (libqrencode is C; layout stays pure), so the scene says only
/// what to encode and where.
enum QRCodeLayout {
    static func items(_ code: QRCodeSpec, width: Double, height: Double) -> [SceneItem] {
        [.qrCode(QRCodeMark(rect: Rect(x: 0, y: 0, width: width, height: height), payload: code.payload,
                            level: code.level, margin: code.margin, color: RGBA(0, 0, 0)))]
    }
}
