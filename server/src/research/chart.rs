//! `chart.svg`: the projector's picture for papers and slides. One row per aspect (display
//! order) with every pair's position as a dot, the interquartile range as a band and the
//! median as a bar, under the two pole labels. Plain SVG 1.1, text escaped, fixed layout, so
//! the same data always gives the same bytes.
//!
//! `chart-round-2.svg` (only when a second round was opened) is the same picture of round 2,
//! with each aspect's round-1 median as a dashed grey bar and an arrow from it to the round-2
//! median, as the projector shows the movement.

use std::fmt::Write;

use app::i18n::{Lang, t};

use super::tables::WorkshopExport;

const WIDTH: f64 = 1200.0;
const LABEL_WIDTH: f64 = 380.0;
const PLOT_LEFT: f64 = LABEL_WIDTH + 20.0;
const PLOT_RIGHT: f64 = WIDTH - 40.0;
const TOP: f64 = 110.0;
const ROW_HEIGHT: f64 = 44.0;
/// Aspect texts longer than this are cut with an ellipsis (the full text is in the CSV).
const LABEL_CHARS: usize = 48;

/// Escapes text for SVG/XML content and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if c.is_control() && c != '\t' && c != '\n' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn x_of(position: f64) -> f64 {
    PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * position.clamp(0.0, 100.0) / 100.0
}

fn short(text: &str) -> String {
    if text.chars().count() <= LABEL_CHARS {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(LABEL_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

/// The SVG document of round `round`; from round 2 on, with the previous round's medians.
pub fn chart_svg(export: &WorkshopExport, round: u32) -> String {
    chart_svg_in(export, round, Lang::EN)
}

/// [`chart_svg`] with its one word ("round") in `l`, for the room report.
pub fn chart_svg_in(export: &WorkshopExport, round: u32, l: Lang) -> String {
    let w = &export.snapshot.workshop;
    let rows: Vec<_> = export.aspect_rounds.iter().filter(|a| a.round == round).collect();
    let median_before = |card_id| {
        export.aspect_rounds.iter().find(|a| a.round + 1 == round && a.card_id == card_id).and_then(|a| a.stats.median)
    };
    let height = TOP + ROW_HEIGHT * rows.len() as f64 + 40.0;
    let mut svg = String::new();
    // Writing to a String cannot fail, so the results of write! are ignored below.
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="sans-serif">"#
    );
    let _ = writeln!(svg, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    let _ = writeln!(
        svg,
        r##"<text x="20" y="36" font-size="24" fill="#1a1a1a">{}</text>"##,
        xml_escape(&t::report_chart_title(l, &w.title, &w.site, round))
    );
    let _ = writeln!(svg, r##"<text x="20" y="64" font-size="16" fill="#333333">{}</text>"##, xml_escape(&w.question));
    let _ = writeln!(
        svg,
        r##"<text x="{PLOT_LEFT}" y="{}" font-size="15" fill="#333333">{}</text>"##,
        TOP - 14.0,
        xml_escape(&w.left_pole)
    );
    let _ = writeln!(
        svg,
        r##"<text x="{PLOT_RIGHT}" y="{}" font-size="15" fill="#333333" text-anchor="end">{}</text>"##,
        TOP - 14.0,
        xml_escape(&w.right_pole)
    );
    for (i, row) in rows.iter().enumerate() {
        let y = TOP + ROW_HEIGHT * (i as f64 + 0.5);
        let text = export.snapshot.cards.iter().find(|c| c.id == row.card_id).map_or("", |c| c.text.as_str());
        let _ = writeln!(svg, r#"<g class="aspect">"#);
        let _ = writeln!(
            svg,
            r##"<text x="20" y="{}" font-size="15" fill="#1a1a1a">{}</text>"##,
            y + 5.0,
            xml_escape(&short(text))
        );
        let _ = writeln!(
            svg,
            r##"<line x1="{PLOT_LEFT}" y1="{y}" x2="{PLOT_RIGHT}" y2="{y}" stroke="#999999" stroke-width="1"/>"##
        );
        if let (Some(q1), Some(q3), Some(median)) = (row.stats.q1, row.stats.q3, row.stats.median) {
            let _ = writeln!(
                svg,
                r##"<rect class="iqr" x="{:.2}" y="{}" width="{:.2}" height="16" fill="#4a78b5" fill-opacity="0.25"/>"##,
                x_of(q1),
                y - 8.0,
                x_of(q3) - x_of(q1)
            );
            let _ = writeln!(
                svg,
                r##"<line class="median" x1="{0:.2}" y1="{1}" x2="{0:.2}" y2="{2}" stroke="#1d3f72" stroke-width="3"/>"##,
                x_of(median),
                y - 12.0,
                y + 12.0
            );
        }
        if let (Some(before), Some(after)) = (median_before(row.card_id), row.stats.median) {
            let _ = writeln!(
                svg,
                r##"<line class="median-before" x1="{0:.2}" y1="{1}" x2="{0:.2}" y2="{2}" stroke="#777777" stroke-width="2" stroke-dasharray="3 2"/>"##,
                x_of(before),
                y - 12.0,
                y + 12.0
            );
            if (after - before).abs() >= 0.5 {
                // An arrow along the row, from the old median to the new one.
                let (from, to) = (x_of(before), x_of(after));
                let head = if to > from { -7.0 } else { 7.0 };
                let _ = writeln!(
                    svg,
                    r##"<path class="movement" d="M{from:.2} {0} H{to:.2} M{to:.2} {0} l{head} -5 M{to:.2} {0} l{head} 5" stroke="#1d3f72" stroke-width="2" fill="none"/>"##,
                    y - 16.0
                );
            }
        }
        for position in &row.positions {
            let _ = writeln!(
                svg,
                r##"<circle class="dot" cx="{:.2}" cy="{y}" r="6" fill="#d9822b" fill-opacity="0.8"/>"##,
                x_of(*position)
            );
        }
        let _ = writeln!(svg, "</g>");
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(xml_escape("a<b>&\"c\" 'd' ŵ\u{1}"), "a&lt;b&gt;&amp;&quot;c&quot; &apos;d&apos; ŵ\u{FFFD}");
    }

    #[test]
    fn long_labels_are_cut() {
        assert_eq!(short("short"), "short");
        assert_eq!(short(&"x".repeat(60)).chars().count(), LABEL_CHARS);
    }
}
