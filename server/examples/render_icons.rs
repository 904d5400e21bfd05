//! Renders the app's PNG icons in `public/icons/` from `public/favicon.svg` (resvg, the same
//! renderer as the export's charts). Run after changing the SVG:
//!
//!     cargo run -p server --example render_icons

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg;

fn main() -> anyhow::Result<()> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../public");
    let svg = std::fs::read_to_string(root.join("favicon.svg"))?;
    let tree = usvg::Tree::from_str(&svg, &usvg::Options::default())?;
    // (file, size, share of the square the drawing fills, background behind it)
    let icons = [
        ("icon-192.png", 192, 1.0, None),
        ("icon-512.png", 512, 1.0, None),
        ("apple-touch-icon.png", 180, 1.0, Some(Color::from_rgba8(0x1d, 0x4e, 0xd8, 0xff))),
        // Maskable: the platform crops to a circle or squircle, so the drawing stays inside
        // the central 80 % safe zone on a full-bleed background.
        ("icon-maskable-512.png", 512, 0.7, Some(Color::from_rgba8(0x1d, 0x4e, 0xd8, 0xff))),
    ];
    for (name, size, share, background) in icons {
        let mut pixmap = Pixmap::new(size, size).ok_or_else(|| anyhow::anyhow!("pixmap {size}"))?;
        if let Some(color) = background {
            pixmap.fill(color);
        }
        let scale = size as f32 * share / tree.size().width();
        let offset = size as f32 * (1.0 - share) / 2.0;
        resvg::render(&tree, Transform::from_scale(scale, scale).post_translate(offset, offset), &mut pixmap.as_mut());
        pixmap.save_png(root.join("icons").join(name))?;
        println!("public/icons/{name}");
    }
    Ok(())
}
