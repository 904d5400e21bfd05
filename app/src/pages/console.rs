use leptos::prelude::*;

#[component]
pub fn ConsolePage() -> impl IntoView {
    view! { <main class="page"><h1>"ConsolePage"</h1></main> }
}
