//! The facilitator's session controls on the console: the phase, the countdown, the workshop
//! settings and the aspects (spotlight, order, edit, hide, lock, merge). Every button sends one
//! [`Control`]; the server decides, and a refusal shows in the console's alert.

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::board::format_position;
use crate::domain::rules::MAX_TIMER_MINUTES;
use crate::domain::session::{MAX_MIN_PAIRS, MIN_PAIRS_LABEL, SWITCHES, Switch, parse_min_pairs};
use crate::domain::validate::{ASPECT_MAX, clean_text};
use crate::domain::{AspectOrder, Card, Control, Focus, Phase, RoomView, Settings};
use crate::live::{Link, Live, browser};

/// The one forward step from `phase`, with its button text.
pub fn next_step(phase: Phase) -> Option<(&'static str, Phase)> {
    match phase {
        Phase::Joining => Some(("Start placing", Phase::Placing)),
        Phase::Placing => Some(("Reveal", Phase::Reveal)),
        Phase::Reveal => Some(("Second round", Phase::SecondRound)),
        Phase::SecondRound | Phase::Closed => None,
    }
}

/// What happens now, in a sentence for a facilitator who never saw the tool.
pub fn phase_help(phase: Phase, live_wall: bool) -> &'static str {
    match phase {
        Phase::Joining => {
            "Pairs are joining and reading their post-its; nothing can be placed yet. Start placing when everyone is in."
        }
        Phase::Placing if live_wall => "Pairs are placing. Live wall: everyone sees placements as they happen.",
        Phase::Placing => {
            "Pairs are placing privately; the projector shows progress only. Reveal when most pairs are done."
        }
        Phase::Reveal => {
            "Placing is paused. The projector shows where every pair put every aspect: spotlight an aspect to discuss it."
        }
        Phase::SecondRound => {
            "Pairs may move their post-its again, starting from their first positions; the projector shows how each aspect moves."
        }
        Phase::Closed => "The workshop is closed: nothing can change any more. The data stays downloadable.",
    }
}

fn online(live: Live) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    move || live.link.get() == Link::Online
}

/// Connected, and the workshop is not closed (a closed workshop only changes phase).
pub fn may_change(live: Live) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    move || live.link.get() == Link::Online && live.view.with(|v| v.as_ref().is_some_and(|v| v.phase != Phase::Closed))
}

/// Next step, back step, close (with confirmation), and what happens now.
#[component]
pub fn PhaseControls(live: Live) -> impl IntoView {
    let state = Memo::new(move |_| live.view.with(|v| v.as_ref().map(|v| (v.phase, v.round, v.settings.live_wall))));
    let online = online(live);
    let confirm_close = RwSignal::new(false);
    let set_phase = move |phase: Phase| {
        confirm_close.set(false);
        live.control(Control::SetPhase { phase });
    };
    let next = move || {
        state.get().and_then(|(p, _, _)| next_step(p)).map(|(label, to)| {
            view! {
                <button type="button" class="primary next-step" disabled=move || !online() on:click=move |_| set_phase(to)>
                    {label}
                </button>
            }
        })
    };
    let back = move || {
        state.get().and_then(|(p, r, _)| p.previous(r)).map(|to| {
            view! {
                <button type="button" class="back-step" disabled=move || !online() on:click=move |_| set_phase(to)>
                    {format!("Back to {}", to.name())}
                </button>
            }
        })
    };
    let close = move || {
        state.get().is_some_and(|(p, _, _)| p != Phase::Closed).then(|| {
            view! {
                <button
                    type="button"
                    class="close-workshop"
                    disabled=move || !online()
                    aria-expanded=move || confirm_close.get().to_string()
                    on:click=move |_| {
                        confirm_close.set(true);
                        browser::focus_later("confirm-close".into());
                    }
                >
                    "Close workshop"
                </button>
            }
        })
    };
    view! {
        <section class="phase-controls" aria-label="Session">
            <p class="phase-help">{move || state.get().map(|(p, _, live_wall)| phase_help(p, live_wall))}</p>
            <div class="control-row">{next} {back} {close}</div>
            <Show when=move || confirm_close.get() && state.get().is_some_and(|(p, _, _)| p != Phase::Closed)>
                <div class="confirm" role="group" aria-label="Close the workshop">
                    <p>"Close the workshop? Pairs can no longer change anything."</p>
                    <button
                        id="confirm-close"
                        type="button"
                        class="danger"
                        disabled=move || !online()
                        on:click=move |_| set_phase(Phase::Closed)
                    >
                        "Yes, close"
                    </button>
                    <button type="button" on:click=move |_| confirm_close.set(false)>
                        "Cancel"
                    </button>
                </div>
            </Show>
        </section>
    }
    .into_any()
}

/// Start, pause, resume, extend and clear the countdown every screen shows.
#[component]
pub fn TimerControls(live: Live) -> impl IntoView {
    let timer = Memo::new(move |_| live.view.with(|v| v.as_ref().and_then(|v| v.timer)));
    let online = may_change(live);
    let minutes = RwSignal::new("5".to_string());
    let start = move |_: leptos::ev::MouseEvent| match minutes.get_untracked().trim().parse::<u32>() {
        Ok(m) if (1..=MAX_TIMER_MINUTES).contains(&m) => live.control(Control::StartTimer { minutes: m }),
        _ => live.last_error.set(Some(format!("Minutes: a whole number from 1 to {MAX_TIMER_MINUTES}."))),
    };
    let button = move |label: &'static str, control: Control| {
        view! {
            <button type="button" disabled=move || !online() on:click=move |_| live.control(control.clone())>
                {label}
            </button>
        }
    };
    let buttons = move || match timer.get() {
        None => view! {
            <label class="minutes">
                "Minutes"
                <input
                    type="number"
                    min="1"
                    max=MAX_TIMER_MINUTES.to_string()
                    step="1"
                    prop:value=move || minutes.get()
                    on:input=move |ev| minutes.set(event_target_value(&ev))
                />
            </label>
            <button type="button" disabled=move || !online() on:click=start>
                "Start timer"
            </button>
        }
        .into_any(),
        Some(t) if t.is_running() => view! {
            {button("Pause timer", Control::PauseTimer)}
            {button("Add 1 minute", Control::ExtendTimer { minutes: 1 })}
            {button("Clear timer", Control::ClearTimer)}
        }
        .into_any(),
        Some(_) => view! {
            {button("Resume timer", Control::ResumeTimer)}
            {button("Clear timer", Control::ClearTimer)}
        }
        .into_any(),
    };
    view! {
        <section class="timer-controls" aria-label="Timer">
            <h2>"Timer"</h2>
            <div class="control-row">{buttons}</div>
        </section>
    }
    .into_any()
}

/// The workshop settings; each change sends the whole [`Settings`].
#[component]
pub fn SettingsControls(live: Live) -> impl IntoView {
    let settings = Memo::new(move |_| live.view.with(|v| v.as_ref().map(|v| v.settings)).unwrap_or_default());
    let online = may_change(live);
    // The settings last sent and not yet confirmed: a second change made before the server
    // answered builds on it instead of undoing it. Any new state (or refusal) from the server
    // ends it.
    let pending = RwSignal::new(None::<Settings>);
    // What the fields show: the change on its way, else the workshop's settings.
    let shown = move || pending.get().unwrap_or_else(|| settings.get());
    let refusal = Memo::new(move |_| live.last_error.get());
    Effect::new(move |_| {
        settings.track();
        refusal.track();
        pending.set(None);
    });
    let send = move |change: &dyn Fn(&mut Settings)| {
        let base = pending.get_untracked().unwrap_or_else(|| settings.get_untracked());
        let mut s = base;
        change(&mut s);
        if s != base {
            pending.set(Some(s));
            live.control(Control::ChangeSettings { settings: s });
        }
    };
    let checkbox = move |switch: Switch| {
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    disabled=move || !online()
                    prop:checked=move || (switch.get)(&shown())
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        send(&|s| (switch.set)(s, on));
                    }
                />
                {switch.label}
            </label>
        }
    };
    let on_threshold = move |ev: leptos::ev::Event| match parse_min_pairs(&event_target_value(&ev)) {
        Ok(n) => send(&|s| s.min_pairs = n),
        Err(e) => live.last_error.set(Some(e.message)),
    };
    view! {
        <fieldset class="settings">
            <legend>"Settings"</legend>
            {SWITCHES.into_iter().map(checkbox).collect_view()}
            <label class="threshold">
                {MIN_PAIRS_LABEL}
                <input
                    type="number"
                    min="1"
                    max=MAX_MIN_PAIRS.to_string()
                    step="1"
                    disabled=move || !online()
                    prop:value=move || shown().min_pairs.to_string()
                    on:change=on_threshold
                />
            </label>
            <p class="hint">"The projector shows an aspect's dots only once at least this many pairs placed it."</p>
        </fieldset>
    }
    .into_any()
}

/// One line of the aspects list.
#[derive(Clone, Debug, PartialEq)]
struct AspectLine {
    card: Card,
    author: Option<String>,
    placed: usize,
    cant_place: usize,
    median: Option<f64>,
    split: bool,
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

/// Which inline step of a row is open.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Open {
    None,
    Edit,
    ConfirmMerge(Uuid),
}

#[component]
fn AspectItem(live: Live, id: Uuid, lines: Memo<Vec<AspectLine>>, focus: Memo<Focus>) -> impl IntoView {
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
    use crate::domain::{Event, PairSummary, WorkshopInfo};

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn one_forward_step_per_phase() {
        assert_eq!(next_step(Phase::Joining), Some(("Start placing", Phase::Placing)));
        assert_eq!(next_step(Phase::Placing), Some(("Reveal", Phase::Reveal)));
        assert_eq!(next_step(Phase::Reveal), Some(("Second round", Phase::SecondRound)));
        assert_eq!(next_step(Phase::SecondRound), None);
        assert_eq!(next_step(Phase::Closed), None);
        for phase in [Phase::Joining, Phase::Placing, Phase::Reveal] {
            let (_, to) = next_step(phase).unwrap();
            assert!(phase.check_step(to, 1).is_ok(), "{phase:?} → {to:?} is allowed");
        }
        assert!(phase_help(Phase::Placing, false).contains("privately"));
        assert!(phase_help(Phase::Placing, true).contains("everyone sees placements as they happen"));
    }

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
