//! One aspect's row on the console: its counts, and edit, hide, lock, spotlight and merge,
//! each a step inline in the row.

use leptos::prelude::*;
use uuid::Uuid;

use super::may_change;
use crate::browser;
use crate::domain::board::format_position;
use crate::domain::{Card, Control, Focus, RoomView};
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
pub(super) fn aspect_lines(v: &RoomView) -> Vec<AspectLine> {
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

/// Which inline step of a row is open.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Open {
    None,
    Edit,
    ConfirmMerge(Uuid),
}

#[component]
pub(super) fn AspectItem(live: Live, id: Uuid, lines: Memo<Vec<AspectLine>>, focus: Memo<Focus>) -> impl IntoView {
    let line = Memo::new(move |_| lines.with(|ls| ls.iter().find(|l| l.card.id == id).cloned()));
    let text = move || line.with(|l| l.as_ref().map(|l| l.card.text.clone()).unwrap_or_default());
    let hidden = move || line.with(|l| l.as_ref().is_some_and(|l| l.card.hidden));
    let locked = move || line.with(|l| l.as_ref().is_some_and(|l| l.card.locked));
    let spotlighted = move || focus.get().spotlight == Some(id);
    let online = may_change(live);
    let open = RwSignal::new(Open::None);
    let draft = RwSignal::new(String::new());
    let merge_into = RwSignal::new(String::new());
    let others = move || {
        lines.with(|ls| {
            ls.iter()
                .filter(|l| l.card.id != id && l.card.is_active())
                .map(|l| (l.card.id, l.card.text.clone()))
                .collect::<Vec<_>>()
        })
    };
    let target_text = move |into: Uuid| others().into_iter().find(|(i, _)| *i == into).map(|(_, t)| t);
    let counts = move || {
        line.with(|l| {
            l.as_ref()
                .map(|l| {
                    let mut s = format!("{} placed · {} can't place", l.placed, l.cant_place);
                    if let Some(m) = l.median {
                        s.push_str(&format!(" · median {}", format_position(m)));
                    }
                    s
                })
                .unwrap_or_default()
        })
    };
    let spotlight = move |on: bool| {
        live.control(Control::SetFocus { focus: Focus { spotlight: on.then_some(id), ..focus.get_untracked() } })
    };
    let save = move || {
        let text = draft.get_untracked();
        if text.trim().is_empty() {
            live.last_error.set(Some("Post-it text: write something, or Cancel.".into()));
            return;
        }
        live.control(Control::EditCard { card_id: id, text });
        open.set(Open::None);
    };
    let edit_form = move || {
        (open.get() == Open::Edit).then(|| {
            let field_id = format!("edit-{id}");
            view! {
                <form
                    class="inline-edit"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        save();
                    }
                >
                    <label for=field_id.clone()>"Post-it text"</label>
                    <input
                        id=field_id
                        type="text"
                        maxlength=crate::domain::validate::ASPECT_MAX.to_string()
                        prop:value=move || draft.get()
                        on:input=move |ev| draft.set(event_target_value(&ev))
                    />
                    <button type="submit" disabled=move || !online()>
                        "Save wording"
                    </button>
                    <button type="button" on:click=move |_| open.set(Open::None)>
                        "Cancel"
                    </button>
                </form>
            }
        })
    };
    let merge_confirm = move || match open.get() {
        Open::ConfirmMerge(into) => {
            let into_text = target_text(into).unwrap_or_default();
            Some(view! {
                <div class="confirm" role="group" aria-label="Confirm merge">
                    <p>
                        {format!(
                            "Merge “{}” into “{}”? Placements and notes move to “{}”.",
                            text(),
                            into_text,
                            into_text,
                        )}
                    </p>
                    <button
                        id=format!("confirm-merge-{id}")
                        type="button"
                        class="danger"
                        disabled=move || !online()
                        on:click=move |_| {
                            open.set(Open::None);
                            merge_into.set(String::new());
                            live.control(Control::MergeCards { from: id, into });
                        }
                    >
                        "Yes, merge"
                    </button>
                    <button type="button" on:click=move |_| open.set(Open::None)>
                        "Cancel"
                    </button>
                </div>
            })
        }
        _ => None,
    };
    view! {
        <li class="console-aspect" class:hidden-card=hidden class:spotlighted=spotlighted>
            <div role="group" aria-label=text class="aspect-item-inner">
                <p class="aspect-line">
                    <span class="aspect-name">{text}</span>
                    {move || hidden().then(|| view! { <span class="badge muted">" (hidden)"</span> })}
                    {move || {
                        line.with(|l| l.as_ref().and_then(|l| l.author.clone()))
                            .map(|who| view! { <span class="badge new">{format!("by {who}")}</span> })
                    }}
                    {move || locked().then(|| view! { <span class="badge">"locked"</span> })}
                    {move || spotlighted().then(|| view! { <span class="badge spot">"Spotlighted"</span> })}
                    {move || {
                        line.with(|l| l.as_ref().is_some_and(|l| l.split))
                            .then(|| view! { <span class="badge split">"Split into two camps"</span> })
                    }}
                </p>
                <p class="aspect-counts">{counts}</p>
                <div class="control-row">
                    {move || {
                        if spotlighted() {
                            view! {
                                <button type="button" disabled=move || !online() on:click=move |_| spotlight(false)>
                                    "Stop spotlight"
                                </button>
                            }
                                .into_any()
                        } else {
                            view! {
                                <button
                                    type="button"
                                    disabled=move || !online() || hidden()
                                    on:click=move |_| spotlight(true)
                                >
                                    "Spotlight"
                                </button>
                            }
                                .into_any()
                        }
                    }}
                    <button
                        type="button"
                        disabled=move || !online()
                        on:click=move |_| {
                            draft.set(text());
                            open.set(Open::Edit);
                            browser::focus_later(format!("edit-{id}"));
                        }
                    >
                        "Edit"
                    </button>
                    <button
                        type="button"
                        disabled=move || !online()
                        on:click=move |_| live.control(Control::HideCard { card_id: id, hidden: !hidden() })
                    >
                        {move || if hidden() { "Show" } else { "Hide" }}
                    </button>
                    <button
                        type="button"
                        disabled=move || !online()
                        on:click=move |_| live.control(Control::LockCard { card_id: id, locked: !locked() })
                    >
                        {move || if locked() { "Unlock" } else { "Lock" }}
                    </button>
                    <label class="merge">
                        "Merge into"
                        <select
                            disabled=move || !online() || hidden()
                            prop:value=move || merge_into.get()
                            on:change=move |ev| merge_into.set(event_target_value(&ev))
                        >
                            <option value="">"—"</option>
                            {move || {
                                others()
                                    .into_iter()
                                    .map(|(oid, t)| {
                                        let value = oid.to_string();
                                        let selected = merge_into.get_untracked() == value;
                                        view! {
                                            <option value=value selected=selected>
                                                {t}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </select>
                    </label>
                    <button
                        type="button"
                        disabled=move || !online() || merge_into.with(String::is_empty)
                        on:click=move |_| {
                            if let Ok(into) = Uuid::parse_str(&merge_into.get_untracked()) {
                                open.set(Open::ConfirmMerge(into));
                                browser::focus_later(format!("confirm-merge-{id}"));
                            }
                        }
                    >
                        "Merge"
                    </button>
                </div>
                {edit_form}
                {merge_confirm}
            </div>
        </li>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::id;
    use crate::domain::{Event, PairSummary, Phase, WorkshopInfo};

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
