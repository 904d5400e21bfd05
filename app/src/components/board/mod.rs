//! A pair's board: the spectrum with the pair's placed post-its, the nudge buttons for the
//! selected post-it, and the tray of post-its still to place.
//!
//! - [`state`]: what the board shows and how a change is checked and queued ([`BoardCtx`]).
//! - [`post_it`]: one post-it, with drag and drop and keyboard placement.
//! - [`add`]: writing a new post-it.
//! - [`sheet`]: a post-it's sheet (outcome notes, "can't place").
//! - `before_code` (server only): the board drawn into the page before its code runs.

mod add;
#[cfg(feature = "ssr")]
pub mod before_code;
mod post_it;
mod sheet;
pub mod state;

use crate::domain::session::placing_blocked;
use crate::i18n::t;
use leptos::prelude::*;
use uuid::Uuid;

use super::session_bar::SessionBar;
use super::wake_lock::keep_screen_awake;
use crate::browser;
use crate::domain::board::{NUDGE_STEP, PICK_UP_POSITION, format_position, nudge};
use crate::domain::session::Phase;
use crate::live::Live;
use add::AddPostIt;
use post_it::PostIt;
use sheet::Sheet;
use state::{BoardCtx, CardState, board_cards, room_marks};

/// Length of the stem from the spectrum line down to a post-it in `lane` (CSS).
fn stem(lane: usize) -> String {
    format!("calc(var(--lane-top) - var(--line-y) + {lane} * var(--lane-step))")
}

/// Top of a post-it in `lane` on the spectrum (CSS).
fn lane_top(lane: usize) -> String {
    format!("calc(var(--lane-top) + {lane} * var(--lane-step))")
}

/// Height of a spectrum with `lanes` lanes of post-its (CSS).
fn spectrum_height(lanes: usize) -> String {
    format!("calc(var(--spectrum-base) + {lanes} * var(--lane-step))")
}

/// The spectrum's line with its ticks at 0, 25, 50, 75 and 100 (the live board's and the one
/// the server draws before the page's code runs).
pub(crate) fn spectrum_line() -> impl IntoView {
    view! {
        <span class="spectrum-line" aria-hidden="true">
            <span class="tick" style:left="0%"></span>
            <span class="tick" style:left="25%"></span>
            <span class="tick" style:left="50%"></span>
            <span class="tick" style:left="75%"></span>
            <span class="tick" style:left="100%"></span>
        </span>
    }
}

/// The board of pair `pair_id`, drawn from the live view with this device's queued changes.
#[component]
pub fn Board(live: Live, pair_id: Uuid) -> impl IntoView {
    let cards = Memo::new(move |_| {
        live.shown_for(pair_id).map(|view| board_cards(&view, pair_id, live.lang)).unwrap_or_default()
    });
    let ctx = BoardCtx::new(live, pair_id, cards);
    let l = live.lang;
    let phase = ctx.phase;
    keep_screen_awake(Signal::derive(move || phase.get().pairs_may_place()));
    let blocked = move || match phase.get() {
        Phase::Closed => Some(t::board_closed(l)),
        p => placing_blocked(l, p),
    };
    let second_round =
        move || live.view.with(|v| v.as_ref().is_some_and(|v| v.round == 2)) && phase.get().pairs_may_place();
    let revealed = Memo::new(move |_| live.view.with(|v| v.as_ref().is_some_and(|v| v.revealed())));
    // The card whose room is drawn: the one held, else the one selected.
    let marked = move || ctx.held.get().map(|h| h.card_id).or_else(|| ctx.selected.get());
    let marks = Memo::new(move |_| {
        let card_id = marked()?;
        live.view.with(|v| v.as_ref().and_then(|v| room_marks(v, pair_id, card_id)))
    });
    let cant_placed = move || {
        ctx.cards.with(|c| {
            c.iter().filter(|c| c.position.is_none() && c.cant_place.is_some()).map(|c| c.id).collect::<Vec<_>>()
        })
    };
    let pole = move |right: bool| {
        live.view.with(|v| {
            v.as_ref()
                .map(|v| if right { v.right_pole_in(l).to_string() } else { v.left_pole_in(l).to_string() })
                .unwrap_or_default()
        })
    };
    let placed =
        move || ctx.cards.with(|c| c.iter().filter(|c| c.position.is_some()).map(|c| c.id).collect::<Vec<_>>());
    let unplaced = move || {
        ctx.cards.with(|c| {
            c.iter().filter(|c| c.position.is_none() && c.cant_place.is_none()).map(|c| c.id).collect::<Vec<_>>()
        })
    };
    // Where a drop would land: under a dragging pointer, or a held post-it not yet on the spectrum.
    let marker = move || {
        ctx.drag.get().and_then(|d| d.over.filter(|_| d.moved)).or_else(|| {
            ctx.held
                .get()
                .filter(|h| ctx.cards.with(|c| c.iter().any(|c| c.id == h.card_id && c.position.is_none())))
                .map(|h| h.position)
        })
    };
    view! {
        <SessionBar live/>
        <p role="status" class="phase-notice" class:closed=move || phase.get() == Phase::Closed>{blocked}</p>
        <p class="round-hint" hidden=move || !second_round()>
            {t::board_second_round(l)}
        </p>
        <p id="board-help" class="board-help">
            {move || t::board_help(l, pole(false), pole(true))}
        </p>
        <p class="room-legend" hidden=move || !revealed.get()>
            {move || match marked().map(|id| ctx.text(id)) {
                Some(text) if marks.with(Option::is_some) => t::board_room_on(l, text),
                _ => t::board_select_to_see_room(l).to_string(),
            }}
        </p>
        <div
            class="spectrum"
            // A page translator rewriting these live texts would break the board.
            translate="no"
            // The axis runs from 0 on the left to 100 on the right in every language, right to
            // left ones too, like a number line: its poles keep their places and meaning.
            dir="ltr"
            role="region"
            aria-label=t::board_spectrum(l)
            node_ref=ctx.spectrum
            style:height=move || spectrum_height(ctx.lane_count())
        >
            <span class="pole pole-left">{move || pole(false)}</span>
            <span class="pole pole-right">{move || pole(true)}</span>
            {spectrum_line()}
            {move || marks.get().map(|m| view! {
                <span class="room-marks" aria-hidden="true">
                    {m.others.into_iter().map(|p| view! { <span class="room-dot" style:left=format!("{p}%") data-position=format_position(p)></span> }).collect_view()}
                    {m.median.map(|p| view! { <span class="room-median" style:left=format!("clamp(2.5px, {p}%, calc(100% - 2.5px))") data-position=format_position(p)></span> })}
                </span>
            })}
            <span
                class="drop-marker"
                aria-hidden="true"
                hidden=move || marker().is_none()
                style:left=move || marker().map(|p| format!("{p}%"))
            >
                {move || marker().map(format_position)}
            </span>
            // Stems from the line to each post-it, drawn before (so under) the post-its.
            <For
                each=move || ctx.slots.get()
                key=|slot| slot.card_id
                children=move |slot| {
                    let id = slot.card_id;
                    view! {
                        <span
                            class="pin"
                            aria-hidden="true"
                            style:left=move || ctx.slot(id).map(|s| format!("{}%", s.position))
                            style:height=move || ctx.slot(id).map(|s| stem(s.lane))
                        ></span>
                    }
                }
            />
            <For each=placed key=|id| *id children=move |card_id| view! { <PostIt ctx card_id on_spectrum=true/> }/>
        </div>
        <Nudges ctx/>
        <div class="pair-areas">
            <section class="tray" role="region" aria-label=t::board_post_its(l) translate="no">
                <h2 class="tray-title">{t::board_to_place(l)}</h2>
                <div class="tray-cards">
                    <For each=unplaced key=|id| *id children=move |card_id| view! { <PostIt ctx card_id on_spectrum=false/> }/>
                </div>
                <p class="tray-empty" hidden=move || !unplaced().is_empty()>
                    {t::board_all_placed(l)}
                </p>
                {move || (phase.get() != Phase::Closed).then(|| view! { <AddPostIt ctx/> })}
            </section>
            <section class="cant-place-area" translate="no" role="region" aria-label=t::board_cant_place_area(l) hidden=move || cant_placed().is_empty()>
                <h2 class="tray-title">{t::board_cant_place(l)}</h2>
                <div class="tray-cards">
                    <For each=cant_placed key=|id| *id children=move |card_id| view! { <PostIt ctx card_id on_spectrum=false/> }/>
                </div>
            </section>
        </div>
        <Sheet ctx/>
        <p class="visually-hidden" aria-live="polite">{move || ctx.announcement.get()}</p>
    }
    .into_any()
}

/// Buttons that place and move the selected post-it, so nothing ever needs dragging.
#[component]
fn Nudges(ctx: BoardCtx) -> impl IntoView {
    let l = ctx.live.lang;
    let selected = move || {
        let id = ctx.selected.get()?;
        ctx.cards.with(|c| c.iter().find(|c| c.id == id).cloned())
    };
    let is_placed = move || selected().is_some_and(|c| c.position.is_some());
    // Locked, or the phase does not allow placing: the buttons say so when pressed.
    let frozen = move || selected().is_some_and(|c| c.locked) || !ctx.phase.get().pairs_may_place();
    let act = move |step: Option<f64>| {
        let Some(card) = ctx.selected.get_untracked().and_then(|id| ctx.card(id)) else { return };
        match (step, card.position) {
            (Some(step), Some(p)) => ctx.place(card.id, nudge(p, step)),
            (Some(_), None) => {
                ctx.place(card.id, PICK_UP_POSITION);
                browser::focus_later("nudge-right".into());
            }
            (None, _) => {
                ctx.take_back(card.id);
                browser::focus_later("nudge-place".into());
            }
        }
    };
    view! {
        <div class="nudges">
            <p class="nudge-target">
                {move || match selected() {
                    None => t::board_select_to_move(l).to_string(),
                    Some(CardState { text, locked: true, .. }) => t::board_card_locked(l, text),
                    Some(CardState { text, position: Some(p), .. }) => t::board_card_at(l, text, format_position(p)),
                    Some(CardState { text, cant_place: Some(_), .. }) => t::board_card_cant_place(l, text),
                    Some(CardState { text, position: None, .. }) => t::board_card_not_placed(l, text),
                }}
            </p>
            <div class="nudge-buttons" hidden=move || selected().is_none()>
                <button type="button" id="nudge-place" class="nudge" aria-disabled=move || frozen().then_some("true") hidden=is_placed on:click=move |_| act(Some(0.0))>
                    {t::board_place(l)}
                </button>
                <button type="button" id="nudge-left" class="nudge" aria-disabled=move || frozen().then_some("true") hidden=move || !is_placed() on:click=move |_| act(Some(-NUDGE_STEP))>
                    {t::board_move_left(l)}
                </button>
                <button type="button" id="nudge-right" class="nudge" aria-disabled=move || frozen().then_some("true") hidden=move || !is_placed() on:click=move |_| act(Some(NUDGE_STEP))>
                    {t::board_move_right(l)}
                </button>
                <button type="button" id="nudge-back" class="nudge" aria-disabled=move || frozen().then_some("true") hidden=move || !is_placed() on:click=move |_| act(None)>
                    {t::board_take_back(l)}
                </button>
            </div>
        </div>
    }
    .into_any()
}
