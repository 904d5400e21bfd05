use leptos::prelude::*;

use crate::i18n::{t, use_lang};

/// What the tool is, and the two ways in.
#[component]
pub fn HomePage() -> impl IntoView {
    let l = use_lang();
    view! {
        <main class="page home">
            <h1>{t::home_title(l)}</h1>
            <p class="lead">{t::home_lead(l)}</p>
            <nav class="home-links" aria-label=t::home_start(l)>
                <a class="button primary" href="/new">{t::home_new_workshop(l)}</a>
                <a class="button" href="/join">{t::home_join(l)}</a>
            </nav>
        </main>
    }
    .into_any()
}
