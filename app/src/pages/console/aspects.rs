//! The aspects list: spotlight, order, a new post-it, and one row per aspect
//! ([`super::aspect_item`]).

use leptos::prelude::*;
use uuid::Uuid;

use super::aspect_item::{AspectItem, aspect_lines};
use super::may_change;
use crate::browser;
use crate::domain::validate::{ASPECT_MAX, clean_text};
use crate::domain::{AspectOrder, Control, Focus};
use crate::i18n::{Lang, t, use_lang};
use crate::live::Live;

fn order_value(order: AspectOrder) -> &'static str {
    match order {
        AspectOrder::Set => "set",
        AspectOrder::Spread => "spread",
        AspectOrder::Median => "median",
    }
}

/// Every aspect with its counts and the facilitator's tools for it.
#[component]
pub fn AspectControls(live: Live) -> impl IntoView {
    let l = use_lang();
    let lines = Memo::new(move |_| live.view.with(|v| v.as_ref().map(|v| aspect_lines(v, l)).unwrap_or_default()));
    let focus = Memo::new(move |_| live.view.with(|v| v.as_ref().map(|v| v.focus)).unwrap_or_default());
    let online = may_change(live);
    let spotlight_waits =
        move || live.view.with(|v| v.as_ref().is_some_and(|v| v.focus.spotlight.is_some() && !v.revealed()));
    let set_order = move |value: String| {
        let order = match value.as_str() {
            "spread" => AspectOrder::Spread,
            "median" => AspectOrder::Median,
            _ => AspectOrder::Set,
        };
        live.control(Control::SetFocus { focus: Focus { order, ..focus.get_untracked() } });
    };
    let option = move |value: &'static str, label: &'static str| {
        view! {
            <option value=value selected=move || order_value(focus.get().order) == value>
                {label}
            </option>
        }
    };
    view! {
        <section class="aspect-controls" aria-label=t::console_aspects(l)>
            <h2>{t::console_aspects(l)}</h2>
            <label class="order">
                {t::console_order_by(l)}
                <select disabled=move || !online() on:change=move |ev| set_order(event_target_value(&ev))>
                    {option("set", t::console_order_set(l))}
                    {option("spread", t::console_order_spread(l))}
                    {option("median", t::console_order_median(l))}
                </select>
            </label>
            <p class="hint" hidden=move || !spotlight_waits()>
                {t::console_spotlight_waits(l)}
            </p>
            <ul class="console-aspect-list">
                <For
                    each=move || lines.get()
                    key=|l| l.card.id
                    children=move |l| view! { <AspectItem live id=l.card.id lines focus/> }
                />
            </ul>
            <NewPostIt live/>
        </section>
    }
    .into_any()
}

/// The control that adds the facilitator's post-it `text` as `card_id`, or, for text the
/// server would refuse, the domain's own message in `l` (and nothing is sent).
pub fn add_card_control(text: &str, card_id: Uuid, l: Lang) -> Result<Control, String> {
    let text = clean_text("Post-it text", text, ASPECT_MAX).map_err(|e| e.text(l))?;
    Ok(Control::AddCard { card_id, text })
}

/// The facilitator writes a post-it for everyone: it goes onto every pair's tray. The field
/// clears once the post-it is in the room; a refusal (in the console's alert) leaves the text
/// to fix.
#[component]
fn NewPostIt(live: Live) -> impl IntoView {
    let l = use_lang();
    let online = may_change(live);
    let draft = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    // The post-it sent and not yet seen in the room.
    let waiting = RwSignal::new(None::<Uuid>);
    let refusal = Memo::new(move |_| live.last_error.get());
    Effect::new(move |_| {
        let Some(id) = waiting.get() else { return };
        if live.view.with(|v| v.as_ref().is_some_and(|v| v.card(id).is_some())) {
            waiting.set(None);
            draft.set(String::new());
        } else if refusal.with(Option::is_some) {
            waiting.set(None);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !online() || waiting.get_untracked().is_some() {
            return;
        }
        let card_id = browser::random_uuid();
        match add_card_control(&draft.get_untracked(), card_id, l) {
            Ok(control) => {
                problem.set(None);
                waiting.set(Some(card_id));
                live.control(control);
            }
            Err(message) => problem.set(Some(message)),
        }
    };
    view! {
        <form class="new-post-it" on:submit=submit>
            <label for="new-post-it">{t::console_new_post_it(l)}</label>
            <p class="hint" id="new-post-it-hint">
                {t::console_new_post_it_hint(l)}
            </p>
            <input
                id="new-post-it"
                type="text"
                disabled=move || !online()
                aria-invalid=move || problem.with(Option::is_some).then_some("true")
                aria-describedby=move || {
                    if problem.with(Option::is_some) { "new-post-it-error" } else { "new-post-it-hint" }
                }
                prop:value=move || draft.get()
                on:input=move |ev| {
                    draft.set(event_target_value(&ev));
                    problem.set(None);
                }
            />
            <button type="submit" disabled=move || !online() || waiting.with(Option::is_some)>
                {t::console_add_post_it(l)}
            </button>
            {move || {
                problem
                    .get()
                    .map(|message| {
                        view! {
                            <p role="alert" class="form-error" id="new-post-it-error">
                                {message}
                            </p>
                        }
                    })
            }}
        </form>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::id;
    use crate::domain::{RoomView, WorkshopInfo};

    #[test]
    fn a_facilitator_post_it_is_trimmed_or_refused_with_the_domain_message() {
        assert_eq!(
            add_card_control("  Home visits ", id(7), Lang::EN),
            Ok(Control::AddCard { card_id: id(7), text: "Home visits".into() })
        );
        assert_eq!(
            add_card_control("   ", id(7), Lang::EN).unwrap_err(),
            "Post-it text is empty: please write something."
        );
        let long = "x".repeat(ASPECT_MAX + 1);
        assert_eq!(
            add_card_control(&long, id(7), Lang::EN).unwrap_err(),
            "Post-it text is too long: 121 characters, at most 120. Please shorten it."
        );
        // The same words the server gives when it refuses the control.
        let v = RoomView::new(WorkshopInfo::for_tests(), vec![]);
        let refused = v.decide_control(&Control::AddCard { card_id: id(7), text: long.clone() }, 0).unwrap_err();
        assert_eq!(add_card_control(&long, id(7), Lang::EN).unwrap_err(), refused.message);
        assert_eq!(add_card_control(&long, id(7), Lang::CY).unwrap_err(), refused.text.message(Lang::CY));
    }
}
