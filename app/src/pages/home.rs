use leptos::prelude::*;

/// What the tool is, and the two ways in.
#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <main class="page home">
            <h1>"Discretion Spectrum"</h1>
            <p class="lead">
                "Pairs place post-its on a spectrum from fixed to flexible, and the room sees where everyone put them."
            </p>
            <nav class="home-links" aria-label="Start">
                <a class="button primary" href="/new">"New workshop"</a>
                <a class="button" href="/join">"Join a workshop"</a>
            </nav>
        </main>
    }
    .into_any()
}
