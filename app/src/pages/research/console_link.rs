//! "New console link…": gives a workshop a new facilitator link, asked inline first because
//! the old link stops working. An imported workshop has none until one is issued (secrets
//! never travel in an archive).

use leptos::prelude::*;
use uuid::Uuid;

use super::{Access, Page};
use crate::api::{Refused, calls};
use crate::browser;
use crate::i18n::{t, use_lang};

#[component]
pub(super) fn ConsoleLink(id: Uuid, title: String, page: Page) -> impl IntoView {
    let l = use_lang();
    let asking = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let link = RwSignal::new(None::<String>);
    let issue = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = calls::issue_console(id).await;
            busy.set(false);
            match answer {
                Ok(created) => {
                    asking.set(false);
                    page.error.set(None);
                    link.set(Some(format!("{}{}", browser::origin(), created.console_path)));
                    browser::focus_later(format!("w-{id}-console-link"));
                }
                Err(Refused::SignedOut) => page.access.set(Access::SignedOut),
                Err(refused) => page.error.set(Some(refused.error_in(l))),
            }
        });
    };
    view! {
        <button
            type="button"
            class="small"
            id=format!("w-{id}-console")
            aria-expanded=move || if asking.get() { "true" } else { "false" }
            on:click=move |_| asking.set(true)
        >
            {t::research_new_console_link_button(l)}
        </button>
        <Show when=move || asking.get()>
            <div class="research-console-ask" role="group" aria-label=t::research_new_console_link(l)>
                <p>
                    {t::research_new_console_link_question(l, &title)}
                </p>
                <button type="button" disabled=move || busy.get() on:click=issue>
                    {move || if busy.get() { t::research_issuing(l) } else { t::research_yes_issue_link(l) }}
                </button>
                <button type="button" on:click=move |_| asking.set(false)>{t::research_cancel(l)}</button>
            </div>
        </Show>
        {move || {
            link.get()
                .map(|href| {
                    view! {
                        <p class="research-console-link">
                            {t::research_console_link_shown(l)}
                            <a id=format!("w-{id}-console-link") href=href.clone()>{href.clone()}</a>
                        </p>
                    }
                })
        }}
    }
    .into_any()
}
