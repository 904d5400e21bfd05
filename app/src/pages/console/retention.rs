//! "Delete after" on the facilitator's console: the day (UTC) on which the server deletes the
//! workshop with all its data, as "Delete" does; shown, set or cleared here. A day that is
//! not after today is refused by the server with a sentence, shown under the field.

use leptos::prelude::*;

use crate::api::{Retention, calls};
use crate::components::field::Field;
use crate::i18n::{Lang, t, use_lang};

/// What the section says about `retention`.
pub fn retention_note(l: Lang, retention: &Retention) -> String {
    match &retention.delete_after {
        None => t::console_retention_none(l).to_string(),
        Some(d) => t::console_retention_day(l, d.sentence(l)),
    }
}

#[component]
pub fn RetentionControl(secret: Memo<String>) -> impl IntoView {
    let l = use_lang();
    let current = RwSignal::new(None::<Retention>);
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    Effect::new(move |_| {
        let secret = secret.get();
        leptos::task::spawn_local(async move {
            if let Ok(retention) = calls::console_retention(&secret).await {
                // What the facilitator already typed is not overwritten by the stored day.
                if typed.get_untracked().is_empty() {
                    typed.set(retention.delete_after.as_ref().map(|d| d.day.clone()).unwrap_or_default());
                }
                current.set(Some(retention));
            }
        });
    });
    let save = move |day: String| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let secret = secret.get_untracked();
        leptos::task::spawn_local(async move {
            let answer = calls::set_console_retention(&secret, day).await;
            busy.set(false);
            match answer {
                Ok(retention) => {
                    error.set(None);
                    typed.set(retention.delete_after.as_ref().map(|d| d.day.clone()).unwrap_or_default());
                    status.set(t::console_status_saved(l, retention_note(l, &retention)));
                    current.set(Some(retention));
                }
                Err(refused) => {
                    status.set(String::new());
                    error.set(Some(refused.error_in(l).error));
                    crate::browser::focus_later("console-delete-after".into());
                }
            }
        });
    };
    view! {
        <section class="console-retention" aria-labelledby="retention-heading">
            <h2 id="retention-heading">{t::console_retention(l)}</h2>
            <p id="retention-now">{move || current.get().as_ref().map(|r| retention_note(l, r)).unwrap_or_default()}</p>
            <form
                class="retention-form"
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    save(typed.get_untracked());
                }
            >
                <Field
                    id="console-delete-after"
                    label=t::console_delete_after(l)
                    hint=t::console_delete_after_hint(l)
                    error=Signal::derive(move || error.get())
                    error_id="console-delete-after-error"
                >
                    <input
                        type="date"
                        id="console-delete-after"
                        prop:value=move || typed.get()
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        aria-describedby=move || {
                            if error.with(Option::is_some) {
                                "console-delete-after-hint console-delete-after-error"
                            } else {
                                "console-delete-after-hint"
                            }
                        }
                        on:input=move |ev| typed.set(event_target_value(&ev))
                    />
                </Field>
                <button type="submit" id="save-delete-after" disabled=move || busy.get()>{t::console_save_delete_after(l)}</button>
            </form>
            <p class="visually-hidden" role="status" aria-live="polite">{move || status.get()}</p>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::RetentionDay;

    #[test]
    fn the_note_says_what_happens_and_when() {
        assert_eq!(
            retention_note(Lang::EN, &Retention::default()),
            "No delete-after day: the workshop is kept until someone deletes it."
        );
        let day = RetentionDay { day: "2027-06-30".into(), days_left: 1 };
        assert_eq!(
            retention_note(Lang::EN, &Retention { delete_after: Some(day) }),
            "Deleted on 2027-06-30 (tomorrow): the server deletes the workshop and all its data on that day."
        );
        // The same words as `RetentionDay::sentence` (the researcher area's), whatever the day.
        for days_left in [-1, 0, 1, 2, 30] {
            let day = RetentionDay { day: "2027-06-30".into(), days_left };
            let note = retention_note(Lang::EN, &Retention { delete_after: Some(day.clone()) });
            assert_eq!(
                note,
                format!("{}: the server deletes the workshop and all its data on that day.", day.sentence(Lang::EN))
            );
        }
    }
}
