use leptos::prelude::*;

#[component]
pub fn NewWorkshopPage() -> impl IntoView {
    view! { <main class="page"><h1>"NewWorkshopPage"</h1></main> }
}
