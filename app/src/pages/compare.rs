//! `/research/compare?ids=<id>,<id>&links=<aspectId>~<aspectId>,...`: several workshops side
//! by side ("Across sites"). One chart (a row per matched aspect group, a q1–q3 line with a
//! median mark per workshop, colour and shape per site), the same numbers as a table, matching
//! differently worded aspects by hand (kept in the URL's `links=`), and the downloads.
//!
//! Aspects are grouped by [`crate::domain::compare::group_aspects`], the code behind
//! `comparison.csv`, so the page and the download agree.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use uuid::Uuid;

use super::research_fetch::{fetch, refusal, unexpected};
use crate::api::{ApiError, Comparison, RoundStats};
use crate::domain::compare::{AspectInput, MatchKind, format_links, group_aspects, parse_links};

/// Which round the chart and table show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundChoice {
    /// This round in every workshop (a workshop without it shows nothing).
    Round(u32),
    /// Each workshop's last opened round.
    Last,
}

impl RoundChoice {
    /// The select's value: `1`, `2` or `last`.
    pub fn value(self) -> String {
        match self {
            RoundChoice::Round(r) => r.to_string(),
            RoundChoice::Last => "last".into(),
        }
    }

    /// The choice of a select value (round 1 for anything unknown).
    pub fn from_value(value: &str) -> RoundChoice {
        match value {
            "last" => RoundChoice::Last,
            "2" => RoundChoice::Round(2),
            _ => RoundChoice::Round(1),
        }
    }
}

/// One aspect of one workshop in a group, with its numbers in the chosen round.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Index of the workshop in the comparison.
    pub workshop: usize,
    /// The aspect's own text.
    pub text: String,
    /// Its `summary.csv` numbers in the chosen round; `None` if the workshop has no such round.
    pub stats: Option<RoundStats>,
}

/// One matched aspect group as the chart and the table show it.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupRow {
    /// The group's number (as in `comparison.csv`).
    pub number: usize,
    /// Its label.
    pub label: String,
    /// Joined by a manual match.
    pub manual: bool,
    /// Whether every workshop has an aspect in it.
    pub complete: bool,
    /// Its aspects' ids (for matching and unmatching).
    pub aspect_ids: Vec<Uuid>,
    /// Per workshop, its aspects in this group (usually zero or one).
    pub cells: Vec<Vec<Entry>>,
}

/// The groups of a comparison with these links, numbers taken for `round`.
pub fn group_rows(comparison: &Comparison, links: &[(Uuid, Uuid)], round: RoundChoice) -> Vec<GroupRow> {
    let inputs: Vec<Vec<AspectInput>> = comparison
        .workshops
        .iter()
        .map(|w| w.aspects.iter().map(|a| AspectInput { id: a.id, text: a.text.clone() }).collect())
        .collect();
    group_aspects(&inputs, links)
        .into_iter()
        .map(|group| {
            let mut aspect_ids = Vec::new();
            let cells = group
                .members
                .iter()
                .enumerate()
                .map(|(w, members)| {
                    let workshop = &comparison.workshops[w];
                    members
                        .iter()
                        .map(|&i| {
                            let aspect = &workshop.aspects[i];
                            aspect_ids.push(aspect.id);
                            let stats = match round {
                                RoundChoice::Round(r) => aspect.rounds.iter().find(|s| s.round == r),
                                RoundChoice::Last => aspect.rounds.last(),
                            };
                            Entry { workshop: w, text: aspect.text.clone(), stats: stats.cloned() }
                        })
                        .collect()
                })
                .collect();
            GroupRow {
                number: group.number,
                complete: group.in_every_workshop(),
                manual: group.kind == MatchKind::Manual,
                label: group.label,
                aspect_ids,
                cells,
            }
        })
        .collect()
}

/// The links without those joining two aspects of `group` (what "Unmatch" leaves).
pub fn unmatched(links: &[(Uuid, Uuid)], group: &GroupRow) -> Vec<(Uuid, Uuid)> {
    let inside = |id: &Uuid| group.aspect_ids.contains(id);
    links.iter().filter(|(a, b)| !(inside(a) && inside(b))).copied().collect()
}

/// The distinct sites, in workshop order: a site's index picks its colour and shape.
pub fn sites_of(comparison: &Comparison) -> Vec<String> {
    let mut sites: Vec<String> = Vec::new();
    for w in &comparison.workshops {
        if !sites.contains(&w.site) {
            sites.push(w.site.clone());
        }
    }
    sites
}

/// A statistic with one decimal, `–` when there is none.
pub fn one_decimal(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |x| format!("{x:.1}"))
}

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
pub fn chart_svg(comparison: &Comparison, rows: &[GroupRow]) -> String {
    let sites = sites_of(comparison);
    let x_of = |v: f64| LEFT + (RIGHT - LEFT) * v.clamp(0.0, 100.0) / 100.0;
    let top = 64.0;
    let heights: Vec<f64> =
        rows.iter().map(|r| LINE * r.cells.iter().map(Vec::len).sum::<usize>().max(1) as f64 + 10.0).collect();
    let height = top + heights.iter().sum::<f64>() + 10.0;
    let names: Vec<String> = sites.iter().map(|s| xml_escape(s)).collect();
    let label = format!(
        "Median and quartiles of {} aspect groups at {}, from {} (0) to {} (100). The table below has the numbers.",
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

/// Where the page is.
#[derive(Clone, Debug, PartialEq)]
enum Load {
    Loading,
    SignedOut,
    Failed(ApiError),
    Loaded(Comparison),
}

/// The address of this page with these ids and links.
fn page_url(ids: &str, links: &[(Uuid, Uuid)]) -> String {
    if links.is_empty() {
        format!("/research/compare?ids={ids}")
    } else {
        format!("/research/compare?ids={ids}&links={}", format_links(links))
    }
}

#[component]
pub fn ComparePage() -> impl IntoView {
    let query = use_query_map();
    let load = RwSignal::new(Load::Loading);
    Effect::new(move |_| {
        let ids = query.with_untracked(|q| q.get("ids")).unwrap_or_default();
        leptos::task::spawn_local(async move {
            let url = format!("/api/research/compare?ids={ids}");
            load.set(match fetch("GET", &url, None).await {
                Ok((200, text)) => {
                    serde_json::from_str(&text).map_or_else(|_| Load::Failed(unexpected(200)), Load::Loaded)
                }
                Ok((401, _)) => Load::SignedOut,
                Ok((status, text)) => Load::Failed(refusal(status, &text)),
                Err(e) => Load::Failed(e),
            });
        });
    });
    view! {
        <main class="page research compare">
            <p><a href="/research">"Back to research data"</a></p>
            <h1>"Compare workshops"</h1>
            {move || match load.get() {
                Load::Loading => view! { <p class="hint">"Loading…"</p> }.into_any(),
                Load::SignedOut => {
                    view! {
                        <p role="alert" class="form-error">
                            "This needs the admin key. "
                            <a href="/research">"Sign in on the research data page"</a>
                            ", then come back to this link."
                        </p>
                    }
                        .into_any()
                }
                Load::Failed(e) => view! { <p role="alert" class="form-error">{e.error}</p> }.into_any(),
                Load::Loaded(comparison) => view! { <Compared comparison/> }.into_any(),
            }}
        </main>
    }
    .into_any()
}

/// Everything once the comparison is read.
#[component]
fn Compared(comparison: Comparison) -> impl IntoView {
    let query = use_query_map();
    let links = Memo::new(move |_| {
        query.with(|q| q.get("links")).map(|l| parse_links(&l).unwrap_or_default()).unwrap_or_default()
    });
    let round = RwSignal::new(RoundChoice::Round(1));
    let ids: String = comparison.workshops.iter().map(|w| w.id.to_string()).collect::<Vec<_>>().join(",");
    let two_rounds = comparison.workshops.iter().any(|w| w.rounds >= 2);
    let data = StoredValue::new(comparison.clone());
    let rows = Memo::new(move |_| data.with_value(|c| group_rows(c, &links.get(), round.get())));
    let navigate = use_navigate();
    let set_links = {
        let ids = ids.clone();
        Callback::new(move |new: Vec<(Uuid, Uuid)>| {
            navigate(&page_url(&ids, &new), NavigateOptions { replace: true, scroll: false, ..Default::default() });
        })
    };
    let csv_url = {
        let ids = ids.clone();
        move || {
            let links = links.get();
            if links.is_empty() {
                format!("/api/research/compare.csv?ids={ids}")
            } else {
                format!("/api/research/compare.csv?ids={ids}&links={}", format_links(&links))
            }
        }
    };
    let zip_url = format!("/api/research/export-all.zip?ids={ids}");
    let chosen = comparison
        .workshops
        .iter()
        .map(|w| view! { <li>{format!("{} — {}, {}", w.title, w.site, w.date)}</li> })
        .collect_view();

    view! {
        <section aria-labelledby="chosen-heading">
            <h2 id="chosen-heading">"Workshops"</h2>
            <ul class="compare-workshops">{chosen}</ul>
            <p class="research-actions">
                <a class="button small" id="download-comparison" href=csv_url download>
                    "Download comparison (CSV)"
                </a>
                <a class="button small" id="download-chosen" href=zip_url download>
                    "Download these workshops (zip)"
                </a>
            </p>
        </section>
        <div class="field compare-round">
            <label for="compare-round">"Round"</label>
            <select id="compare-round" on:change=move |ev| round.set(RoundChoice::from_value(&event_target_value(&ev)))>
                <option value="1">"Round 1"</option>
                {two_rounds.then(|| view! { <option value="2">"Round 2"</option> })}
                <option value="last">"Last round of each"</option>
            </select>
        </div>
        <figure class="compare-chart" inner_html=move || data.with_value(|c| chart_svg(c, &rows.get()))></figure>
        <CompareTable data rows links set_links/>
    }
    .into_any()
}

/// "Medians and quartiles by site", with the manual matching controls.
#[component]
fn CompareTable(
    data: StoredValue<Comparison>,
    rows: Memo<Vec<GroupRow>>,
    links: Memo<Vec<(Uuid, Uuid)>>,
    set_links: Callback<Vec<(Uuid, Uuid)>>,
) -> impl IntoView {
    let heads = data.with_value(|c| {
        c.workshops
            .iter()
            .map(|w| {
                view! { <th scope="colgroup" colspan="4">{format!("{} ({}, {})", w.site, w.title, w.date)}</th> }
            })
            .collect_view()
    });
    let stat_heads = data.with_value(|c| {
        c.workshops
            .iter()
            .map(|_| {
                view! {
                    <th scope="col">"n"</th>
                    <th scope="col">"Median"</th>
                    <th scope="col">"Q1"</th>
                    <th scope="col">"Q3"</th>
                }
            })
            .collect_view()
    });
    view! {
        <h2 id="table-heading">"Medians and quartiles by site"</h2>
        <div class="table-scroll">
            <table class="research-table compare-table" aria-labelledby="table-heading">
                <thead>
                    <tr>
                        <th scope="col" rowspan="2">"Aspect"</th>
                        {heads}
                        <th scope="col" rowspan="2">"Matching"</th>
                    </tr>
                    <tr>{stat_heads}</tr>
                </thead>
                <tbody>
                    // Redrawn whole on every change: matching renumbers groups and changes
                    // every row's "Match with…" list.
                    {move || {
                        rows.get()
                            .into_iter()
                            .map(|row| view! { <GroupLine row rows links set_links/> })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// One group's table row.
#[component]
fn GroupLine(
    row: GroupRow,
    rows: Memo<Vec<GroupRow>>,
    links: Memo<Vec<(Uuid, Uuid)>>,
    set_links: Callback<Vec<(Uuid, Uuid)>>,
) -> impl IntoView {
    let joined = |cell: &[Entry], f: fn(&RoundStats) -> String| {
        if cell.is_empty() {
            "—".to_string()
        } else {
            cell.iter().map(|e| e.stats.as_ref().map_or_else(|| "–".to_string(), f)).collect::<Vec<_>>().join(" / ")
        }
    };
    let cells = row
        .cells
        .iter()
        .map(|cell| {
            view! {
                <td class="num">{joined(cell, |s| s.n_placed.to_string())}</td>
                <td class="num">{joined(cell, |s| one_decimal(s.median))}</td>
                <td class="num">{joined(cell, |s| one_decimal(s.q1))}</td>
                <td class="num">{joined(cell, |s| one_decimal(s.q3))}</td>
            }
        })
        .collect_view();
    let select_id = format!("match-{}", row.number);
    let chosen = RwSignal::new(String::new());
    let others: Vec<(usize, String)> = rows.with_untracked(|all| {
        all.iter().filter(|r| r.number != row.number).map(|r| (r.number, r.label.clone())).collect()
    });
    let first = row.aspect_ids.first().copied();
    let match_now = move |_| {
        let target = chosen.get_untracked().parse::<usize>().ok();
        let other = target
            .and_then(|n| rows.with_untracked(|all| all.iter().find(|r| r.number == n)?.aspect_ids.first().copied()));
        if let (Some(a), Some(b)) = (first, other) {
            let mut new = links.get_untracked();
            new.push((a, b));
            set_links.run(new);
        }
    };
    let unmatch_row = row.clone();
    let unmatch = move |_| set_links.run(unmatched(&links.get_untracked(), &unmatch_row));
    let label = row.label.clone();
    let matching = (!row.complete && !others.is_empty()).then(|| {
        let options =
            others.into_iter().map(|(n, text)| view! { <option value=n.to_string()>{text}</option> }).collect_view();
        view! {
            <select
                id=select_id
                aria-label=format!("Match “{label}” with…")
                on:change=move |ev| chosen.set(event_target_value(&ev))
            >
                <option value="" selected>"Match with…"</option>
                {options}
            </select>
            <button type="button" class="small" on:click=match_now>"Match"</button>
        }
    });
    let manual = row.manual.then(|| {
        view! {
            <span class="matched">"Matched by hand"</span>
            <button type="button" class="small" on:click=unmatch>"Unmatch"</button>
        }
    });
    view! {
        <tr data-group=row.number>
            <th scope="row">{row.label.clone()}</th>
            {cells}
            <td class="compare-matching">{manual} {matching}</td>
        </tr>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ComparedAspect, ComparedWorkshop};

    fn stats(round: u32, median: f64) -> RoundStats {
        RoundStats {
            round,
            n_placed: 1,
            n_cant_place: 0,
            median: Some(median),
            q1: Some(median - 5.0),
            q3: Some(median + 5.0),
        }
    }

    fn workshop(n: u128, site: &str, aspects: &[(&str, Vec<RoundStats>)]) -> ComparedWorkshop {
        ComparedWorkshop {
            id: Uuid::from_u128(n),
            title: format!("W{n}"),
            site: site.into(),
            date: "2026-11-23".into(),
            left_pole: "Fixed".into(),
            right_pole: "Flexible <&>".into(),
            rounds: aspects.iter().map(|(_, r)| r.len() as u32).max().unwrap_or(1),
            aspects: aspects
                .iter()
                .zip(1..)
                .map(|((text, rounds), i)| ComparedAspect {
                    id: Uuid::from_u128(n * 100 + i),
                    text: text.to_string(),
                    author: "facilitator".into(),
                    rounds: rounds.clone(),
                })
                .collect(),
        }
    }

    fn comparison() -> Comparison {
        Comparison {
            workshops: vec![
                workshop(
                    1,
                    "North",
                    &[
                        ("Holding", vec![stats(1, 30.0), stats(2, 40.0)]),
                        ("Records", vec![stats(1, 70.0), stats(2, 75.0)]),
                    ],
                ),
                workshop(2, "South", &[("holding", vec![stats(1, 60.0)]), ("Keeping records", vec![stats(1, 80.0)])]),
            ],
        }
    }

    #[test]
    fn rows_take_the_chosen_round_or_each_workshops_last() {
        let c = comparison();
        let rows = group_rows(&c, &[], RoundChoice::Round(1));
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].cells[0][0].stats.as_ref().unwrap().median, Some(30.0));
        assert_eq!(rows[0].cells[1][0].stats.as_ref().unwrap().median, Some(60.0));
        assert!(rows[0].complete && !rows[1].complete);
        let second = group_rows(&c, &[], RoundChoice::Round(2));
        assert_eq!(second[0].cells[0][0].stats.as_ref().unwrap().median, Some(40.0));
        assert_eq!(second[0].cells[1][0].stats, None, "South has no round 2");
        let last = group_rows(&c, &[], RoundChoice::Last);
        assert_eq!(last[0].cells[0][0].stats.as_ref().unwrap().median, Some(40.0));
        assert_eq!(last[0].cells[1][0].stats.as_ref().unwrap().median, Some(60.0));
    }

    #[test]
    fn matching_and_unmatching_change_only_the_links() {
        let c = comparison();
        let link = (Uuid::from_u128(102), Uuid::from_u128(202));
        let other = (Uuid::from_u128(101), Uuid::from_u128(999));
        let rows = group_rows(&c, &[link, other], RoundChoice::Round(1));
        assert_eq!(rows.len(), 2);
        assert!(rows[1].manual && rows[1].complete);
        assert_eq!(rows[1].aspect_ids, [Uuid::from_u128(102), Uuid::from_u128(202)]);
        assert_eq!(unmatched(&[link, other], &rows[1]), [other]);
    }

    #[test]
    fn numbers_have_one_decimal_and_choices_round_trip() {
        assert_eq!(one_decimal(Some(30.0)), "30.0");
        assert_eq!(one_decimal(Some(80.25)), "80.2");
        assert_eq!(one_decimal(None), "–");
        for choice in [RoundChoice::Round(1), RoundChoice::Round(2), RoundChoice::Last] {
            assert_eq!(RoundChoice::from_value(&choice.value()), choice);
        }
        assert_eq!(page_url("a,b", &[]), "/research/compare?ids=a,b");
    }

    #[test]
    fn the_chart_has_a_line_and_mark_per_placed_aspect_and_escapes_text() {
        let c = comparison();
        let rows = group_rows(&c, &[], RoundChoice::Round(1));
        let svg = chart_svg(&c, &rows);
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
