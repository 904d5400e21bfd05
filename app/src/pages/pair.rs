use leptos::prelude::*;

#[component]
pub fn PairPage() -> impl IntoView {
    view! { <main class="page"><h1>"PairPage"</h1></main> }
}
