//! Discretion Spectrum: the shared half of the app.
//!
//! - [`domain`]: the workshop model, validation, join codes and statistics (no Leptos, no I/O).
//! - [`protocol`] and [`api`]: what travels over the websocket and the HTTP API.
//! - [`pages`] and [`components`]: the Leptos screens, rendered on the server and hydrated in
//!   the browser.
#![recursion_limit = "256"] // deep Leptos view types (the spotlight) in the release WebAssembly build

pub mod api;
pub mod components;
pub mod domain;
pub mod live;
pub mod pages;
pub mod protocol;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    ParamSegment, StaticSegment,
    components::{Route, Router, Routes},
};

/// The HTML document around every page (server side).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: routes to each screen.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/discretion-spectrum.css"/>
        <Title text="Discretion Spectrum"/>
        <Router>
            <Routes fallback=|| view! { <main class="page"><h1>"Page not found"</h1><a href="/">"Home"</a></main> }>
                <Route path=StaticSegment("") view=pages::home::HomePage/>
                <Route path=StaticSegment("new") view=pages::new_workshop::NewWorkshopPage/>
                <Route path=(StaticSegment("f"), ParamSegment("secret")) view=pages::console::ConsolePage/>
                <Route path=(StaticSegment("p"), ParamSegment("workshop_id")) view=pages::projector::ProjectorPage/>
                <Route path=StaticSegment("join") view=pages::join::JoinPage/>
                <Route path=StaticSegment("research") view=pages::research::ResearchPage/>
                <Route path=(StaticSegment("research"), StaticSegment("compare")) view=pages::compare::ComparePage/>
                <Route path=(StaticSegment("pair"), ParamSegment("code")) view=pages::pair::PairPage/>
                <Route path=(StaticSegment("research"), StaticSegment("replay"), ParamSegment("id")) view=pages::replay::ReplayPage/>
            </Routes>
        </Router>
    }
}

/// Entry point of the WebAssembly build: hydrate the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
