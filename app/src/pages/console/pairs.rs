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
use crate::i18n::{Lang, t, use_lang};
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
pub(super) fn consent_text(l: Lang, view: &crate::domain::RoomView, pair_id: Uuid) -> String {
    let Some(current) = view.current_sheet() else {
        return String::new();
    };
    match view.consent_of(pair_id) {
        Some(c) if c.version != current.sheet.version => {
            t::console_consent_asked_again(l, &c.version, &current.sheet.version)
        }
        Some(c) => t::console_consent(l, c.people, &c.version),
        None => t::console_no_consent(l).to_string(),
    }
}

/// "1 pair declined", "3 pairs declined" (empty for none).
pub(super) fn declined_text(l: Lang, count: u64) -> String {
    match count {
        0 => String::new(),
        n => t::console_pairs_declined(l, n),
    }
}

/// "active just now", "active 2 min ago", "active 1 h ago" (empty before the clock is known).
fn activity_text(l: Lang, last_active: i64, now: i64) -> String {
    if now <= 0 || last_active <= 0 {
        return String::new();
    }
    let secs = (now - last_active).max(0) / 1000;
    match secs {
        0..60 => t::console_active_now(l).to_string(),
        60..3600 => t::console_active_minutes(l, secs / 60),
        _ => t::console_active_hours(l, secs / 3600),
    }
}

/// The question asked before withdrawing the pair called `label`.
fn withdraw_question(l: Lang, label: &str) -> String {
    t::console_withdraw_question(l, label)
}

/// Who has joined, whether their tablet is connected now, how far they are, when they last did
/// something, and a way to remove a pair (with everything it did).
#[component]
pub(super) fn PairList(live: Live) -> impl IntoView {
    let l = use_lang();
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
                            consent: consent_text(l, v, p.id),
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let connected = may_change(live);
    view! {
        <section class="pairs" aria-labelledby="pairs-heading">
            <h2 id="pairs-heading">{move || t::console_pairs_heading(l, pairs.with(Vec::len))}</h2>
            <p class="hint" hidden=move || pairs.with(|p| !p.is_empty())>{t::console_no_pairs(l)}</p>
            <p class="hint declined" hidden=move || live.declined.get() == 0>
                {move || declined_text(l, live.declined.get())}
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
                        let active = move || this().map(|p| activity_text(l, p.last_active, now.get())).unwrap_or_default();
                        let confirm = RwSignal::new(false);
                        let question = StoredValue::new(t::console_remove_question(l, &label));
                        let withdrawing = RwSignal::new(false);
                        let withdraw_question = StoredValue::new(withdraw_question(l, &label));
                        let reference = line.reference.clone();
                        view! {
                            <li class="pair-line" class:online=online>
                                <span class="presence-dot" aria-hidden="true"></span>
                                <span class="pair-name">{line.label}</span>
                                <span class="pair-presence">{move || if online() { t::console_online(l) } else { t::console_offline(l) }}</span>
                                <span class="pair-progress">
                                    {move || t::console_pair_progress(l, placed(), card_count.get())}
                                </span>
                                <span class="pair-activity">{active}</span>
                                {reference
                                    .map(|r| {
                                        view! {
                                            <span class="pair-reference">
                                                {t::console_pair_reference(l)} <span translate="no">{r}</span>
                                            </span>
                                        }
                                    })}
                                <span class="pair-consent">{move || this().map(|p| p.consent).unwrap_or_default()}</span>
                                <button
                                    type="button"
                                    class="remove-pair"
                                    aria-label=t::console_remove_pair(l, &label)
                                    disabled=move || !connected()
                                    on:click=move |_| {
                                        confirm.set(true);
                                        browser::focus_later(format!("confirm-remove-{id}"));
                                    }
                                >
                                    {t::console_remove(l)}
                                </button>
                                <button
                                    type="button"
                                    class="withdraw-pair"
                                    aria-label=t::console_withdraw_pair(l, &label)
                                    disabled=move || !connected()
                                    on:click=move |_| {
                                        withdrawing.set(true);
                                        browser::focus_later(format!("confirm-withdraw-{id}"));
                                    }
                                >
                                    {t::console_withdraw(l)}
                                </button>
                                <Show when=move || withdrawing.get()>
                                    <Confirm
                                        inline=true
                                        label=t::console_confirm_withdrawal(l)
                                        yes=t::console_yes_withdraw(l)
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
                                        label=t::console_confirm_removal(l)
                                        yes=t::console_yes_remove(l)
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
    use crate::i18n::Lang;

    #[test]
    fn consent_is_said_per_pair_and_a_new_version_shows_who_is_asked_again() {
        use crate::domain::consent::PairConsent;
        use crate::domain::consent::fixtures::{set, sheet as sheet_of};
        use crate::domain::{RoomView, WorkshopInfo};
        let sheet = |version: &str| set(sheet_of(version, "Text."));
        let who = uuid::Uuid::from_u128(5);
        let mut room = RoomView::new(WorkshopInfo::for_tests(), Vec::new());
        assert_eq!(super::consent_text(Lang::EN, &room, who), "", "no sheet, nothing to say");
        room.consent_sheets.push(sheet("1"));
        assert_eq!(super::consent_text(Lang::EN, &room, who), "no consent yet");
        room.consents.push(PairConsent { pair_id: who, version: "1".into(), people: 2, at: 2 });
        assert_eq!(super::consent_text(Lang::EN, &room, who), "consent: version 1, 2 people");
        room.consent_sheets.push(sheet("2"));
        assert_eq!(super::consent_text(Lang::EN, &room, who), "agreed to version 1; asked again for version 2");
        room.consents.push(PairConsent { pair_id: who, version: "2".into(), people: 1, at: 3 });
        assert_eq!(super::consent_text(Lang::EN, &room, who), "consent: version 2, 1 person");
    }

    #[test]
    fn declines_are_counted_in_words() {
        assert_eq!(super::declined_text(Lang::EN, 0), "");
        assert_eq!(super::declined_text(Lang::EN, 1), "1 pair declined the information sheet");
        assert_eq!(super::declined_text(Lang::EN, 3), "3 pairs declined the information sheet");
    }

    #[test]
    fn welsh_counts_pairs_with_its_own_forms() {
        assert_eq!(super::declined_text(Lang::CY, 0), "");
        assert_eq!(super::declined_text(Lang::CY, 1), "1 pâr wedi gwrthod y daflen wybodaeth");
        assert_eq!(super::declined_text(Lang::CY, 2), "2 bâr wedi gwrthod y daflen wybodaeth");
        assert_eq!(super::declined_text(Lang::CY, 3), "3 phâr wedi gwrthod y daflen wybodaeth");
    }

    #[test]
    fn last_activity_in_words() {
        assert_eq!(activity_text(Lang::EN, 1_000, 0), "", "no clock yet (server render)");
        assert_eq!(activity_text(Lang::EN, 1_000, 30_000), "active just now");
        assert_eq!(activity_text(Lang::EN, 1_000, 1_000 + 125_000), "active 2 min ago");
        assert_eq!(activity_text(Lang::EN, 1_000, 1_000 + 2 * 3_600_000), "active 2 h ago");
    }
}
