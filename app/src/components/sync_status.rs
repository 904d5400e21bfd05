use leptos::prelude::*;

use crate::live::{Link, Live};

/// This device's sync state, in exactly one of the words of
/// [`crate::domain::outbox::sync_status_text`], so a pair always knows whether its work is safe.
#[component]
pub fn SyncStatus(live: Live) -> impl IntoView {
    let kind = move || match live.link.get() {
        Link::Connecting => "connecting",
        Link::Online if live.outbox.with(|o| o.unsaved_count()) == 0 => "saved",
        Link::Online => "saving",
        Link::Offline | Link::Stopped => "offline",
    };
    view! {
        <p role="status" translate="no" class=move || format!("sync-status {}", kind())>{move || live.status_text()}</p>
    }
    .into_any()
}
