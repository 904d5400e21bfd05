//! The phase by name and the facilitator's countdown, on every screen.

use leptos::prelude::*;

use crate::domain::session::format_countdown;
use crate::domain::session::phase_name;
use crate::i18n::t;
use crate::live::Live;

/// Server-clock milliseconds, ticking twice a second in the browser (0 on the server).
pub fn use_server_now(live: Live) -> ReadSignal<i64> {
    let (now, set_now) = signal(0i64);
    #[cfg(feature = "hydrate")]
    {
        let tick = move || set_now.set(js_sys::Date::now() as i64 + live.clock_offset.get_untracked());
        tick();
        if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_millis(500)) {
            on_cleanup(move || handle.clear());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (live, set_now);
    now
}

/// "Phase: Placing" and, when the facilitator set one, the countdown ("4:59", "paused").
#[component]
pub fn SessionBar(live: Live) -> impl IntoView {
    let l = live.lang;
    let now = use_server_now(live);
    let phase = Memo::new(move |_| live.view.with(|v| v.as_ref().map(|v| v.phase)));
    let timer = Memo::new(move |_| live.view.with(|v| v.as_ref().and_then(|v| v.timer)));
    view! {
        <div class="session-bar">
            {move || phase.get().map(|p| {
                let key = serde_json::to_value(p).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
                view! { <p class="phase" data-phase=key>{t::session_phase(l)}<strong>{phase_name(l, p)}</strong></p> }
            })}
            {move || timer.get().map(|timer| {
                let left = timer.remaining_ms(now.get());
                let state = if !timer.is_running() { t::session_paused(l) } else if left == 0 { t::session_time_up(l) } else { "" };
                view! {
                    <p class="timer" role="timer" aria-label=t::session_time_left(l) class:done=left == 0>
                        <span class="countdown">{format_countdown(left)}</span>{state}
                    </p>
                }
            })}
        </div>
    }
    .into_any()
}
