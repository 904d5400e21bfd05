//! The countdown every screen shows: start, pause, resume, extend, clear.

use leptos::prelude::*;

use super::may_change;
use crate::domain::Control;
use crate::domain::rules::MAX_TIMER_MINUTES;
use crate::i18n::{t, use_lang};
use crate::live::Live;

/// Start, pause, resume, extend and clear the countdown every screen shows.
#[component]
pub fn TimerControls(live: Live) -> impl IntoView {
    let timer = Memo::new(move |_| live.view.with(|v| v.as_ref().and_then(|v| v.timer)));
    let online = may_change(live);
    let l = use_lang();
    let minutes = RwSignal::new("5".to_string());
    let start = move |_: leptos::ev::MouseEvent| match minutes.get_untracked().trim().parse::<u32>() {
        Ok(m) if (1..=MAX_TIMER_MINUTES).contains(&m) => live.control(Control::StartTimer { minutes: m }),
        _ => live.last_error.set(Some(t::console_minutes_invalid(l, MAX_TIMER_MINUTES))),
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
                {t::console_minutes(l)}
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
                {t::console_start_timer(l)}
            </button>
        }
        .into_any(),
        Some(t) if t.is_running() => view! {
            {button(t::console_pause_timer(l), Control::PauseTimer)}
            {button(t::console_add_minute(l), Control::ExtendTimer { minutes: 1 })}
            {button(t::console_clear_timer(l), Control::ClearTimer)}
        }
        .into_any(),
        Some(_) => view! {
            {button(t::console_resume_timer(l), Control::ResumeTimer)}
            {button(t::console_clear_timer(l), Control::ClearTimer)}
        }
        .into_any(),
    };
    view! {
        <section class="timer-controls" aria-label=t::console_timer(l)>
            <h2>{t::console_timer(l)}</h2>
            <div class="control-row">{buttons}</div>
        </section>
    }
    .into_any()
}
