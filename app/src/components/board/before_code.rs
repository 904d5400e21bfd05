//! A pair's board as the server draws it into the board's page, before (or without) the page's
//! WebAssembly: the question, the spectrum with the pair's post-its at their positions, and
//! the post-its still to place. Nothing on it moves; once the page's code runs, the live board
//! takes its place (issue 25: "the server-rendered board is readable before hydration").
//!
//! The server knows the pair from the board's cookie ([`crate::pages::device::PAIR_COOKIE`]),
//! puts its [`PairSeed`] in the request, and the board's page writes [`board_before_code`]'s
//! HTML with `inner_html`, which hydration leaves as it is. So none of this is in the browser's
//! WebAssembly.

use leptos::prelude::*;
use uuid::Uuid;

use super::state::{CardState, board_cards, lane_count, slots_of};
use super::{lane_top, spectrum_height, spectrum_line, stem};
use crate::domain::RoomView;
use crate::domain::board::{POST_IT_WIDTH_PCT, format_position};
use crate::i18n::{Lang, t};

/// Marks around the drawn board in the page, so the service worker can keep its copy of the
/// page without the pair's post-its (`public/sw.js`, `keptCopy`).
pub const DRAWN_START: &str = "<!--ds-drawn-->";
/// See [`DRAWN_START`].
pub const DRAWN_END: &str = "<!--/ds-drawn-->";

/// The pair a board's page is for and its room as that pair sees it, found by the server from
/// the board's cookie and kept in the request's extensions (as an `Arc<PairSeed>`) for the page
/// to draw.
#[derive(Clone, Debug)]
pub struct PairSeed {
    /// The workshop's view for this pair (what its websocket's first snapshot would be).
    pub view: RoomView,
    /// The pair the cookie's token is.
    pub pair_id: Uuid,
}

/// The request's [`PairSeed`], if the server put one there. It is kept behind an `Arc`: the
/// request's parts are copied into the page's context, and the room's view need not be.
pub fn request_seed() -> Option<std::sync::Arc<PairSeed>> {
    use_context::<http::request::Parts>()?.extensions.get::<std::sync::Arc<PairSeed>>().cloned()
}

/// The board of the request's pair as HTML, or an empty string when there is none to draw:
/// no seed, the pair is gone, or an information sheet waits for its answer (the page's code
/// asks it before the board opens).
pub fn board_before_code(seed: Option<&PairSeed>, l: Lang) -> String {
    let Some(PairSeed { view, pair_id }) = seed else { return String::new() };
    let Some(pair) = view.pair(*pair_id) else { return String::new() };
    if view.current_sheet().is_some() && !view.pair_has_consent(*pair_id) {
        return String::new();
    }
    let cards = board_cards(view, *pair_id, l);
    let placed: Vec<(Uuid, f64)> = cards.iter().filter_map(|c| Some((c.id, c.position?))).collect();
    let slots = slots_of(placed, POST_IT_WIDTH_PCT);
    let unplaced: Vec<&CardState> = cards.iter().filter(|c| c.position.is_none() && c.cant_place.is_none()).collect();
    let cant_placed: Vec<&CardState> =
        cards.iter().filter(|c| c.position.is_none() && c.cant_place.is_some()).collect();
    let (left, right) = (view.left_pole_in(l).to_string(), view.right_pole_in(l).to_string());
    let pins = slots
        .iter()
        .map(|s| view! { <span class="pin" aria-hidden="true" style:left=format!("{}%", s.position) style:height=stem(s.lane)></span> })
        .collect_view();
    // The slots are in the order of the placed cards.
    let on_spectrum = slots
        .iter()
        .zip(cards.iter().filter(|c| c.position.is_some()))
        .map(|(s, card)| {
            let p = s.position;
            view! {
                <li
                    class="post-it on-spectrum"
                    class:mine=card.mine
                    class:locked=card.locked
                    data-position=format_position(p)
                    style:left=format!("{p}%")
                    style:top=lane_top(s.lane)
                    style:transform=format!("translate(-{p}%, 0px)")
                    style:width=format!("{POST_IT_WIDTH_PCT}%")
                >
                    <span class="post-it-text" aria-hidden="true">{card.text.clone()}</span>
                    <span class="visually-hidden">{t::board_card_at(l, card.text.clone(), format_position(p))}</span>
                </li>
            }
        })
        .collect_view();
    let in_tray = |cards: Vec<&CardState>| {
        cards
            .into_iter()
            .map(|c| {
                view! {
                    <li class="post-it" class:mine=c.mine class:cant-place=c.cant_place.is_some()>
                        <span class="post-it-text">{c.text.clone()}</span>
                    </li>
                }
            })
            .collect_view()
    };
    let has_cant_placed = !cant_placed.is_empty();
    let drawn = view! {
        <header class="pair-header">
            <p class="pair-label">{pair.label.clone()}</p>
        </header>
        <h1 class="question">{view.question_in(l).to_string()}</h1>
        <p class="board-help">{t::board_before_code(l)}</p>
        <div
            class="spectrum"
            translate="no"
            dir="ltr"
            role="region"
            aria-label=t::board_spectrum(l)
            style:height=spectrum_height(lane_count(&slots))
        >
            <span class="pole pole-left">{left}</span>
            <span class="pole pole-right">{right}</span>
            {spectrum_line()}
            {pins}
            <ul class="placed-before-code">{on_spectrum}</ul>
        </div>
        <div class="pair-areas">
            <section class="tray" role="region" aria-label=t::board_post_its(l) translate="no">
                <h2 class="tray-title">{t::board_to_place(l)}</h2>
                <ul class="tray-cards">{in_tray(unplaced)}</ul>
            </section>
            {has_cant_placed.then(|| view! {
                <section class="cant-place-area" translate="no" role="region" aria-label=t::board_cant_place_area(l)>
                    <h2 class="tray-title">{t::board_cant_place(l)}</h2>
                    <ul class="tray-cards">{in_tray(cant_placed)}</ul>
                </section>
            })}
        </div>
    }
    .to_html();
    format!("{DRAWN_START}{drawn}{DRAWN_END}")
}
