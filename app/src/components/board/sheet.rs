//! A post-it's sheet: the pair's notes on the intended and unintended outcomes of having
//! freedom over this aspect, and "can't place / it depends" with a reason. Opens on a tap (not
//! a drag) or Enter on a post-it; Escape or Cancel closes it and gives focus back.

use crate::domain::session::placing_blocked;
use crate::i18n::t;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use uuid::Uuid;

use super::state::{BoardCtx, char_count};
use crate::browser;
use crate::domain::PairAction;
use crate::domain::rules::{NOTE_MAX, REASON_MAX};
use crate::domain::session::Phase;

/// The open sheet, if any.
#[component]
pub fn Sheet(ctx: BoardCtx) -> impl IntoView {
    // The facilitator hid or merged the post-it while its sheet was open: close it.
    Effect::new(move |_| {
        if let Some(card_id) = ctx.sheet.get()
            && !ctx.cards.with(|c| c.iter().any(|c| c.id == card_id))
        {
            ctx.sheet.set(None);
        }
    });
    view! { {move || ctx.sheet.get().map(|card_id| view! { <SheetDialog ctx card_id/> })} }.into_any()
}

/// What the sheet starts with: the pair's saved (or queued) notes and "can't place".
fn prefill(ctx: BoardCtx, card_id: Uuid) -> (String, String, Option<String>) {
    ctx.live
        .view
        .with_untracked(|v| {
            let view = v.as_ref()?;
            let shown = ctx.live.outbox.with_untracked(|o| o.apply_to(view, ctx.pair_id));
            let note = shown.note(ctx.pair_id, card_id);
            let cant = shown.placement(ctx.pair_id, card_id).filter(|p| p.cant_place).map(|p| p.reason.clone());
            Some((
                note.map(|n| n.intended.clone()).unwrap_or_default(),
                note.map(|n| n.unintended.clone()).unwrap_or_default(),
                cant,
            ))
        })
        .unwrap_or_default()
}

#[component]
fn SheetDialog(ctx: BoardCtx, card_id: Uuid) -> impl IntoView {
    let l = ctx.live.lang;
    let (intended0, unintended0, cant0) = prefill(ctx, card_id);
    let intended = RwSignal::new(intended0);
    let unintended = RwSignal::new(unintended0);
    let cant_place = RwSignal::new(cant0.is_some());
    let reason = RwSignal::new(cant0.unwrap_or_default());
    let text = move || ctx.text(card_id);
    let closed = move || ctx.phase.get() == Phase::Closed;
    let locked = move || ctx.cards.with(|c| c.iter().any(|c| c.id == card_id && c.locked));
    // Why "can't place" cannot be changed now, if it cannot.
    let cant_blocked = move || {
        placing_blocked(l, ctx.phase.get())
            .map(String::from)
            .or_else(|| locked().then(|| t::sheet_locked(l).to_string()))
    };
    browser::focus_later("sheet-intended".into());
    let backdrop_armed = StoredValue::new(false);

    let save = move || {
        let action = PairAction::SaveSheet {
            card_id,
            intended: intended.get_untracked(),
            unintended: unintended.get_untracked(),
            cant_place: cant_place.get_untracked().then(|| reason.get_untracked()),
            language: Some(l.code().to_string()),
        };
        if ctx.submit(action) {
            ctx.announcement.set(t::sheet_saved(l, ctx.text(card_id)));
            ctx.close_sheet();
        }
    };
    // One outcome note: its label, the text and how much is left.
    let note = move |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <label for=id>{label}</label>
            <textarea
                id=id
                rows="3"
                maxlength=NOTE_MAX
                disabled=closed
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            <p class="counter" aria-live="off">{move || value.with(|t| char_count(t, NOTE_MAX))}</p>
        }
    };
    let on_key = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" || ev.key() == "Esc" {
            ev.prevent_default();
            ev.stop_propagation();
            ctx.close_sheet();
        } else if ev.key() == "Tab" {
            // Keep focus inside the dialog: from the last control to the first and back.
            let at = event_target::<leptos::web_sys::Element>(&ev).id();
            let first = if closed() { "sheet-cancel" } else { "sheet-intended" };
            let next = match (at.as_str(), ev.shift_key()) {
                ("sheet-cancel", false) => Some(first),
                (id, true) if id == first => Some("sheet-cancel"),
                _ => None,
            };
            if let Some(id) = next {
                ev.prevent_default();
                browser::focus_later(id.into());
            }
        }
    };
    view! {
        // Closes on a tap that started on it: the click that follows the tap which opened the
        // sheet lands here on touch screens, and must not close it again.
        <div
            class="sheet-backdrop"
            on:pointerdown=move |_| backdrop_armed.set_value(true)
            on:click=move |_| {
                if backdrop_armed.get_value() {
                    ctx.close_sheet();
                }
            }
        ></div>
        <div class="sheet" role="dialog" aria-modal="true" aria-label=text on:keydown=on_key>
            <form on:submit=move |ev| {
                ev.prevent_default();
                save();
            }>
                <h2 class="sheet-title">{text}</h2>
                <p class="sheet-help">{t::sheet_help(l)}</p>
                {note("sheet-intended", t::sheet_intended(l), intended)}
                {note("sheet-unintended", t::sheet_unintended(l), unintended)}
                <div class="sheet-cant">
                    <label class="checkbox">
                        <input
                            type="checkbox"
                            id="sheet-cant-place"
                            disabled=move || cant_blocked().is_some()
                            prop:checked=move || cant_place.get()
                            on:change=move |ev| cant_place.set(event_target_checked(&ev))
                        />
                        {t::board_cant_place(l)}
                    </label>
                    {move || cant_blocked().map(|why| view! { <p class="sheet-blocked">{why}</p> })}
                    <div class="sheet-reason" hidden=move || !cant_place.get()>
                        <label for="sheet-reason">{t::sheet_reason(l)}</label>
                        <input
                            type="text"
                            id="sheet-reason"
                            maxlength=REASON_MAX
                            disabled=move || !cant_place.get() || cant_blocked().is_some()
                            prop:value=move || reason.get()
                            on:input=move |ev| reason.set(event_target_value(&ev))
                        />
                        <p class="counter">{move || reason.with(|t| char_count(t, REASON_MAX))}</p>
                    </div>
                </div>
                <div class="sheet-buttons">
                    <button type="submit" class="primary" disabled=closed>{t::sheet_save(l)}</button>
                    <button type="button" id="sheet-cancel" on:click=move |_| ctx.close_sheet()>{t::cancel(l)}</button>
                </div>
            </form>
        </div>
    }
    .into_any()
}
