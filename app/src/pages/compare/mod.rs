//! `/research/compare?ids=<id>,<id>&links=<aspectId>~<aspectId>,...`: several workshops side
//! by side ("Across sites"). One chart (a row per matched aspect group, a q1–q3 line with a
//! median mark per workshop, colour and shape per site), the same numbers as a table, matching
//! differently worded aspects by hand (kept in the URL's `links=`), and the downloads.
//!
//! Aspects are grouped by [`crate::domain::compare::group_aspects`], the code behind
//! `comparison.csv`, so the page and the download agree.

mod chart;
mod groups;
mod rows;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use uuid::Uuid;

use crate::api::{ApiError, Comparison, RoundStats};
use crate::api::{Refused, calls, urls};
use crate::domain::compare::parse_links;
use crate::i18n::{t, use_lang};
pub use chart::chart_svg;
use groups::CompareGroups;
pub use rows::{Entry, GroupRow, RoundChoice, group_rows, one_decimal, sites_of, unmatched};

#[derive(Clone, Debug, PartialEq)]
enum Load {
    Loading,
    SignedOut,
    Failed(ApiError),
    Loaded(Comparison),
}

#[component]
pub fn ComparePage() -> impl IntoView {
    let l = use_lang();
    let query = use_query_map();
    let load = RwSignal::new(Load::Loading);
    Effect::new(move |_| {
        let ids = query.with_untracked(|q| q.get("ids")).unwrap_or_default();
        leptos::task::spawn_local(async move {
            load.set(match calls::compare(&ids).await {
                Ok(comparison) => Load::Loaded(comparison),
                Err(Refused::SignedOut) => Load::SignedOut,
                Err(refused) => Load::Failed(refused.error_in(l)),
            });
        });
    });
    view! {
        <main class="page research compare">
            <p><a href="/research">{t::research_back(l)}</a></p>
            <h1>{t::compare_title(l)}</h1>
            {move || match load.get() {
                Load::Loading => view! { <p class="hint">{t::compare_loading(l)}</p> }.into_any(),
                Load::SignedOut => {
                    view! {
                        <p role="alert" class="form-error">
                            {t::research_needs_key(l)}
                            <a href="/research">{t::compare_sign_in(l)}</a>
                            {t::compare_come_back(l)}
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
    let l = use_lang();
    let query = use_query_map();
    let links = Memo::new(move |_| {
        // A part that is not two ids (a mangled shared link) is left out, the rest kept.
        let text = query.with(|q| q.get("links")).unwrap_or_default();
        text.split(',').filter_map(|part| parse_links(part).ok()).flatten().collect::<Vec<_>>()
    });
    // What the last Match or Unmatch did, for the polite live region (the table is redrawn).
    let status = RwSignal::new(String::new());
    let round = RwSignal::new(RoundChoice::Round(1));
    let ids: String = comparison.workshops.iter().map(|w| w.id.to_string()).collect::<Vec<_>>().join(",");
    let two_rounds = comparison.workshops.iter().any(|w| w.rounds >= 2);
    let data = StoredValue::new(comparison.clone());
    let rows = Memo::new(move |_| data.with_value(|c| group_rows(c, &links.get(), round.get())));
    let navigate = use_navigate();
    let set_links = {
        let ids = ids.clone();
        Callback::new(move |(new, done): (Vec<(Uuid, Uuid)>, String)| {
            status.set(done);
            navigate(
                &urls::compare_page(&ids, &new),
                NavigateOptions { replace: true, scroll: false, ..Default::default() },
            );
        })
    };
    let csv_url = {
        let ids = ids.clone();
        move || urls::compare_csv(&ids, &links.get())
    };
    let zip_url = urls::export_chosen(&ids);
    let qdpx_url = urls::qdpx_chosen(&ids);
    let chosen = comparison
        .workshops
        .iter()
        .map(|w| view! { <li>{format!("{} — {}, {}", w.title, w.site, w.date)}</li> })
        .collect_view();

    view! {
        <section aria-labelledby="chosen-heading">
            <h2 id="chosen-heading">{t::research_workshops(l)}</h2>
            <ul class="compare-workshops">{chosen}</ul>
            <p class="research-actions">
                <a class="button small" id="download-comparison" href=csv_url download>
                    {t::compare_download_csv(l)}
                </a>
                <a class="button small" id="download-chosen" href=zip_url download>
                    {t::compare_download_zip(l)}
                </a>
                <a class="button small" id="download-chosen-qdpx" href=qdpx_url download>
                    {t::compare_download_qdpx(l)}
                </a>
            </p>
        </section>
        <div class="field compare-round">
            <label for="compare-round">{t::compare_round(l)}</label>
            <select id="compare-round" on:change=move |ev| round.set(RoundChoice::from_value(&event_target_value(&ev)))>
                <option value="1">{t::compare_round_n(l, 1)}</option>
                {two_rounds.then(|| view! { <option value="2">{t::compare_round_n(l, 2)}</option> })}
                <option value="last">{t::compare_last_round(l)}</option>
            </select>
        </div>
        <figure class="compare-chart" inner_html=move || data.with_value(|c| chart_svg(c, &rows.get(), l))></figure>
        <p class="visually-hidden" role="status" aria-live="polite">{move || status.get()}</p>
        <CompareTable data rows links set_links/>
        <CompareGroups ids=ids.clone() links/>
    }
    .into_any()
}

/// "Medians and quartiles by site", with the manual matching controls.
#[component]
fn CompareTable(
    data: StoredValue<Comparison>,
    rows: Memo<Vec<GroupRow>>,
    links: Memo<Vec<(Uuid, Uuid)>>,
    set_links: Callback<(Vec<(Uuid, Uuid)>, String)>,
) -> impl IntoView {
    let l = use_lang();
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
                    <th scope="col">{t::compare_median(l)}</th>
                    <th scope="col">"Q1"</th>
                    <th scope="col">"Q3"</th>
                }
            })
            .collect_view()
    });
    view! {
        <h2 id="table-heading">{t::compare_table_heading(l)}</h2>
        <div class="table-scroll">
            <table class="research-table compare-table" aria-labelledby="table-heading">
                <thead>
                    <tr>
                        <th scope="col" rowspan="2">{t::compare_aspect(l)}</th>
                        {heads}
                        <th scope="col" rowspan="2">{t::compare_matching(l)}</th>
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
    set_links: Callback<(Vec<(Uuid, Uuid)>, String)>,
) -> impl IntoView {
    let l = use_lang();
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
    let this_label = row.label.clone();
    let match_now = move |_| {
        let target = chosen.get_untracked().parse::<usize>().ok();
        let other = target.and_then(|n| {
            rows.with_untracked(|all| {
                let other = all.iter().find(|r| r.number == n)?;
                Some((other.aspect_ids.first().copied()?, other.label.clone()))
            })
        });
        if let (Some(a), Some((b, other_label))) = (first, other) {
            let mut new = links.get_untracked();
            new.push((a, b));
            set_links.run((new, t::compare_matched_status(l, &this_label, other_label)));
        }
    };
    let unmatch_row = row.clone();
    let unmatch = move |_| {
        let done = t::compare_unmatched_status(l, &unmatch_row.label);
        set_links.run((unmatched(&links.get_untracked(), &unmatch_row), done));
    };
    let label = row.label.clone();
    let matching = (!row.complete && !others.is_empty()).then(|| {
        let options =
            others.into_iter().map(|(n, text)| view! { <option value=n.to_string()>{text}</option> }).collect_view();
        view! {
            <select
                id=select_id
                aria-label=t::compare_match_with_label(l, &label)
                on:change=move |ev| chosen.set(event_target_value(&ev))
            >
                <option value="" selected>{t::compare_match_with(l)}</option>
                {options}
            </select>
            <button type="button" class="small" on:click=match_now>{t::compare_match(l)}</button>
        }
    });
    let manual = row.manual.then(|| {
        view! {
            <span class="matched">{t::compare_matched_by_hand(l)}</span>
            <button type="button" class="small" on:click=unmatch>{t::compare_unmatch(l)}</button>
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

    #[test]
    fn the_address_keeps_ids_and_links() {
        assert_eq!(urls::compare_page("a,b", &[]), "/research/compare?ids=a,b");
        let link = (Uuid::from_u128(1), Uuid::from_u128(2));
        assert_eq!(urls::compare_page("a", &[link]), format!("/research/compare?ids=a&links={}~{}", link.0, link.1));
    }
}
