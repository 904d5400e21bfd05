//! The workshop settings (live wall, privacy threshold, …); each change sends them whole.

use leptos::prelude::*;

use super::may_change;
use crate::domain::session::{MAX_MIN_PAIRS, SWITCHES, Switch, min_pairs_label, parse_min_pairs};
use crate::domain::{Control, Settings};
use crate::i18n::{t, use_lang};
use crate::live::Live;

#[component]
pub fn SettingsControls(live: Live) -> impl IntoView {
    let settings = Memo::new(move |_| live.view.with(|v| v.as_ref().map(|v| v.settings)).unwrap_or_default());
    let online = may_change(live);
    let l = use_lang();
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
                {(switch.label)(l)}
            </label>
        }
    };
    let on_threshold = move |ev: leptos::ev::Event| match parse_min_pairs(&event_target_value(&ev), l) {
        Ok(n) => send(&|s| s.min_pairs = n),
        Err(e) => live.last_error.set(Some(e.message)),
    };
    view! {
        <fieldset class="settings">
            <legend>{t::console_settings(l)}</legend>
            {SWITCHES.into_iter().map(checkbox).collect_view()}
            <label class="threshold">
                {min_pairs_label(l)}
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
            <p class="hint">{t::console_threshold_hint(l)}</p>
        </fieldset>
    }
    .into_any()
}
