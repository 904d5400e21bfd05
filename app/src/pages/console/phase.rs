//! The phase controls: the one step forward, the step back, closing (with a confirmation),
//! and what happens now in a sentence.

use leptos::prelude::*;

use super::online;
use crate::browser;
use crate::components::confirm::Confirm;
use crate::domain::{Control, Phase};
use crate::live::Live;

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
                <Confirm
                    label="Close the workshop"
                    yes="Yes, close"
                    yes_id="confirm-close"
                    disabled=move || !online()
                    on_yes=move |()| set_phase(Phase::Closed)
                    on_cancel=move |()| confirm_close.set(false)
                >
                    <p>"Close the workshop? Pairs can no longer change anything."</p>
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
}
