//! QR codes as an SVG path, so the app draws them as shapes (no image, no markup strings).

use qrcodegen::{QrCode, QrCodeEcc};

/// Modules of white space around the code, as the QR standard asks.
pub const QUIET_ZONE: i32 = 4;

/// A QR code ready to draw: an SVG `viewBox` of `size` × `size` and the path of its dark modules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrSvg {
    pub size: i32,
    pub path: String,
}

/// Encodes `text` (medium error correction); `None` when it is too long for a QR code.
pub fn qr_svg(text: &str) -> Option<QrSvg> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let n = code.size();
    let mut path = String::new();
    for y in 0..n {
        for x in 0..n {
            if code.get_module(x, y) {
                path.push_str(&format!("M{} {}h1v1h-1z", x + QUIET_ZONE, y + QUIET_ZONE));
            }
        }
    }
    Some(QrSvg { size: n + 2 * QUIET_ZONE, path })
}
