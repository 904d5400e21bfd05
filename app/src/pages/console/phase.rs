//! The phase controls: the one step forward, the step back, closing (with a confirmation),
//! and what happens now in a sentence.

use leptos::prelude::*;

use super::online;
use crate::browser;
use crate::components::confirm::Confirm;
use crate::domain::{Control, Phase};
use crate::i18n::{Lang, t, use_lang};
use crate::live::Live;

/// The one forward step from `phase`, with its button text.
pub fn next_step(l: Lang, phase: Phase) -> Option<(&'static str, Phase)> {
    match phase {
        Phase::Joining => Some((t::console_start_placing(l), Phase::Placing)),
        Phase::Placing => Some((t::console_reveal(l), Phase::Reveal)),
        Phase::Reveal => Some((t::console_second_round(l), Phase::SecondRound)),
        Phase::SecondRound | Phase::Closed => None,
    }
}

/// What happens now, in a sentence for a facilitator who never saw the tool.
pub fn phase_help(l: Lang, phase: Phase, live_wall: bool) -> &'static str {
    match phase {
        Phase::Joining => t::console_help_joining(l),
        Phase::Placing if live_wall => t::console_help_placing_live(l),
        Phase::Placing => t::console_help_placing(l),
        Phase::Reveal => t::console_help_reveal(l),
        Phase::SecondRound => t::console_help_second_round(l),
        Phase::Closed => t::console_help_closed(l),
    }
}

/// The back step's button text: "Back to " and the phase's name.
fn back_label(l: Lang, to: Phase) -> &'static str {
    match to {
        Phase::Joining => t::console_back_joining(l),
        Phase::Placing => t::console_back_placing(l),
        Phase::Reveal => t::console_back_reveal(l),
        Phase::SecondRound => t::console_back_second_round(l),
        Phase::Closed => t::console_back_closed(l),
    }
}

/// Next step, back step, close (with confirmation), and what happens now.
#[component]
pub fn PhaseControls(live: Live) -> impl IntoView {
    let l = use_lang();
    let state = Memo::new(move |_| live.view.with(|v| v.as_ref().map(|v| (v.phase, v.round, v.settings.live_wall))));
    let online = online(live);
    let confirm_close = RwSignal::new(false);
    let set_phase = move |phase: Phase| {
        confirm_close.set(false);
        live.control(Control::SetPhase { phase });
    };
    let next = move || {
        state.get().and_then(|(p, _, _)| next_step(l, p)).map(|(label, to)| {
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
                    {back_label(l, to)}
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
                    {t::console_close_workshop(l)}
                </button>
            }
        })
    };
    view! {
        <section class="phase-controls" aria-label=t::console_session(l)>
            <p class="phase-help">{move || state.get().map(|(p, _, live_wall)| phase_help(l, p, live_wall))}</p>
            <div class="control-row">{next} {back} {close}</div>
            <Show when=move || confirm_close.get() && state.get().is_some_and(|(p, _, _)| p != Phase::Closed)>
                <Confirm
                    label=t::console_close_the_workshop(l)
                    yes=t::console_yes_close(l)
                    yes_id="confirm-close"
                    disabled=move || !online()
                    on_yes=move |()| set_phase(Phase::Closed)
                    on_cancel=move |()| confirm_close.set(false)
                >
                    <p>{t::console_close_question(l)}</p>
                </Confirm>
            </Show>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_forward_step_per_phase() {
        assert_eq!(next_step(Lang::EN, Phase::Joining), Some(("Start placing", Phase::Placing)));
        assert_eq!(next_step(Lang::EN, Phase::Placing), Some(("Reveal", Phase::Reveal)));
        assert_eq!(next_step(Lang::EN, Phase::Reveal), Some(("Second round", Phase::SecondRound)));
        assert_eq!(next_step(Lang::EN, Phase::SecondRound), None);
        assert_eq!(next_step(Lang::EN, Phase::Closed), None);
        for phase in [Phase::Joining, Phase::Placing, Phase::Reveal] {
            let (_, to) = next_step(Lang::EN, phase).unwrap();
            assert!(phase.check_step(to, 1).is_ok(), "{phase:?} → {to:?} is allowed");
        }
        assert!(phase_help(Lang::EN, Phase::Placing, false).contains("privately"));
        assert!(phase_help(Lang::EN, Phase::Placing, true).contains("everyone sees placements as they happen"));
        for phase in [Phase::Joining, Phase::Placing, Phase::Reveal, Phase::SecondRound, Phase::Closed] {
            assert_eq!(back_label(Lang::EN, phase), format!("Back to {}", phase.name()));
        }
    }
}
