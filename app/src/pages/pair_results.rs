//! `/pair/:code/results`: "Our results", a pair's page to take away after the reveal. The
//! question, one row per aspect with the pair's marker beside the room's median and middle
//! half (a picture with its numbers also in words), how the pair moved in the second round,
//! its notes and its reference. Read with the token this device joined with
//! (`GET /api/pair/results`); prints on one A4 page and reads on a phone.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::device::stored_pair;
use crate::api::{calls, urls};
use crate::domain::board::format_position;
use crate::domain::pair_results::{AspectResult, PairResults, RoundResult};

/// What the page shows.
#[derive(Clone, Debug, PartialEq)]
enum Shown {
    Loading,
    NotJoined,
    Refused(String),
    Results(Box<PairResults>),
}

#[component]
pub fn PairResultsPage() -> impl IntoView {
    let params = use_params_map();
    let code = Memo::new(move |_| params.with(|p| p.get("code")).unwrap_or_default().trim().to_uppercase());
    let shown = RwSignal::new(Shown::Loading);
    Effect::new(move |_| {
        let Some(joined) = stored_pair(&code.get()) else {
            shown.set(Shown::NotJoined);
            return;
        };
        leptos::task::spawn_local(async move {
            shown.set(match calls::pair_results(&joined.token).await {
                Ok(results) => Shown::Results(Box::new(results)),
                Err(refused) => Shown::Refused(refused.error().error),
            });
        });
    });
    let back = move || urls::pair_page(&code.get());
    view! {
        <main class="pair-results">
            <p class="no-print"><a href=back>"← Back to our board"</a></p>
            {move || match shown.get() {
                Shown::Loading => view! { <p class="loading">"Loading our results…"</p> }.into_any(),
                Shown::NotJoined => view! {
                    <h1>"This device has not joined workshop " {code.get()}</h1>
                    <p>"Only the tablet a pair joined with can open its results."</p>
                }.into_any(),
                Shown::Refused(message) => view! {
                    <h1>"Our results"</h1>
                    <p role="alert" class="form-error">{message}</p>
                }.into_any(),
                Shown::Results(results) => view! { <ResultsView results=*results/> }.into_any(),
            }}
        </main>
    }
}

/// "35.5" or "not placed" / "can't place".
fn place_words(r: &RoundResult) -> String {
    match r.position {
        Some(p) => format_position(p),
        None if r.cant_place => "can't place".into(),
        None => "not placed".into(),
    }
}

/// The room's numbers in words, or why they are not shown.
fn room_words(r: &RoundResult, min_pairs: u32) -> String {
    match r.room {
        Some(room) => format!(
            "the room's median {}, middle half from {} to {} ({} pairs placed it)",
            format_position(room.median),
            format_position(room.q1),
            format_position(room.q3),
            r.n_placed
        ),
        None if r.n_placed == 0 => "no pair placed it".into(),
        None => format!(
            "the room's numbers are not shown: {} placed it, fewer than {min_pairs}",
            if r.n_placed == 1 { "1 pair".to_string() } else { format!("{} pairs", r.n_placed) }
        ),
    }
}

/// How the pair moved it, in words.
fn moved_words(moved: f64, results: &PairResults) -> String {
    if moved == 0.0 {
        "We kept it where it was in the second round.".into()
    } else {
        let towards = if moved > 0.0 { &results.right_pole } else { &results.left_pole };
        format!("In the second round we moved it {} points towards \"{towards}\".", format_position(moved.abs()))
    }
}

#[component]
fn ResultsView(results: PairResults) -> impl IntoView {
    let rows = results.aspects.iter().map(|a| aspect_row(a, &results)).collect_view();
    let notes: Vec<_> = results
        .aspects
        .iter()
        .filter(|a| !a.intended.trim().is_empty() || !a.unintended.trim().is_empty())
        .map(|a| {
            view! {
                <li>
                    <strong>{a.text.clone()}</strong>
                    {(!a.intended.trim().is_empty()).then(|| view! { <p class="note"><em>"Intended: "</em>{a.intended.clone()}</p> })}
                    {(!a.unintended.trim().is_empty()).then(|| view! { <p class="note"><em>"Unintended: "</em>{a.unintended.clone()}</p> })}
                </li>
            }
        })
        .collect();
    let has_notes = !notes.is_empty();
    view! {
        <header class="results-header">
            <p class="kicker">{format!("Our results · {} · {} · {}", results.pair_label, results.site, results.date)}</p>
            <h1>{results.question.clone()}</h1>
            <p class="results-poles"><span>{format!("0 = {}", results.left_pole)}</span><span>{format!("100 = {}", results.right_pole)}</span></p>
            <p class="results-key">
                <span class="key-own" aria-hidden="true"></span>" our position  "
                <span class="key-band" aria-hidden="true"></span>" the room's middle half  "
                <span class="key-median" aria-hidden="true"></span>" the room's median"
                {(results.rounds >= 2).then_some(" (upper line round 1, lower line round 2)")}
            </p>
        </header>
        <ol class="result-rows">{rows}</ol>
        <section class="results-notes">
            <h2>"Our notes"</h2>
            {if has_notes { view! { <ul>{notes}</ul> }.into_any() } else { view! { <p>"We wrote no notes."</p> }.into_any() }}
        </section>
        <section class="results-reference">
            <h2>"Our reference"</h2>
            {match results.reference.clone() {
                Some(reference) => view! {
                    <p><strong class="reference-code">{reference}</strong>" — keep it. It is how the research team finds our answers without our names: quote it to them to withdraw from the study, and everything this pair did is deleted."</p>
                }.into_any(),
                None => view! { <p>"This pair has no reference (it joined before references existed)."</p> }.into_any(),
            }}
        </section>
        <p class="results-foot">
            {format!("{} pairs took part. The room's median and middle half are those of the workshop's summary.csv; a room's numbers are shown only where at least {} pairs placed the aspect.", results.pairs, results.min_pairs.max(1))}
        </p>
        <p class="no-print"><button type="button" class="button" on:click=|_| crate::browser::print_page()>"Print or save as PDF"</button></p>
    }
}

/// Track geometry of the picture (SVG user units).
const WIDTH: f64 = 200.0;
const TRACK: f64 = 14.0;

fn x(position: f64) -> String {
    format!("{:.1}", position.clamp(0.0, 100.0) / 100.0 * WIDTH)
}

fn aspect_row(aspect: &AspectResult, results: &PairResults) -> impl IntoView + use<> {
    let spoken: Vec<String> = aspect
        .rounds
        .iter()
        .map(|r| {
            let round = if results.rounds >= 2 { format!("Round {}: ", r.round) } else { String::new() };
            format!("{round}we put it at {}; {}.", place_words(r), room_words(r, results.min_pairs))
        })
        .collect();
    let label = format!("{}. {}", aspect.text, spoken.join(" "));
    let height = TRACK * aspect.rounds.len() as f64;
    let tracks = aspect
        .rounds
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let y = i as f64 * TRACK;
            let mid = y + TRACK / 2.0;
            let band = r.room.map(|room| {
                view! {
                    <rect class="band" x=x(room.q1) y=format!("{:.1}", y + 3.0) width=format!("{:.1}", (room.q3 - room.q1).max(0.0) / 100.0 * WIDTH) height="8"></rect>
                    <line class="median" x1=x(room.median) x2=x(room.median) y1=format!("{:.1}", y + 1.0) y2=format!("{:.1}", y + TRACK - 1.0)></line>
                }
            });
            let own = r.position.map(|p| view! { <circle class="own" cx=x(p) cy=format!("{mid:.1}") r="4"></circle> });
            view! {
                <line class="track" x1="0" x2=WIDTH.to_string() y1=format!("{mid:.1}") y2=format!("{mid:.1}")></line>
                {band}
                {own}
            }
        })
        .collect_view();
    let numbers = aspect
        .rounds
        .iter()
        .map(|r| {
            let round = (results.rounds >= 2).then(|| format!("Round {}: ", r.round));
            view! {
                <li class="round-line" data-round=r.round.to_string()>
                    {round}
                    "we put it at "
                    <span class="own-position" data-position=r.position.map(|p| p.to_string()).unwrap_or_default()>{place_words(r)}</span>
                    {(!r.reason.is_empty()).then(|| format!(" (\"{}\")", r.reason))}
                    "; "
                    <span class="results-median" data-median=r.room.map(|m| m.median.to_string()).unwrap_or_default()>{room_words(r, results.min_pairs)}</span>
                    "."
                </li>
            }
        })
        .collect_view();
    let moved = aspect.moved.map(|m| view! { <p class="moved">{moved_words(m, results)}</p> });
    view! {
        <li class="result-row" data-aspect=aspect.aspect_id.to_string()>
            <h2>{aspect.text.clone()}</h2>
            <svg class="result-picture" viewBox=format!("-6 0 {} {height}", WIDTH + 12.0) role="img" aria-label=label>
                {tracks}
            </svg>
            <ul class="round-lines">{numbers}</ul>
            {moved}
        </li>
    }
}
