//! The compare page's one chart, as SVG markup (so it renders the same on the server and in
//! the browser, without a chart library): a row per aspect group, a q1–q3 line and a median
//! mark per workshop aspect, colour and shape per site.

use super::rows::{GroupRow, sites_of};
use crate::api::{Comparison, RoundStats};
use crate::i18n::{Lang, t};

const COLOURS: [&str; 6] = ["#0b6e99", "#b03a2e", "#2e7d32", "#7d3c98", "#9a6400", "#34495e"];
const SHAPES: [&str; 4] = ["circle", "square", "triangle", "diamond"];
const WIDTH: f64 = 760.0;
const LEFT: f64 = 250.0;
const RIGHT: f64 = 730.0;
const LINE: f64 = 16.0;

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// At most `n` characters, cut with "…".
fn cut(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(n - 1).collect::<String>())
    }
}

/// The mark of site number `i` centred at (`x`, `y`).
fn mark(i: usize, x: f64, y: f64) -> String {
    let colour = COLOURS[i % COLOURS.len()];
    match SHAPES[(i + i / COLOURS.len()) % SHAPES.len()] {
        "circle" => format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="5" fill="{colour}"/>"#),
        "square" => format!(r#"<rect x="{:.1}" y="{:.1}" width="10" height="10" fill="{colour}"/>"#, x - 5.0, y - 5.0),
        "triangle" => format!(
            r#"<polygon points="{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="{colour}"/>"#,
            x,
            y - 6.0,
            x + 6.0,
            y + 5.0,
            x - 6.0,
            y + 5.0
        ),
        _ => format!(
            r#"<polygon points="{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="{colour}"/>"#,
            x,
            y - 6.0,
            x + 6.0,
            y,
            x,
            y + 6.0,
            x - 6.0,
            y
        ),
    }
}

/// The chart as SVG markup: a legend of sites, the two poles of the first workshop, then a
/// row per group with one q1–q3 line and median mark per workshop aspect that has numbers.
pub fn chart_svg(comparison: &Comparison, rows: &[GroupRow], l: Lang) -> String {
    let sites = sites_of(comparison);
    let x_of = |v: f64| LEFT + (RIGHT - LEFT) * v.clamp(0.0, 100.0) / 100.0;
    let top = 64.0;
    let heights: Vec<f64> =
        rows.iter().map(|r| LINE * r.cells.iter().map(Vec::len).sum::<usize>().max(1) as f64 + 10.0).collect();
    let height = top + heights.iter().sum::<f64>() + 10.0;
    let names: Vec<String> = sites.iter().map(|s| xml_escape(s)).collect();
    let label = t::compare_chart_label(
        l,
        rows.len(),
        names.join(", "),
        comparison.workshops.first().map_or(String::new(), |w| xml_escape(&w.left_pole)),
        comparison.workshops.first().map_or(String::new(), |w| xml_escape(&w.right_pole)),
    );
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{label}" viewBox="0 0 {WIDTH} {height:.0}" width="100%" font-family="sans-serif" font-size="13">"#
    );
    let mut x = 8.0;
    for (i, name) in names.iter().enumerate() {
        svg += &mark(i, x + 5.0, 16.0);
        svg += &format!(r#"<text x="{:.1}" y="20">{name}</text>"#, x + 14.0);
        x += 30.0 + 7.5 * sites[i].chars().count() as f64;
    }
    if let Some(first) = comparison.workshops.first() {
        svg += &format!(r#"<text x="{LEFT}" y="48">{}</text>"#, xml_escape(&cut(&first.left_pole, 30)));
        svg += &format!(
            r#"<text x="{RIGHT}" y="48" text-anchor="end">{}</text>"#,
            xml_escape(&cut(&first.right_pole, 30))
        );
    }
    for v in [0.0, 25.0, 50.0, 75.0, 100.0] {
        svg += &format!(
            r##"<line x1="{0:.1}" x2="{0:.1}" y1="{top}" y2="{1:.0}" stroke="#d0d0d0"/>"##,
            x_of(v),
            height - 10.0
        );
    }
    let mut y = top;
    for (row, h) in rows.iter().zip(&heights) {
        svg += &format!(r##"<line x1="0" x2="{WIDTH}" y1="{y:.1}" y2="{y:.1}" stroke="#e8e8e8"/>"##);
        svg += &format!(r#"<text x="8" y="{:.1}">{}</text>"#, y + 16.0, xml_escape(&cut(&row.label, 34)));
        let mut line_y = y + 13.0;
        for entry in row.cells.iter().flatten() {
            let site = sites.iter().position(|s| *s == comparison.workshops[entry.workshop].site).unwrap_or(0);
            if let Some(RoundStats { median: Some(m), q1: Some(q1), q3: Some(q3), .. }) = entry.stats {
                let colour = COLOURS[site % COLOURS.len()];
                svg += &format!(
                    r#"<line x1="{:.1}" x2="{:.1}" y1="{line_y:.1}" y2="{line_y:.1}" stroke="{colour}" stroke-width="3"/>"#,
                    x_of(q1),
                    x_of(q3)
                );
                svg += &mark(site, x_of(m), line_y);
            }
            line_y += LINE;
        }
        y += h;
    }
    svg += "</svg>";
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::compare::RoundChoice;
    use crate::pages::compare::rows::group_rows;
    use crate::pages::compare::rows::tests::comparison;

    #[test]
    fn the_chart_has_a_line_and_mark_per_placed_aspect_and_escapes_text() {
        let c = comparison();
        let rows = group_rows(&c, &[], RoundChoice::Round(1));
        let svg = chart_svg(&c, &rows, Lang::EN);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"role="img""#) && svg.contains("North, South"));
        assert!(svg.contains("Flexible &lt;&amp;&gt;") && !svg.contains("<&>"));
        // 4 aspects with numbers: 4 coloured q1–q3 lines (stroke-width 3).
        assert_eq!(svg.matches(r#"stroke-width="3""#).count(), 4);
        // North's median 30 sits at 250 + 480 × 0.3 = 394 px, drawn as a circle (site 0).
        assert!(svg.contains(r#"<circle cx="394.0""#), "{svg}");
        assert_eq!(sites_of(&c), ["North", "South"]);
    }
}
