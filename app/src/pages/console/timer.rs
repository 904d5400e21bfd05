//! The countdown every screen shows: start, pause, resume, extend, clear.

use leptos::prelude::*;

use super::may_change;
use crate::domain::Control;
use crate::domain::rules::MAX_TIMER_MINUTES;
use crate::live::Live;

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
