//! The console's pairs list: who has joined, its reference (what it quotes to withdraw),
//! whether its tablet is connected now, how far it is, when it last did something, removing
//! a pair (a mistake: a test join, a duplicate) and withdrawing one from the study (its data
//! erased, as if it had never taken part, with one content-free row kept).

use leptos::prelude::*;
use uuid::Uuid;

use super::may_change;
use crate::browser;
use crate::components::confirm::Confirm;
use crate::components::session_bar::use_server_now;
use crate::domain::Control;
use crate::live::Live;

/// One line of the pairs list.
#[derive(Clone, Debug, PartialEq)]
struct PairLine {
    id: Uuid,
    label: String,
    reference: Option<String>,
    placed: usize,
    last_active: i64,
    /// "consent: version 2, 2 people", "no consent yet", or empty without a sheet.
    consent: String,
}

/// What the console says of a pair's consent to the information sheet: "consent: version 2,
/// 2 people", "agreed to version 1; asked again for version 2", "no consent yet", or nothing
/// when the workshop has no sheet.
pub(super) fn consent_text(view: &crate::domain::RoomView, pair_id: Uuid) -> String {
    let Some(current) = view.current_sheet() else {
        return String::new();
    };
    match view.consent_of(pair_id) {
        Some(c) if c.version != current.sheet.version => {
            format!("agreed to version {}; asked again for version {}", c.version, current.sheet.version)
        }
        Some(c) if c.people == 1 => format!("consent: version {}, 1 person", c.version),
        Some(c) => format!("consent: version {}, {} people", c.version, c.people),
        None => "no consent yet".to_string(),
    }
}

/// "1 pair declined", "3 pairs declined" (empty for none).
pub(super) fn declined_text(count: u64) -> String {
    match count {
        0 => String::new(),
        1 => "1 pair declined the information sheet".to_string(),
        n => format!("{n} pairs declined the information sheet"),
    }
}

/// "active just now", "active 2 min ago", "active 1 h ago" (empty before the clock is known).
fn activity_text(last_active: i64, now: i64) -> String {
    if now <= 0 || last_active <= 0 {
        return String::new();
    }
    let secs = (now - last_active).max(0) / 1000;
    match secs {
        0..60 => "active just now".to_string(),
        60..3600 => format!("active {} min ago", secs / 60),
        _ => format!("active {} h ago", secs / 3600),
    }
}

/// The question asked before withdrawing the pair called `label`.
fn withdraw_question(label: &str) -> String {
    format!(
        "Withdraw {label} from the study? Its name, placements, notes and post-its are erased from \
         the database and from every export made from now on, as if it had never taken part. This \
         cannot be undone."
    )
}

/// Who has joined, whether their tablet is connected now, how far they are, when they last did
/// something, and a way to remove a pair (with everything it did).
#[component]
pub(super) fn PairList(live: Live) -> impl IntoView {
    let now = use_server_now(live);
    let card_count = Memo::new(move |_| live.view.with(|v| v.as_ref().map_or(0, |v| v.active_cards().len())));
    let pairs = Memo::new(move |_| {
        live.view.with(|v| {
            v.as_ref()
                .map(|v| {
                    v.pairs
                        .iter()
                        .map(|p| PairLine {
                            id: p.id,
                            label: p.label.clone(),
                            reference: p.reference.clone(),
                            placed: v.placed_count(p.id),
                            last_active: p.last_active,
                            consent: consent_text(v, p.id),
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let connected = may_change(live);
    view! {
        <section class="pairs" aria-labelledby="pairs-heading">
            <h2 id="pairs-heading">"Pairs (" {move || pairs.with(Vec::len)} ")"</h2>
            <p class="hint" hidden=move || pairs.with(|p| !p.is_empty())>"No pair has joined yet."</p>
            <p class="hint declined" hidden=move || live.declined.get() == 0>
                {move || declined_text(live.declined.get())}
            </p>
            <ul class="pair-list">
                <For
                    each=move || pairs.get()
                    key=|p| p.id
                    children=move |line| {
                        let id = line.id;
                        let label = line.label.clone();
                        let online = move || live.presence.with(|c| c.contains(&id));
                        let this = move || pairs.with(|p| p.iter().find(|p| p.id == id).cloned());
                        let placed = move || this().map_or(0, |p| p.placed);
                        let active = move || this().map(|p| activity_text(p.last_active, now.get())).unwrap_or_default();
                        let confirm = RwSignal::new(false);
                        let question = StoredValue::new(format!("Remove {label} and everything it did?"));
                        let withdrawing = RwSignal::new(false);
                        let withdraw_question = StoredValue::new(withdraw_question(&label));
                        let reference = line.reference.clone();
                        view! {
                            <li class="pair-line" class:online=online>
                                <span class="presence-dot" aria-hidden="true"></span>
                                <span class="pair-name">{line.label}</span>
                                <span class="pair-presence">{move || if online() { "online" } else { "offline" }}</span>
                                <span class="pair-progress">
                                    {move || format!("{} of {} placed", placed(), card_count.get())}
                                </span>
                                <span class="pair-activity">{active}</span>
                                {reference
                                    .map(|r| {
                                        view! {
                                            <span class="pair-reference">
                                                "Reference " <span translate="no">{r}</span>
                                            </span>
                                        }
                                    })}
                                <span class="pair-consent">{move || this().map(|p| p.consent).unwrap_or_default()}</span>
                                <button
                                    type="button"
                                    class="remove-pair"
                                    aria-label=format!("Remove {label}")
                                    disabled=move || !connected()
                                    on:click=move |_| {
                                        confirm.set(true);
                                        browser::focus_later(format!("confirm-remove-{id}"));
                                    }
                                >
                                    "Remove"
                                </button>
                                <button
                                    type="button"
                                    class="withdraw-pair"
                                    aria-label=format!("Withdraw {label} from the study")
                                    disabled=move || !connected()
                                    on:click=move |_| {
                                        withdrawing.set(true);
                                        browser::focus_later(format!("confirm-withdraw-{id}"));
                                    }
                                >
                                    "Withdraw"
                                </button>
                                <Show when=move || withdrawing.get()>
                                    <Confirm
                                        inline=true
                                        label="Confirm withdrawal"
                                        yes="Yes, withdraw"
                                        yes_id=format!("confirm-withdraw-{id}")
                                        disabled=move || !connected()
                                        on_yes=move |()| {
                                            withdrawing.set(false);
                                            live.control(Control::WithdrawPair { pair_id: id });
                                        }
                                        on_cancel=move |()| withdrawing.set(false)
                                    >
                                        <span>{withdraw_question.get_value()}</span>
                                    </Confirm>
                                </Show>
                                <Show when=move || confirm.get()>
                                    <Confirm
                                        inline=true
                                        label="Confirm removal"
                                        yes="Yes, remove"
                                        yes_id=format!("confirm-remove-{id}")
                                        disabled=move || !connected()
                                        on_yes=move |()| {
                                            confirm.set(false);
                                            live.control(Control::RemovePair { pair_id: id });
                                        }
                                        on_cancel=move |()| confirm.set(false)
                                    >
                                        <span>{question.get_value()}</span>
                                    </Confirm>
                                </Show>
                            </li>
                        }
                    }
                />
            </ul>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::activity_text;

    #[test]
    fn consent_is_said_per_pair_and_a_new_version_shows_who_is_asked_again() {
        use crate::domain::consent::PairConsent;
        use crate::domain::consent::fixtures::{set, sheet as sheet_of};
        use crate::domain::{RoomView, WorkshopInfo};
        let sheet = |version: &str| set(sheet_of(version, "Text."));
        let who = uuid::Uuid::from_u128(5);
        let mut room = RoomView::new(WorkshopInfo::for_tests(), Vec::new());
        assert_eq!(super::consent_text(&room, who), "", "no sheet, nothing to say");
        room.consent_sheets.push(sheet("1"));
        assert_eq!(super::consent_text(&room, who), "no consent yet");
        room.consents.push(PairConsent { pair_id: who, version: "1".into(), people: 2, at: 2 });
        assert_eq!(super::consent_text(&room, who), "consent: version 1, 2 people");
        room.consent_sheets.push(sheet("2"));
        assert_eq!(super::consent_text(&room, who), "agreed to version 1; asked again for version 2");
        room.consents.push(PairConsent { pair_id: who, version: "2".into(), people: 1, at: 3 });
        assert_eq!(super::consent_text(&room, who), "consent: version 2, 1 person");
    }

    #[test]
    fn declines_are_counted_in_words() {
        assert_eq!(super::declined_text(0), "");
        assert_eq!(super::declined_text(1), "1 pair declined the information sheet");
        assert_eq!(super::declined_text(3), "3 pairs declined the information sheet");
    }

    #[test]
    fn last_activity_in_words() {
        assert_eq!(activity_text(1_000, 0), "", "no clock yet (server render)");
        assert_eq!(activity_text(1_000, 30_000), "active just now");
        assert_eq!(activity_text(1_000, 1_000 + 125_000), "active 2 min ago");
        assert_eq!(activity_text(1_000, 1_000 + 2 * 3_600_000), "active 2 h ago");
    }
}
