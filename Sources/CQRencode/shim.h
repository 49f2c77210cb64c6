// libqrencode: the QR code modules for `cht=qr`. Only PlotRender imports it (QR/QRMatrix.swift);
// layout describes the code, the renderer computes and draws it.
#include <qrencode.h>
