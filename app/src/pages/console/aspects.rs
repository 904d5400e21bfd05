//! The aspects list: spotlight, order, a new post-it, and one row per aspect
//! ([`super::aspect_item`]).

use leptos::prelude::*;
use uuid::Uuid;

use super::aspect_item::AspectItem;
use super::may_change;
use crate::browser;
use crate::domain::validate::{ASPECT_MAX, clean_text};
use crate::domain::{AspectOrder, Card, Control, Focus, RoomView};
use crate::live::Live;

/// One line of the aspects list.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct AspectLine {
    pub(super) card: Card,
    pub(super) author: Option<String>,
    pub(super) placed: usize,
    pub(super) cant_place: usize,
    pub(super) median: Option<f64>,
    pub(super) split: bool,
}

/// The aspects as the console lists them: the active ones in the chosen order, then the hidden
/// ones (merged-away ones are gone).
fn aspect_lines(v: &RoomView) -> Vec<AspectLine> {
    let revealed = v.revealed();
    let author = |card: &Card| card.author.map(|a| v.pair(a).map_or_else(|| "a pair".to_string(), |p| p.label.clone()));
    let mut lines: Vec<AspectLine> = v
        .ordered_rows()
        .into_iter()
        .map(|r| AspectLine {
            author: author(&r.card),
            placed: r.placed,
            cant_place: r.cant_place,
            median: r.summary.filter(|_| revealed).map(|s| s.median),
            split: r.split,
            card: r.card,
        })
        .collect();
    let mut hidden: Vec<&Card> = v.cards.iter().filter(|c| c.hidden && c.merged_into.is_none()).collect();
    hidden.sort_by_key(|c| c.order);
    lines.extend(hidden.into_iter().map(|c| {
        let here = v.current_placements().filter(|p| p.card_id == c.id);
        let (cant, placed): (Vec<_>, Vec<_>) = here.partition(|p| p.cant_place);
        AspectLine {
            author: author(c),
            placed: placed.len(),
            cant_place: cant.len(),
            median: None,
            split: false,
            card: c.clone(),
        }
    }));
    lines
}

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
    let lines = Memo::new(move |_| live.view.with(|v| v.as_ref().map(aspect_lines).unwrap_or_default()));
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
        <section class="aspect-controls" aria-label="Aspects">
            <h2>"Aspects"</h2>
            <label class="order">
                "Order aspects by"
                <select disabled=move || !online() on:change=move |ev| set_order(event_target_value(&ev))>
                    {option("set", "Set order")}
                    {option("spread", "Most disagreement first")}
                    {option("median", "Median (fixed → flexible)")}
                </select>
            </label>
            <p class="hint" hidden=move || !spotlight_waits()>
                "The projector shows the spotlight once positions are revealed (Reveal, or the live wall)."
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
/// server would refuse, the domain's own message (and nothing is sent).
pub fn add_card_control(text: &str, card_id: Uuid) -> Result<Control, String> {
    let text = clean_text("Post-it text", text, ASPECT_MAX).map_err(|e| e.to_string())?;
    Ok(Control::AddCard { card_id, text })
}

/// The facilitator writes a post-it for everyone: it goes onto every pair's tray. The field
/// clears once the post-it is in the room; a refusal (in the console's alert) leaves the text
/// to fix.
#[component]
fn NewPostIt(live: Live) -> impl IntoView {
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
        match add_card_control(&draft.get_untracked(), card_id) {
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
            <label for="new-post-it">"New post-it"</label>
            <p class="hint" id="new-post-it-hint">
                "A post-it you write goes onto every pair's tray."
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
                "Add post-it"
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
    use crate::domain::{Event, PairSummary, Phase, WorkshopInfo};

    #[test]
    fn a_facilitator_post_it_is_trimmed_or_refused_with_the_domain_message() {
        assert_eq!(
            add_card_control("  Home visits ", id(7)),
            Ok(Control::AddCard { card_id: id(7), text: "Home visits".into() })
        );
        assert_eq!(add_card_control("   ", id(7)).unwrap_err(), "Post-it text is empty: please write something.");
        let long = "x".repeat(ASPECT_MAX + 1);
        assert_eq!(
            add_card_control(&long, id(7)).unwrap_err(),
            "Post-it text is too long: 121 characters, at most 120. Please shorten it."
        );
        // The same words the server gives when it refuses the control.
        let v = RoomView::new(WorkshopInfo::for_tests(), vec![]);
        let refused = v.decide_control(&Control::AddCard { card_id: id(7), text: long.clone() }, 0).unwrap_err();
        assert_eq!(add_card_control(&long, id(7)).unwrap_err(), refused.message);
    }

    #[test]
    fn aspect_lines_list_active_in_order_then_hidden_without_merged() {
        let info = WorkshopInfo::for_tests();
        let mut v = RoomView::new(info, vec![Card::new(id(10), "A", 0), Card::new(id(20), "B", 1)]);
        v.apply(
            1,
            &Event::PairJoined {
                pair: PairSummary { id: id(100), label: "Pair 1".into(), joined_at: 0, last_active: 0 },
            },
        );
        let mut own = Card::new(id(30), "Own", 2);
        own.author = Some(id(100));
        v.apply(2, &Event::CardAdded { card: own, at: 1 });
        v.apply(3, &Event::Placed { pair_id: id(100), card_id: id(20), round: 1, position: Some(40.0), at: 2 });
        let mut hidden = Card::new(id(10), "A", 0);
        hidden.hidden = true;
        v.apply(4, &Event::CardChanged { card: hidden, at: 3 });
        v.apply(5, &Event::CardsMerged { from: id(30), into: id(20), at: 4 });
        let lines = aspect_lines(&v);
        let texts: Vec<&str> = lines.iter().map(|l| l.card.text.as_str()).collect();
        assert_eq!(texts, vec!["B", "A"]);
        assert_eq!(lines[0].placed, 1);
        assert_eq!(lines[0].median, None, "not revealed yet");
        assert!(lines[1].card.hidden);
        v.apply(6, &Event::PhaseChanged { phase: Phase::Placing, at: 5 });
        v.apply(7, &Event::PhaseChanged { phase: Phase::Reveal, at: 6 });
        assert_eq!(aspect_lines(&v)[0].median, Some(40.0));
    }
}
