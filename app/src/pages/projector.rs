use leptos::prelude::*;

#[component]
pub fn ProjectorPage() -> impl IntoView {
    view! { <main class="page"><h1>"ProjectorPage"</h1></main> }
}
