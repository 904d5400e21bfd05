//! One aspect's row on the console: its counts, and edit, hide, lock, spotlight and merge,
//! each a step inline in the row.

use leptos::prelude::*;
use uuid::Uuid;

use super::aspects::AspectLine;
use super::may_change;
use crate::browser;
use crate::domain::board::format_position;
use crate::domain::{Control, Focus};
use crate::live::Live;

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
