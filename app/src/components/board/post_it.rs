//! One post-it: a real `<button>`, so it can be focused and named, that can be dragged with any
//! pointer (mouse, finger, pen) or carried with the keyboard.

use crate::i18n::t;
use leptos::ev::{KeyboardEvent, PointerEvent};
use leptos::prelude::*;
use uuid::Uuid;

use super::lane_top;
use super::state::{BoardCtx, Drag, post_it_dom_id};
use crate::browser;
use crate::domain::board::{
    KeyAction, PICK_UP_POSITION, format_position, is_drag, key_action, nudge, position_from_pointer,
};

/// The spectrum position under the point (x, y), if the point is over the spectrum.
fn spectrum_position(ctx: BoardCtx, x: f64, y: f64) -> Option<f64> {
    let element = ctx.spectrum.get_untracked()?;
    let rect = browser::rect_of(&element);
    if !rect.contains(x, y) {
        return None;
    }
    position_from_pointer(x, rect.left, rect.width)
}

fn point(ev: &PointerEvent) -> (f64, f64) {
    (f64::from(ev.client_x()), f64::from(ev.client_y()))
}

/// The drag of this post-it by this pointer, if that is what is going on.
fn my_drag(ctx: BoardCtx, card_id: Uuid, ev: &PointerEvent) -> Option<Drag> {
    ctx.drag.get_untracked().filter(|d| d.card_id == card_id && d.pointer_id == ev.pointer_id())
}

fn pointer_down(ctx: BoardCtx, card_id: Uuid, ev: PointerEvent) {
    if !ev.is_primary() || ev.button() > 0 {
        return;
    }
    // A new primary pointer means any earlier drag is over, even if its `pointerup` never came
    // (its post-it left the page mid-drag, e.g. moving from the tray to the spectrum). Keeping it
    // would swallow this tap: the post-it would take the focus and its sheet would not open.
    if ctx.drag.with_untracked(Option::is_some) {
        ctx.drag.set(None);
    }
    if ctx.held.get_untracked().is_some() {
        ctx.cancel_hold();
    }
    browser::capture_pointer(&ev, &post_it_dom_id(card_id));
    let start = point(&ev);
    ctx.drag.set(Some(Drag {
        card_id,
        pointer_id: ev.pointer_id(),
        start,
        offset: (0.0, 0.0),
        moved: false,
        movable: true,
        over: None,
    }));
}

fn pointer_move(ctx: BoardCtx, card_id: Uuid, ev: PointerEvent) {
    let Some(mut drag) = my_drag(ctx, card_id, &ev) else { return };
    let (x, y) = point(&ev);
    let offset = (x - drag.start.0, y - drag.start.1);
    ev.prevent_default();
    if !drag.moved && is_drag(offset.0, offset.1) {
        drag.moved = true;
        // Checked once, when the tap turns into a drag: says why if it cannot move.
        drag.movable = ctx.may_move(card_id);
    }
    if drag.movable {
        drag.offset = offset;
        drag.over = spectrum_position(ctx, x, y);
    }
    ctx.drag.set(Some(drag));
}

/// Ends a drag; returns whether the pointer moved (a drag, not a tap). A tap does nothing here:
/// the `click` that follows it opens the sheet. Opening it now would put the sheet under the
/// finger before the browser sends that click, which would then land on the sheet's "Cancel".
fn pointer_up(ctx: BoardCtx, card_id: Uuid, ev: PointerEvent) -> bool {
    let Some(drag) = my_drag(ctx, card_id, &ev) else { return false };
    ctx.drag.set(None);
    if !drag.moved {
        return false;
    }
    ctx.selected.set(Some(card_id));
    if !drag.movable {
        return true;
    }
    let (x, y) = point(&ev);
    match spectrum_position(ctx, x, y) {
        Some(position) => ctx.place(card_id, position),
        // Dropped on the tray, or anywhere off the spectrum: back to the tray (a "can't place"
        // post-it that was never on the spectrum stays where it is).
        None => ctx.take_back(card_id),
    }
    true
}

fn key_down(ctx: BoardCtx, card_id: Uuid, ev: KeyboardEvent) {
    let Some(card) = ctx.card(card_id) else { return };
    let hold = ctx.held.get_untracked().filter(|h| h.card_id == card_id);
    let Some(action) = key_action(&ev.key(), ev.shift_key(), hold.is_some(), card.position.is_some()) else {
        return;
    };
    ev.prevent_default();
    if ev.repeat() && matches!(action, KeyAction::PickUp | KeyAction::Drop) {
        return;
    }
    match (action, hold) {
        (KeyAction::PickUp, _) => ctx.pick_up(card_id, card.position.unwrap_or(PICK_UP_POSITION)),
        (KeyAction::Move(delta), Some(hold)) => ctx.hold_at(nudge(hold.position, delta)),
        (KeyAction::Drop, Some(_)) => ctx.drop_held(),
        (KeyAction::Cancel, Some(_)) => ctx.cancel_hold(),
        (KeyAction::TakeBack, _) => {
            ctx.held.set(None);
            ctx.take_back(card_id);
        }
        (KeyAction::OpenSheet, _) => ctx.open_sheet(card_id),
        _ => {}
    }
}

/// A post-it in the tray (`on_spectrum` false) or on the spectrum.
#[component]
pub fn PostIt(ctx: BoardCtx, card_id: Uuid, on_spectrum: bool) -> impl IntoView {
    let l = ctx.live.lang;
    let text = move || ctx.text(card_id);
    let state = Memo::new(move |_| ctx.cards.with(|c| c.iter().find(|c| c.id == card_id).cloned().unwrap_or_default()));
    let locked = move || state.with(|s| s.locked);
    let slot = move || if on_spectrum { ctx.slot(card_id) } else { None };
    let hold = move || ctx.held.get().filter(|h| h.card_id == card_id);
    let drag = move || ctx.drag.get().filter(|d| d.card_id == card_id && d.moved);
    // Whether the last pointer gesture on this post-it was a drag, so its click is not a tap.
    let dragged = StoredValue::new(false);
    // The reason of a "can't place", shown on the post-it in the tray.
    let shown_reason =
        move || (!on_spectrum).then(|| state.with(|s| s.cant_place.clone())).flatten().filter(|r| !r.is_empty());
    // Its name starts with everything written on it, in the order it is written (the text,
    // then the marks and the reason), so a speech-input user can say what they see; the
    // position or state that is not written on it comes last.
    let label = move || {
        let mut words = vec![];
        if locked() {
            words.push(t::post_it_locked(l).to_string());
        }
        if state.with(|s| s.has_notes) {
            words.push(t::post_it_notes(l).to_string());
        }
        if state.with(|s| s.mine) {
            words.push(t::post_it_mine(l).to_string());
        }
        if let Some(reason) = shown_reason() {
            words.push(format!("“{reason}”"));
        }
        words.push(match (hold(), slot(), state.with(|s| s.cant_place.is_some())) {
            (Some(h), _, _) => t::post_it_holding_at(l, format_position(h.position)),
            (None, Some(s), _) => t::post_it_at(l, format_position(s.position)),
            (None, None, true) => t::post_it_cant_place(l).to_string(),
            (None, None, false) => t::post_it_not_placed(l).to_string(),
        });
        format!("{} — {}", text(), words.join(", "))
    };
    let transform = move || {
        let (dx, dy) = drag().map_or((0.0, 0.0), |d| d.offset);
        match slot() {
            // Shifted by p% of its own width: the exact spot (p% along it, where the stem meets it)
            // sits over p on the line, and the post-it never sticks out past either end.
            Some(s) => format!("translate(calc({dx}px - {}%), {dy}px)", s.position),
            None if dx == 0.0 && dy == 0.0 => String::new(),
            None => format!("translate({dx}px, {dy}px)"),
        }
    };
    view! {
        <button
            type="button"
            id=post_it_dom_id(card_id)
            class="post-it"
            class:on-spectrum=on_spectrum
            class:held=move || hold().is_some()
            class:dragging=move || drag().is_some()
            class:selected=move || ctx.selected.get() == Some(card_id)
            class:locked=locked
            class:mine=move || state.with(|s| s.mine)
            class:cant-place=move || state.with(|s| s.cant_place.is_some())
            aria-haspopup="dialog"
            aria-label=label
            aria-describedby="board-help"
            data-position=move || slot().map(|s| format_position(s.position))
            style:left=move || slot().map(|s| format!("{}%", s.position))
            style:top=move || slot().map(|s| lane_top(s.lane))
            style:transform=transform
            style:width=move || on_spectrum.then(|| format!("{}%", ctx.width_pct.get()))
            on:pointerdown=move |ev| {
                dragged.set_value(false);
                pointer_down(ctx, card_id, ev);
            }
            on:pointermove=move |ev| pointer_move(ctx, card_id, ev)
            on:pointerup=move |ev| dragged.set_value(pointer_up(ctx, card_id, ev))
            on:click=move |ev| {
                // A tap or a mouse click opens the sheet (and selects the post-it for the nudge
                // buttons); the click after a drag does not. Keyboard clicks (detail 0) are
                // handled in `key_down`.
                if ev.detail() > 0 && !dragged.get_value() {
                    ctx.open_sheet(card_id);
                }
                dragged.set_value(false);
            }
            on:pointercancel=move |ev| {
                if my_drag(ctx, card_id, &ev).is_some() {
                    ctx.drag.set(None);
                }
            }
            on:lostpointercapture=move |ev| {
                // The browser took the pointer away without a pointerup (after one, the drag is
                // already over and this does nothing).
                if my_drag(ctx, card_id, &ev).is_some() {
                    ctx.drag.set(None);
                }
            }
            on:keydown=move |ev| key_down(ctx, card_id, ev)
            on:focus=move |_| ctx.selected.set(Some(card_id))
            on:blur=move |_| {
                if ctx.held.get_untracked().is_some_and(|h| h.card_id == card_id) {
                    ctx.cancel_hold();
                }
            }
        >
            // The spaces between the parts are not seen (the marks are a flex row, the reason a
            // block) but keep their words apart in the post-it's text, as in its name.
            <span class="post-it-text">{text}</span>
            " "
            <span class="post-it-marks" aria-hidden="true">
                {move || locked().then(|| view! { " " <span class="mark mark-lock" title=t::post_it_locked_title(l)>{t::post_it_locked(l)}</span> })}
                {move || state.with(|s| s.has_notes).then(|| view! { " " <span class="mark mark-notes">{t::post_it_notes_mark(l)}</span> })}
                {move || state.with(|s| s.mine).then(|| view! { " " <span class="mark mark-mine">{t::post_it_mine(l)}</span> })}
            </span>
            " "
            {move || shown_reason().map(|reason| view! { <span class="post-it-reason" aria-hidden="true">{reason}</span> })}
            " "
            <span class="post-it-hold" aria-hidden="true" hidden=move || hold().is_none() || on_spectrum>
                {move || hold().map(|h| t::post_it_holding(l, format_position(h.position)))}
            </span>
        </button>
    }
    .into_any()
}
