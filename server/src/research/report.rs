//! The room report: one printable page (A4, one or two sheets) to hand back to the link
//! workers who took part. The question, the picture of where the room put each aspect
//! (median, spread, split), the aspects the room disagreed on most, the movement in the
//! second round, and the pairs' notes (anonymous unless the workshop names them).
//!
//! Plain server-rendered HTML with its own print stylesheet ([`REPORT_CSS`]) and a strict
//! policy (no script at all): it prints to PDF from any browser. Built from the same
//! [`WorkshopExport`] as the files of an export, so its numbers are theirs.

use std::fmt::Write;

use app::domain::groups::Grouping;
use app::domain::groups::stability::Stability;
use app::domain::opinion::{group_sizes, room_groups};

use super::chart::{chart_svg, xml_escape as esc};
use super::tables::{WorkshopExport, workshop_date};

/// The report's stylesheet, served at [`REPORT_CSS_PATH`].
pub const REPORT_CSS: &str = include_str!("report.css");
/// Where the stylesheet is served.
pub const REPORT_CSS_PATH: &str = "/report.css";
/// The report's Content-Security-Policy: its stylesheet and nothing else.
pub const REPORT_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; \
                              base-uri 'none'; form-action 'none'";
/// How many aspects "Where the room disagreed most" lists.
pub const MOST_DISAGREED: usize = 3;

/// A number as the report shows it: at most one decimal.
fn num(x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    if rounded == rounded.trunc() { format!("{rounded:.0}") } else { format!("{rounded:.1}") }
}

fn opt(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_string(), num)
}

/// The whole page.
pub fn report_html(export: &WorkshopExport) -> String {
    let s = &export.snapshot;
    let w = &s.workshop;
    let view = &s.view;
    let last = u32::from(view.round.max(1));
    let mut out = String::with_capacity(32 * 1024);
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Room report: {title}</title>
<link rel="stylesheet" href="{REPORT_CSS_PATH}">
</head>
<body>
<main class="report">
<header>
<p class="kicker">Room report · {site} · {date}</p>
<h1>{title}</h1>
<p class="question">{question}</p>
<p class="poles"><span>0 = {left}</span> <span>100 = {right}</span></p>
<p class="counts">{pairs} pairs, {aspects} aspects{rounds}.</p>
</header>
"#,
        title = esc(&w.title),
        site = esc(&w.site),
        date = workshop_date(w.created_at),
        question = esc(&w.question),
        left = esc(&w.left_pole),
        right = esc(&w.right_pole),
        pairs = s.pairs.len(),
        aspects = s.cards.len(),
        rounds = if view.round >= 2 { ", two rounds" } else { "" },
    );

    // The picture and the numbers under it.
    let _ = write!(
        out,
        "<section class=\"picture\"><h2>Where the room put each aspect{}</h2>\n<figure>{}</figure>\n",
        if last >= 2 { " (round 2)" } else { "" },
        chart_svg(export, last)
    );
    out.push_str(
        "<table><thead><tr><th scope=\"col\">Aspect</th><th scope=\"col\">Pairs</th><th scope=\"col\">Median</th>\
         <th scope=\"col\">Middle half</th><th scope=\"col\">Split into two camps</th></tr></thead><tbody>\n",
    );
    let rows: Vec<_> = export.aspect_rounds.iter().filter(|a| a.round == last).collect();
    for a in &rows {
        let text = s.cards.iter().find(|c| c.id == a.card_id).map_or("", |c| c.text.as_str());
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(text),
            a.stats.n_placed,
            opt(a.stats.median),
            match (a.stats.q1, a.stats.q3) {
                (Some(q1), Some(q3)) => format!("{}–{}", num(q1), num(q3)),
                _ => "–".into(),
            },
            if a.stats.split { "yes" } else { "" },
        );
    }
    out.push_str("</tbody></table></section>\n");

    // Disagreement: lowest consensus first (ties: widest middle half), aspects placed by 2+.
    let mut disagreed: Vec<_> = rows.iter().filter(|a| a.stats.n_placed >= 2 && a.stats.consensus.is_some()).collect();
    disagreed.sort_by(|a, b| {
        let iqr = |x: &&&super::tables::AspectRound| x.stats.q3.zip(x.stats.q1).map_or(0.0, |(q3, q1)| q3 - q1);
        a.stats
            .consensus
            .partial_cmp(&b.stats.consensus)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(iqr(b).total_cmp(&iqr(a)))
    });
    out.push_str("<section class=\"disagreed\"><h2>Where the room disagreed most</h2>\n");
    if disagreed.is_empty() {
        out.push_str("<p>Too few pairs placed the same aspects to say.</p>\n");
    } else {
        out.push_str("<ol>\n");
        for a in disagreed.iter().take(MOST_DISAGREED) {
            let text = s.cards.iter().find(|c| c.id == a.card_id).map_or("", |c| c.text.as_str());
            let _ = writeln!(
                out,
                "<li><strong>{}</strong>: consensus {} (0 = evenly split, 1 = all together), middle half {}{}.</li>",
                esc(text),
                a.stats.consensus.map_or_else(|| "–".into(), |c| format!("{c:.2}")),
                match (a.stats.q1, a.stats.q3) {
                    (Some(q1), Some(q3)) => format!("{}–{}", num(q1), num(q3)),
                    _ => "–".into(),
                },
                if a.stats.split { ", split into two camps" } else { "" },
            );
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");

    if view.round >= 2 {
        movement_section(&mut out, export);
    }
    if view.settings.show_groups {
        groups_section(&mut out, export, last);
    }
    notes_section(&mut out, export);
    out.push_str(
        "<footer><p>Made by Discretion Spectrum from the workshop's record. Median and middle half (interquartile \
         range) as in the export's summary.csv; the codebook in the export defines every number.</p></footer>\n\
         </main>\n</body>\n</html>\n",
    );
    out
}

/// "How the room moved": round 1 → round 2 per aspect.
fn movement_section(out: &mut String, export: &WorkshopExport) {
    let s = &export.snapshot;
    out.push_str(
        "<section class=\"movement\"><h2>How the room moved in the second round</h2>\n<table><thead><tr>\
         <th scope=\"col\">Aspect</th><th scope=\"col\">Median, round 1 → 2</th><th scope=\"col\">Middle half \
         changed by</th><th scope=\"col\">Pairs who moved it more than 10</th></tr></thead><tbody>\n",
    );
    for card in &s.cards {
        let of = |round: u32| export.aspect_rounds.iter().find(|a| a.round == round && a.card_id == card.id);
        let median = |round: u32| of(round).and_then(|a| a.stats.median);
        let Some(m) = of(2).and_then(|a| a.movement.as_ref()) else { continue };
        let moved = match (m.share_moved_over_10, m.n_paired) {
            (Some(share), n) => format!("{} of {n}", (share * n as f64).round() as usize),
            (None, _) => "–".into(),
        };
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{} → {}</td><td>{}</td><td>{}</td></tr>",
            esc(&card.text),
            opt(median(1)),
            opt(median(2)),
            m.iqr_change.map_or_else(|| "–".into(), |c| format!("{}{}", if c > 0.0 { "+" } else { "" }, num(c))),
            moved,
        );
    }
    out.push_str("</tbody></table></section>\n");
}

/// "Opinion groups" of the report's round, as the projector shows them: each group's median
/// per aspect, its size and its stability in words; pairs are never named, and a group
/// smaller than the privacy threshold is not shown on its own.
fn groups_section(out: &mut String, export: &WorkshopExport, round: u32) {
    let view = &export.snapshot.view;
    out.push_str("<section class=\"groups\"><h2>Opinion groups</h2>\n");
    match room_groups(view, round as u8) {
        Grouping::NoGroups(none) => {
            let _ = writeln!(out, "<p>{}</p>", esc(&none.reason.message()));
        }
        Grouping::Groups(found) => {
            let cards = view.active_cards();
            let min = view.settings.min_pairs.max(1) as usize;
            let sizes = group_sizes(&found);
            let shown: Vec<usize> = (0..found.k).filter(|&g| sizes[g] >= min).collect();
            out.push_str("<table><thead><tr><th scope=\"col\">Aspect</th>");
            for &g in &shown {
                let word = Stability::of(found.stability.get(g).copied().unwrap_or(0.0)).word();
                let _ = write!(out, "<th scope=\"col\">Group {} ({} pairs, {word})</th>", g + 1, sizes[g]);
            }
            out.push_str("</tr></thead><tbody>\n");
            for &a in &found.aspects_used {
                let text = cards.get(a).map_or("", |c| c.text.as_str());
                let _ = write!(out, "<tr><th scope=\"row\">{}</th>", esc(text));
                for &g in &shown {
                    let _ = write!(out, "<td>{}</td>", opt(found.group_medians[g][a]));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody></table>\n");
            let hidden = found.k - shown.len();
            if hidden > 0 {
                let _ = writeln!(out, "<p class=\"hint\">{hidden} smaller group(s) not shown (privacy threshold).</p>");
            }
            out.push_str(
                "<p class=\"hint\">Each group's median position per aspect. Stable: the group comes back when the \
                 pairs are resampled; weak: a pattern, but who belongs to it is doubtful; unstable: it dissolves.</p>\n",
            );
        }
    }
    out.push_str("</section>\n");
}

/// The pairs' notes, aspect by aspect; pair labels only when the workshop names them.
fn notes_section(out: &mut String, export: &WorkshopExport) {
    let s = &export.snapshot;
    let view = &s.view;
    let named = view.settings.name_notes;
    out.push_str("<section class=\"notes\"><h2>What the pairs wrote</h2>\n");
    let mut any = false;
    for card in &s.cards {
        let mut items = String::new();
        for pair in &s.pairs {
            let Some(note) = view.note(pair.id, card.id) else { continue };
            let who = if named { format!("<span class=\"who\">{}:</span> ", esc(&pair.label)) } else { String::new() };
            for (kind, text) in [("Intended", &note.intended), ("Unintended", &note.unintended)] {
                if !text.trim().is_empty() {
                    let _ = writeln!(items, "<li>{who}<em>{kind}:</em> {}</li>", esc(text));
                }
            }
        }
        if !items.is_empty() {
            any = true;
            let _ = write!(out, "<h3>{}</h3>\n<ul>\n{items}</ul>\n", esc(&card.text));
        }
    }
    if !any {
        out.push_str("<p>No notes were written.</p>\n");
    }
    if !named {
        out.push_str("<p class=\"hint\">Notes are shown without pair names, as the workshop was set.</p>\n");
    }
    out.push_str("</section>\n");
}
