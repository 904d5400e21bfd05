//! `chart.png`: [`chart.svg`](super::chart) rasterised with `resvg` at twice its size, for
//! slides and papers. Text uses the system's fonts (loaded once per process), preferring
//! DejaVu Sans or Liberation Sans for `sans-serif`, so the same data on the same machine
//! always gives the same bytes.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

/// Scale factor from the SVG's user units to pixels.
pub const PNG_SCALE: f32 = 2.0;

/// Why the chart could not be rasterised.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    /// The SVG did not parse (a bug in [`super::chart`]).
    #[error("the chart SVG is invalid: {0}")]
    Svg(#[from] usvg::Error),
    /// The picture is empty or too large to allocate.
    #[error("the chart is too large to rasterise")]
    Size,
    /// PNG encoding failed.
    #[error("PNG encoding failed: {0}")]
    Encode(String),
}

fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    Arc::clone(FONTS.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        let has = |name: &str| db.faces().any(|f| f.families.iter().any(|(family, _)| family == name));
        if let Some(family) = ["DejaVu Sans", "Liberation Sans", "Arial"].into_iter().find(|n| has(n)) {
            db.set_sans_serif_family(family);
        }
        Arc::new(db)
    }))
}

/// The PNG bytes of an SVG document.
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>, PngError> {
    let options = usvg::Options { fontdb: fonts(), ..usvg::Options::default() };
    let tree = usvg::Tree::from_str(svg, &options)?;
    let size = tree.size().to_int_size().scale_by(PNG_SCALE).ok_or(PngError::Size)?;
    let mut pixmap = Pixmap::new(size.width(), size.height()).ok_or(PngError::Size)?;
    resvg::render(&tree, Transform::from_scale(PNG_SCALE, PNG_SCALE), &mut pixmap.as_mut());
    encode(pixmap).map_err(|e| PngError::Encode(e.to_string()))
}

/// The pixmap as a PNG, deflated with `fdeflate` (the `png` crate's `Fast`), not zlib's level 6
/// as `Pixmap::encode_png` does: the 2,000 × 1,400 pixel chart of a big workshop took about
/// 120 ms to deflate at level 6 and takes a few here, for a file some tens of percent bigger
/// (docs/PERFORMANCE.md, "Export of 100,000 events").
fn encode(pixmap: Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let (width, height) = (pixmap.width(), pixmap.height());
    let rgba = pixmap.take_demultiplied();
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&rgba)?;
    writer.finish()?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_svg_becomes_a_png_of_twice_its_size() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"><rect width="10" height="5" fill="#ff0000"/><text x="1" y="4" font-family="sans-serif" font-size="3">ŵ</text></svg>"##;
        let png = svg_to_png(svg).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        // IHDR: width and height, big-endian, at bytes 16..24.
        assert_eq!(&png[16..24], &[0, 0, 0, 20, 0, 0, 0, 10]);
        assert_eq!(png, svg_to_png(svg).unwrap(), "deterministic");
    }
}
