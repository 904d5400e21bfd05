//! "Delete workshop…" on the facilitator's console: after an inline confirmation, the
//! workshop and every row of it (pairs, post-its, placements, notes, the event log) are
//! deleted on the server, every screen in the room is told, and the console says so.

use leptos::prelude::*;

use crate::api::{Refused, calls};
use crate::browser;
use crate::components::confirm::Confirm;
use crate::components::field::FormError;
use crate::i18n::{Lang, t, use_lang};

/// The question asked before deleting the workshop called `title`.
pub fn delete_question(l: Lang, title: &str) -> String {
    t::console_delete_question(l, title)
}

/// The section with the button and its confirmation. `deleted` gets the workshop's title once
/// the server has deleted it.
#[component]
pub fn DeleteWorkshop(secret: Memo<String>, title: Signal<String>, deleted: RwSignal<Option<String>>) -> impl IntoView {
    let l = use_lang();
    let asking = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let ask = move |_| {
        asking.set(true);
        error.set(None);
        browser::focus_later("delete-workshop-cancel".into());
    };
    let cancel = move |()| {
        asking.set(false);
        error.set(None);
        browser::focus_later("delete-workshop".into());
    };
    let confirm = move |()| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let secret = secret.get_untracked();
        leptos::task::spawn_local(async move {
            let answer = calls::delete_by_facilitator(&secret).await;
            busy.set(false);
            match answer {
                // 404: it was already deleted (from the researcher area); gone either way.
                Ok(()) | Err(Refused::NotFound(_)) => deleted.set(Some(title.get_untracked())),
                Err(refused) => error.set(Some(refused.error_in(l).error)),
            }
        });
    };
    view! {
        <section class="console-delete" aria-labelledby="delete-heading">
            <h2 id="delete-heading">{t::console_delete_heading(l)}</h2>
            <p class="hint">{t::console_delete_hint(l)}</p>
            <button
                type="button"
                class="danger"
                id="delete-workshop"
                aria-expanded=move || if asking.get() { "true" } else { "false" }
                on:click=ask
            >
                {t::console_delete_workshop(l)}
            </button>
            <Show when=move || asking.get()>
                <Confirm
                    labelled_by="delete-workshop-question"
                    escape=true
                    yes=move || if busy.get() { t::console_deleting(l) } else { t::console_yes_delete(l) }
                    disabled=busy
                    on_yes=confirm
                    cancel_id="delete-workshop-cancel"
                    on_cancel=cancel
                >
                    <p id="delete-workshop-question">{move || delete_question(l, &title.get())}</p>
                    {move || error.get().map(|e| view! { <FormError id=None text=e/> })}
                </Confirm>
            </Show>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::delete_question;
    use crate::i18n::Lang;

    #[test]
    fn the_question_names_the_workshop_and_what_goes() {
        let q = delete_question(Lang::EN, "Site 3 — knowledge exchange");
        assert!(q.starts_with("Delete “Site 3 — knowledge exchange” and all its data"));
        assert!(q.contains("event log") && q.ends_with("This cannot be undone."));
    }
}
