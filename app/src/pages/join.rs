use leptos::prelude::*;

#[component]
pub fn JoinPage() -> impl IntoView {
    view! { <main class="page"><h1>"JoinPage"</h1></main> }
}
