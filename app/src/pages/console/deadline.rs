//! "Withdrawal deadline" on the facilitator's console, beside the retention day: the last day
//! (UTC) on which a pair can still be withdrawn with its reference. Saved with the other
//! settings (`ChangeSettings`); a day already over is refused by the server with a sentence,
//! shown under the field.

use leptos::prelude::*;

use super::may_change;
use crate::components::field::Field;
use crate::domain::day::Day;
use crate::domain::session::{deadline_label, parse_deadline};
use crate::domain::{Control, Settings};
use crate::i18n::{Lang, t, use_lang};
use crate::live::Live;

/// What the section says about the deadline.
pub fn deadline_note(l: Lang, deadline: Option<Day>) -> String {
    match deadline {
        None => t::console_deadline_none(l).to_string(),
        Some(day) => t::console_deadline_until(l, day),
    }
}

#[component]
pub fn DeadlineControl(live: Live) -> impl IntoView {
    let l = use_lang();
    let settings = Memo::new(move |_| live.view.with(|v| v.as_ref().map(|v| v.settings)).unwrap_or_default());
    let deadline = Memo::new(move |_| settings.get().withdrawal_deadline);
    let online = may_change(live);
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    // The day asked for and not yet confirmed or refused.
    let asked = RwSignal::new(None::<Option<Day>>);
    // The stored day fills the field, unless the facilitator is typing another.
    Effect::new(move |_| {
        let day = deadline.get();
        if asked.get_untracked().is_none() && error.get_untracked().is_none() {
            typed.set(day.map(|d| d.to_string()).unwrap_or_default());
        }
        if asked.get_untracked() == Some(day) {
            asked.set(None);
            error.set(None);
            status.set(t::console_status_saved(l, deadline_note(l, day)));
        }
    });
    Effect::new(move |_| {
        if let Some(message) = live.last_error.get()
            && asked.get_untracked().is_some()
        {
            asked.set(None);
            status.set(String::new());
            error.set(Some(message));
            crate::browser::focus_later("console-withdrawal-deadline".into());
        }
    });
    let save = move || {
        let day = match parse_deadline(&typed.get_untracked(), l) {
            Ok(day) => day,
            Err(e) => {
                error.set(Some(e.message));
                crate::browser::focus_later("console-withdrawal-deadline".into());
                return;
            }
        };
        let base: Settings = settings.get_untracked();
        if base.withdrawal_deadline == day {
            error.set(None);
            status.set(t::console_status_unchanged(l, deadline_note(l, day)));
            return;
        }
        asked.set(Some(day));
        live.control(Control::ChangeSettings { settings: Settings { withdrawal_deadline: day, ..base } });
    };
    view! {
        <section class="console-deadline" aria-labelledby="deadline-heading">
            <h2 id="deadline-heading">{t::console_withdrawal(l)}</h2>
            <p id="deadline-now">{move || deadline_note(l, deadline.get())}</p>
            <form
                class="retention-form"
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    save();
                }
            >
                <Field
                    id="console-withdrawal-deadline"
                    label=deadline_label(l)
                    hint=t::console_deadline_hint(l)
                    error=Signal::derive(move || error.get())
                    error_id="console-withdrawal-deadline-error"
                >
                    <input
                        type="date"
                        id="console-withdrawal-deadline"
                        prop:value=move || typed.get()
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        aria-describedby=move || {
                            if error.with(Option::is_some) {
                                "console-withdrawal-deadline-hint console-withdrawal-deadline-error"
                            } else {
                                "console-withdrawal-deadline-hint"
                            }
                        }
                        on:input=move |ev| {
                            typed.set(event_target_value(&ev));
                            error.set(None);
                        }
                    />
                </Field>
                <button type="submit" id="save-withdrawal-deadline" disabled=move || !online() || asked.get().is_some()>
                    {t::console_save_deadline(l)}
                </button>
            </form>
            <p class="visually-hidden" role="status" aria-live="polite">{move || status.get()}</p>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_says_until_when() {
        assert_eq!(deadline_note(Lang::EN, None), "No withdrawal deadline: a pair can be withdrawn at any time.");
        assert_eq!(
            deadline_note(Lang::EN, Day::parse("2027-06-30")),
            "Pairs can be withdrawn until the end of 2027-06-30 (UTC); after it, withdrawal is refused."
        );
    }
}
