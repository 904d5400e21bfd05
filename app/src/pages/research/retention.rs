//! "Delete after…" in a workshop's row: sets or clears the day (UTC) on which the server
//! deletes the workshop, inline; a day that is not after today is refused by the server with
//! a sentence, shown under the field.

use leptos::prelude::*;
use uuid::Uuid;

use super::{Access, Page};
use crate::api::{Refused, calls};
use crate::browser;
use crate::i18n::{t, use_lang};

#[component]
pub(super) fn RetentionEdit(id: Uuid, title: String, page: Page) -> impl IntoView {
    let l = use_lang();
    let open = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let field_id = format!("w-{id}-delete-after");
    let error_id = format!("w-{id}-delete-after-error");
    let current = move || {
        page.workshops
            .with(|list| list.iter().find(|w| w.id == id).and_then(|w| w.delete_after.as_ref()).map(|d| d.day.clone()))
    };
    let typed = RwSignal::new(String::new());
    let start = move |_| {
        typed.set(current().unwrap_or_default());
        error.set(None);
        open.set(true);
        browser::focus_later(format!("w-{id}-delete-after"));
    };
    let close = move || {
        open.set(false);
        error.set(None);
        browser::focus_later(format!("w-{id}-retention"));
    };
    let save = move || {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let day = typed.get_untracked();
        leptos::task::spawn_local(async move {
            let answer = calls::set_research_retention(id, day).await;
            busy.set(false);
            match answer {
                Ok(retention) => {
                    page.workshops.update(|list| {
                        list.iter_mut()
                            .filter(|w| w.id == id)
                            .for_each(|w| w.delete_after = retention.delete_after.clone())
                    });
                    let said = retention.delete_after.as_ref().map_or_else(
                        || t::research_kept_until_deleted(l).to_string(),
                        |d| format!("{}.", d.sentence(l)),
                    );
                    page.status.set(t::research_retention_saved(l, page_title(page, id), said));
                    close();
                }
                Err(Refused::SignedOut) => page.access.set(Access::SignedOut),
                Err(refused) => {
                    error.set(Some(refused.error_in(l).error));
                    browser::focus_later(format!("w-{id}-delete-after"));
                }
            }
        });
    };
    let described = {
        let (field_id, error_id) = (field_id.clone(), error_id.clone());
        move || {
            if error.with(Option::is_some) { format!("{field_id}-hint {error_id}") } else { format!("{field_id}-hint") }
        }
    };
    view! {
        <button
            type="button"
            class="small"
            id=format!("w-{id}-retention")
            aria-expanded=move || if open.get() { "true" } else { "false" }
            aria-describedby=format!("w-{id}-title")
            on:click=start
        >
            {t::research_delete_after_button(l)}
        </button>
        <Show when=move || open.get()>
            <form
                class="research-retention-edit"
                novalidate
                aria-label=t::research_delete_after_form(l, &title)
                on:submit=move |ev| {
                    ev.prevent_default();
                    save();
                }
            >
                <label for=field_id.clone()>{t::research_delete_after(l)}</label>
                <input
                    type="date"
                    id=field_id.clone()
                    prop:value=move || typed.get()
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=described.clone()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                />
                <p class="hint" id=format!("{field_id}-hint")>{t::research_delete_after_hint(l)}</p>
                {
                    let error_id = error_id.clone();
                    move || error.get().map(|text| view! { <p role="alert" class="form-error" id=error_id.clone()>{text}</p> })
                }
                <button type="submit" disabled=move || busy.get()>
                    {move || if busy.get() { t::research_saving(l) } else { t::research_save(l) }}
                </button>
                <button type="button" on:click=move |_| close()>{t::research_cancel(l)}</button>
            </form>
        </Show>
    }
    .into_any()
}

/// The title of workshop `id` as the list has it.
fn page_title(page: Page, id: Uuid) -> String {
    page.workshops.with_untracked(|list| list.iter().find(|w| w.id == id).map(|w| w.title.clone()).unwrap_or_default())
}
