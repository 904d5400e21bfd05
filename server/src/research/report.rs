//! The room report: one printable page (A4, one or two sheets) to hand back to the link
//! workers who took part. The question, the picture of where the room put each aspect
//! (median, spread, split), the aspects the room disagreed on most, the movement in the
//! second round, and the pairs' notes (anonymous unless the workshop names them).
//!
//! Plain server-rendered HTML with its own print stylesheet ([`REPORT_CSS`]) and a strict
//! policy (no script at all): it prints to PDF from any browser. Built from the same
//! [`WorkshopExport`] as the files of an export, so its numbers are theirs.
//!
//! In one language ([`report_html_in`]): every word is a `report-*` message of the catalogs
//! (`app/locales/*.ftl`), numbers use the language's decimal separator, and the date is ISO
//! (`2026-11-23`), as on every screen. The workshop's own texts (title, question, poles,
//! aspects, notes) are the room's, in whatever language it wrote them. What people wrote is
//! escaped; the catalogs' texts are part of the program and go in as they are.

use std::fmt::Write;

use app::domain::groups::Grouping;
use app::domain::groups::stability::Stability;
use app::domain::opinion::{group_sizes, room_groups};
use app::i18n::{LANGUAGES, Lang, t};

use super::chart::{chart_svg_in, xml_escape as esc};
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

/// `l`'s decimal separator.
fn decimal(l: Lang) -> &'static str {
    LANGUAGES.iter().find(|language| language.code == l.code()).map_or(".", |language| language.decimal)
}

/// `text` (digits, signs, a `.`) with `l`'s decimal separator.
fn localised(l: Lang, text: String) -> String {
    let separator = decimal(l);
    if separator == "." { text } else { text.replace('.', separator) }
}

/// A number as the report shows it, in `l`: at most one decimal.
fn num(l: Lang, x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    localised(l, if rounded == rounded.trunc() { format!("{rounded:.0}") } else { format!("{rounded:.1}") })
}

fn opt(l: Lang, x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_string(), |x| num(l, x))
}

/// The whole page, in English.
pub fn report_html(export: &WorkshopExport) -> String {
    report_html_in(export, Lang::EN)
}

/// The whole page, in `l`.
pub fn report_html_in(export: &WorkshopExport, l: Lang) -> String {
    let s = &export.snapshot;
    let w = &s.workshop;
    let view = &s.view;
    let last = u32::from(view.round.max(1));
    let mut out = String::with_capacity(32 * 1024);
    let counts = if view.round >= 2 {
        t::report_counts_two_rounds(l, s.pairs.len(), s.cards.len())
    } else {
        t::report_counts(l, s.pairs.len(), s.cards.len())
    };
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="{code}"{dir}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{page_title}</title>
<link rel="stylesheet" href="{REPORT_CSS_PATH}">
</head>
<body>
<main class="report">
<header>
<p class="kicker">{kicker}</p>
<h1>{title}</h1>
<p class="question">{question}</p>
<p class="poles"><span>0 = {left}</span> <span>100 = {right}</span></p>
<p class="counts">{counts}</p>
</header>
"#,
        code = l.code(),
        dir = if l.dir() == "rtl" { r#" dir="rtl""# } else { "" },
        page_title = t::report_title(l, esc(&w.title)),
        kicker = t::report_kicker(l, esc(&w.site), app::i18n::long_date(l, &workshop_date(w.created_at))),
        title = esc(&w.title),
        question = esc(&w.question),
        left = esc(&w.left_pole),
        right = esc(&w.right_pole),
    );

    // The picture and the numbers under it.
    let _ = write!(
        out,
        "<section class=\"picture\"><h2>{}</h2>\n<figure>{}</figure>\n",
        if last >= 2 { t::report_picture_heading_round_2(l) } else { t::report_picture_heading(l) },
        chart_svg_in(export, last, l)
    );
    let _ = writeln!(
        out,
        "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        t::report_col_aspect(l),
        t::report_col_pairs(l),
        t::report_col_median(l),
        t::report_col_middle_half(l),
        t::report_col_split(l),
    );
    let rows: Vec<_> = export.aspect_rounds.iter().filter(|a| a.round == last).collect();
    for a in &rows {
        let text = s.cards.iter().find(|c| c.id == a.card_id).map_or("", |c| c.text.as_str());
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(text),
            a.stats.n_placed,
            opt(l, a.stats.median),
            middle_half(l, a.stats.q1, a.stats.q3),
            if a.stats.split { t::report_split_yes(l) } else { "" },
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
    let _ = writeln!(out, "<section class=\"disagreed\"><h2>{}</h2>", t::report_disagreed_heading(l));
    if disagreed.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", t::report_disagreed_too_few(l));
    } else {
        out.push_str("<ol>\n");
        for a in disagreed.iter().take(MOST_DISAGREED) {
            let text = s.cards.iter().find(|c| c.id == a.card_id).map_or("", |c| c.text.as_str());
            let consensus = a.stats.consensus.map_or_else(|| "–".into(), |c| localised(l, format!("{c:.2}")));
            let middle = middle_half(l, a.stats.q1, a.stats.q3);
            let detail = if a.stats.split {
                t::report_disagreed_detail_split(l, consensus, middle)
            } else {
                t::report_disagreed_detail(l, consensus, middle)
            };
            let _ = writeln!(out, "<li><strong>{}</strong>: {detail}</li>", esc(text));
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");

    if view.round >= 2 {
        movement_section(&mut out, export, l);
    }
    if view.settings.show_groups {
        groups_section(&mut out, export, last, l);
    }
    notes_section(&mut out, export, l);
    let _ = write!(out, "<footer><p>{}</p></footer>\n</main>\n</body>\n</html>\n", t::report_footer(l));
    out
}

/// The middle half, `q1–q3`, or `–`.
fn middle_half(l: Lang, q1: Option<f64>, q3: Option<f64>) -> String {
    match (q1, q3) {
        (Some(q1), Some(q3)) => format!("{}–{}", num(l, q1), num(l, q3)),
        _ => "–".into(),
    }
}

/// "How the room moved": round 1 → round 2 per aspect.
fn movement_section(out: &mut String, export: &WorkshopExport, l: Lang) {
    let s = &export.snapshot;
    let _ = writeln!(
        out,
        "<section class=\"movement\"><h2>{}</h2>\n<table><thead><tr>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         </tr></thead><tbody>",
        t::report_movement_heading(l),
        t::report_col_aspect(l),
        t::report_col_median_rounds(l),
        t::report_col_middle_half_change(l),
        t::report_col_moved(l),
    );
    for card in &s.cards {
        let of = |round: u32| export.aspect_rounds.iter().find(|a| a.round == round && a.card_id == card.id);
        let median = |round: u32| of(round).and_then(|a| a.stats.median);
        let Some(m) = of(2).and_then(|a| a.movement.as_ref()) else { continue };
        let moved = match (m.share_moved_over_10, m.n_paired) {
            (Some(share), n) => t::report_moved_of(l, (share * n as f64).round() as usize, n),
            (None, _) => "–".into(),
        };
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{} → {}</td><td>{}</td><td>{}</td></tr>",
            esc(&card.text),
            opt(l, median(1)),
            opt(l, median(2)),
            m.iqr_change.map_or_else(|| "–".into(), |c| format!("{}{}", if c > 0.0 { "+" } else { "" }, num(l, c))),
            moved,
        );
    }
    out.push_str("</tbody></table></section>\n");
}

/// "Opinion groups" of the report's round, as the projector shows them: each group's median
/// per aspect, its size and its stability in words; pairs are never named, and a group
/// smaller than the privacy threshold is not shown on its own.
fn groups_section(out: &mut String, export: &WorkshopExport, round: u32, l: Lang) {
    let view = &export.snapshot.view;
    let _ = writeln!(out, "<section class=\"groups\"><h2>{}</h2>", t::report_groups_heading(l));
    match room_groups(view, round as u8) {
        Grouping::NoGroups(none) => {
            let _ = writeln!(out, "<p>{}</p>", esc(&none.reason.message_in(l)));
        }
        Grouping::Groups(found) => {
            let cards = view.active_cards();
            let min = view.settings.min_pairs.max(1) as usize;
            let sizes = group_sizes(&found);
            let shown: Vec<usize> = (0..found.k).filter(|&g| sizes[g] >= min).collect();
            let _ = write!(out, "<table><thead><tr><th scope=\"col\">{}</th>", t::report_col_aspect(l));
            for &g in &shown {
                let word = Stability::of(found.stability.get(g).copied().unwrap_or(0.0)).word_in(l);
                let _ = write!(out, "<th scope=\"col\">{}</th>", t::report_group_head(l, g + 1, sizes[g], word));
            }
            out.push_str("</tr></thead><tbody>\n");
            for &a in &found.aspects_used {
                let text = cards.get(a).map_or("", |c| c.text.as_str());
                let _ = write!(out, "<tr><th scope=\"row\">{}</th>", esc(text));
                for &g in &shown {
                    let _ = write!(out, "<td>{}</td>", opt(l, found.group_medians[g][a]));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody></table>\n");
            let hidden = found.k - shown.len();
            if hidden > 0 {
                let _ = writeln!(out, "<p class=\"hint\">{}</p>", t::report_groups_hidden(l, hidden));
            }
            let _ = writeln!(out, "<p class=\"hint\">{}</p>", t::report_groups_hint(l));
        }
    }
    out.push_str("</section>\n");
}

/// The pairs' notes, aspect by aspect; pair labels only when the workshop names them.
fn notes_section(out: &mut String, export: &WorkshopExport, l: Lang) {
    let s = &export.snapshot;
    let view = &s.view;
    let named = view.settings.name_notes;
    let _ = writeln!(out, "<section class=\"notes\"><h2>{}</h2>", t::report_notes_heading(l));
    let mut any = false;
    for card in &s.cards {
        let mut items = String::new();
        for pair in &s.pairs {
            let Some(note) = view.note(pair.id, card.id) else { continue };
            let who = if named { format!("<span class=\"who\">{}:</span> ", esc(&pair.label)) } else { String::new() };
            for (kind, text) in
                [(t::report_note_intended(l), &note.intended), (t::report_note_unintended(l), &note.unintended)]
            {
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
        let _ = writeln!(out, "<p>{}</p>", t::report_no_notes(l));
    }
    if !named {
        let _ = writeln!(out, "<p class=\"hint\">{}</p>", t::report_notes_anonymous(l));
    }
    out.push_str("</section>\n");
}
