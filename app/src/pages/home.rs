use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    view! { <main class="page"><h1>"HomePage"</h1></main> }
}
