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
use crate::i18n::{Lang, t, use_lang};

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
    let l = use_lang();
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
            <p class="no-print"><a href=back>{t::results_back(l)}</a></p>
            {move || match shown.get() {
                Shown::Loading => view! { <p class="loading">{t::results_loading(l)}</p> }.into_any(),
                Shown::NotJoined => view! {
                    <h1>{t::results_not_joined(l, code.get())}</h1>
                    <p>{t::results_only_joined_tablet(l)}</p>
                }.into_any(),
                Shown::Refused(message) => view! {
                    <h1>{t::pair_our_results(l)}</h1>
                    <p role="alert" class="form-error">{message}</p>
                }.into_any(),
                Shown::Results(results) => view! { <ResultsView l results=*results/> }.into_any(),
            }}
        </main>
    }
}

/// "35.5" or "not placed" / "can't place".
fn place_words(l: Lang, r: &RoundResult) -> String {
    match r.position {
        Some(p) => format_position(p),
        None if r.cant_place => t::post_it_cant_place(l).into(),
        None => t::post_it_not_placed(l).into(),
    }
}

/// The room's numbers in words, or why they are not shown.
fn room_words(l: Lang, r: &RoundResult, min_pairs: u32) -> String {
    match r.room {
        Some(room) => t::results_room(
            l,
            format_position(room.median),
            format_position(room.q1),
            format_position(room.q3),
            r.n_placed,
        ),
        None if r.n_placed == 0 => t::results_room_none(l).into(),
        None => t::results_room_hidden(l, r.n_placed, min_pairs),
    }
}

/// How the pair moved it, in words.
fn moved_words(l: Lang, moved: f64, results: &PairResults) -> String {
    if moved == 0.0 {
        t::results_kept(l).into()
    } else {
        let towards = if moved > 0.0 { &results.right_pole } else { &results.left_pole };
        t::results_moved(l, format_position(moved.abs()), towards)
    }
}

#[component]
fn ResultsView(l: Lang, results: PairResults) -> impl IntoView {
    let rows = results.aspects.iter().map(|a| aspect_row(l, a, &results)).collect_view();
    let notes: Vec<_> = results
        .aspects
        .iter()
        .filter(|a| !a.intended.trim().is_empty() || !a.unintended.trim().is_empty())
        .map(|a| {
            view! {
                <li>
                    <strong>{a.text.clone()}</strong>
                    {(!a.intended.trim().is_empty()).then(|| view! { <p class="note"><em>{t::results_intended(l)}</em>{a.intended.clone()}</p> })}
                    {(!a.unintended.trim().is_empty()).then(|| view! { <p class="note"><em>{t::results_unintended(l)}</em>{a.unintended.clone()}</p> })}
                </li>
            }
        })
        .collect();
    let has_notes = !notes.is_empty();
    view! {
        <header class="results-header">
            <p class="kicker">{t::results_kicker(l, &results.pair_label, &results.site, crate::i18n::long_date(l, &results.date))}</p>
            <h1>{results.question.clone()}</h1>
            <p class="results-poles"><span>{format!("0 = {}", results.left_pole)}</span><span>{format!("100 = {}", results.right_pole)}</span></p>
            <p class="results-key">
                <span class="key-own" aria-hidden="true"></span>{t::results_key_own(l)}
                <span class="key-band" aria-hidden="true"></span>{t::results_key_band(l)}
                <span class="key-median" aria-hidden="true"></span>{t::results_key_median(l)}
                {(results.rounds >= 2).then_some(t::results_key_rounds(l))}
            </p>
        </header>
        <ol class="result-rows">{rows}</ol>
        <section class="results-notes">
            <h2>{t::results_notes(l)}</h2>
            {if has_notes { view! { <ul>{notes}</ul> }.into_any() } else { view! { <p>{t::results_no_notes(l)}</p> }.into_any() }}
        </section>
        <section class="results-reference">
            <h2>{t::results_reference(l)}</h2>
            {match results.reference.clone() {
                Some(reference) => view! {
                    <p><strong class="reference-code">{reference}</strong>{t::results_reference_keep(l)}</p>
                }.into_any(),
                None => view! { <p>{t::results_no_reference(l)}</p> }.into_any(),
            }}
        </section>
        <p class="results-foot">
            {t::results_foot(l, results.pairs, results.min_pairs.max(1))}
        </p>
        <p class="no-print"><button type="button" class="button" on:click=|_| crate::browser::print_page()>{t::results_print(l)}</button></p>
    }
}

/// Track geometry of the picture (SVG user units).
const WIDTH: f64 = 200.0;
const TRACK: f64 = 14.0;

fn x(position: f64) -> String {
    format!("{:.1}", position.clamp(0.0, 100.0) / 100.0 * WIDTH)
}

fn aspect_row(l: Lang, aspect: &AspectResult, results: &PairResults) -> impl IntoView + use<> {
    let spoken: Vec<String> = aspect
        .rounds
        .iter()
        .map(|r| {
            let round = if results.rounds >= 2 { t::results_round(l, r.round) } else { String::new() };
            format!("{round}{}", t::results_spoken(l, place_words(l, r), room_words(l, r, results.min_pairs)))
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
            let round = (results.rounds >= 2).then(|| t::results_round(l, r.round));
            view! {
                <li class="round-line" data-round=r.round.to_string()>
                    {round}
                    {t::results_we_put_it_at(l)}
                    <span class="own-position" data-position=r.position.map(|p| p.to_string()).unwrap_or_default()>{place_words(l, r)}</span>
                    {(!r.reason.is_empty()).then(|| format!(" (\"{}\")", r.reason))}
                    "; "
                    <span class="results-median" data-median=r.room.map(|m| m.median.to_string()).unwrap_or_default()>{room_words(l, r, results.min_pairs)}</span>
                    "."
                </li>
            }
        })
        .collect_view();
    let moved = aspect.moved.map(|m| view! { <p class="moved">{moved_words(l, m, results)}</p> });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pair_results::RoomSpread;

    fn round(n_placed: usize, room: Option<RoomSpread>) -> RoundResult {
        RoundResult { round: 1, position: None, cant_place: true, reason: String::new(), n_placed, room }
    }

    #[test]
    fn the_room_in_words() {
        let en = Lang::EN;
        let room = Some(RoomSpread { median: 40.0, q1: 20.0, q3: 55.5 });
        assert_eq!(
            room_words(en, &round(4, room), 3),
            "the room's median 40, middle half from 20 to 55.5 (4 pairs placed it)"
        );
        assert_eq!(room_words(en, &round(0, None), 3), "no pair placed it");
        assert_eq!(
            room_words(en, &round(1, None), 3),
            "the room's numbers are not shown: 1 pair placed it, fewer than 3"
        );
        assert_eq!(
            room_words(en, &round(2, None), 3),
            "the room's numbers are not shown: 2 pairs placed it, fewer than 3"
        );
        assert_eq!(place_words(en, &round(2, None)), "can't place");
        let cy: Vec<String> = [1, 2, 3, 6, 7].into_iter().map(|n| room_words(Lang::CY, &round(n, None), 9)).collect();
        for (text, words) in cy.iter().zip(["1 pâr", "2 bâr", "3 phâr", "6 phâr", "7 pâr"]) {
            assert!(text.contains(words), "{text}");
        }
    }
}
