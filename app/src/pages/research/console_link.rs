//! "New console link…": gives a workshop a new facilitator link, asked inline first because
//! the old link stops working. An imported workshop has none until one is issued (secrets
//! never travel in an archive).

use leptos::prelude::*;
use uuid::Uuid;

use super::{Access, Page};
use crate::api::{Refused, calls};
use crate::browser;

#[component]
pub(super) fn ConsoleLink(id: Uuid, title: String, page: Page) -> impl IntoView {
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
                Err(refused) => page.error.set(Some(refused.error())),
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
            "New console link…"
        </button>
        <Show when=move || asking.get()>
            <div class="research-console-ask" role="group" aria-label="New console link">
                <p>
                    {format!(
                        "Issue a new console link for “{title}”? The current link stops working; a console open \
                         now keeps running until it reconnects."
                    )}
                </p>
                <button type="button" disabled=move || busy.get() on:click=issue>
                    {move || if busy.get() { "Issuing…" } else { "Yes, issue a link" }}
                </button>
                <button type="button" on:click=move |_| asking.set(false)>"Cancel"</button>
            </div>
        </Show>
        {move || {
            link.get()
                .map(|href| {
                    view! {
                        <p class="research-console-link">
                            "Console link (shown once; give it to the facilitator): "
                            <a id=format!("w-{id}-console-link") href=href.clone()>{href.clone()}</a>
                        </p>
                    }
                })
        }}
    }
    .into_any()
}
