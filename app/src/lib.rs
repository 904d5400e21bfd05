//! Discretion Spectrum: the shared half of the app.
//!
//! - [`domain`]: the workshop model, validation, join codes and statistics (no Leptos, no I/O).
//! - [`protocol`] and [`api`]: what travels over the websocket and the HTTP API.
//! - [`pages`] and [`components`]: the Leptos screens, rendered on the server and hydrated in
//!   the browser; [`live`], their websocket connection; [`browser`], the few browser services
//!   they use (storage, fetch, focus, geometry).
#![recursion_limit = "256"] // deep Leptos view types (the spotlight) in the release WebAssembly build

pub mod api;
pub mod browser;
pub mod components;
pub mod domain;
pub mod i18n;
pub mod live;
pub mod pages;
pub mod protocol;
pub mod site;

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::{
    Lazy, ParamSegment, StaticSegment,
    components::{Route, Router, Routes},
};

/// The HTML document around every page (server side), loading the built files `files`.
#[cfg(feature = "ssr")]
pub fn shell(files: site::SiteFiles) -> impl IntoView {
    // The policy names this response's nonce, so it is set here, while the page renders.
    if let (Some(nonce), Some(response)) = (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>())
        && let Ok(policy) = http::HeaderValue::from_str(&site::content_security_policy(&nonce))
    {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, policy);
    }
    let lang = i18n::provide_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code() dir=lang.dir()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#1d4ed8"/>
                <link rel="icon" href=site::favicon_address() type="image/svg+xml"/>
                <link rel="icon" href="/icons/icon-192.png" sizes="192x192" type="image/png"/>
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <site::SiteScripts files/>
                <script type="module" nonce=leptos::nonce::use_nonce() inner_html=site::REGISTER_SW></script>
                <script type="module" nonce=leptos::nonce::use_nonce() inner_html=site::HOLD_JOIN></script>
                <leptos_meta::MetaTags/>
            </head>
            <body>
                <App/>
                <site::TooOldNotice/>
            </body>
        </html>
    }
}

/// The application: routes to each screen.
///
/// The WebAssembly is split per screen (cargo-leptos `--split`): the main module holds the
/// join page and what every screen needs, so "Join" works as soon as it arrives; the pair's
/// board is a lazy route that the join page fetches in the background while the pair types;
/// every other screen's code arrives, in its own chunks, when that screen is opened.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = use_context::<i18n::Lang>().unwrap_or_else(i18n::provide_lang);
    view! {
        <Title text="Discretion Spectrum"/>
        <Router>
            <Routes fallback=move || {
                view! {
                    <main class="page">
                        <h1>{i18n::t::page_not_found(lang)}</h1>
                        <a href="/">{i18n::t::home(lang)}</a>
                    </main>
                }
            }>
                <Route path=StaticSegment("join") view=pages::join::JoinPage/>
                <Route path=(StaticSegment("pair"), ParamSegment("code")) view={Lazy::<pages::screens::Pair>::new()}/>
                <Route path=(StaticSegment("pair"), ParamSegment("code"), StaticSegment("results")) view={Lazy::<pages::screens::PairResults>::new()}/>
                <Route path=StaticSegment("") view={Lazy::<pages::screens::Home>::new()}/>
                <Route path=StaticSegment("new") view={Lazy::<pages::screens::NewWorkshop>::new()}/>
                <Route path=(StaticSegment("f"), ParamSegment("secret")) view={Lazy::<pages::screens::Console>::new()}/>
                <Route path=(StaticSegment("p"), ParamSegment("workshop_id")) view={Lazy::<pages::screens::Projector>::new()}/>
                <Route path=StaticSegment("research") view={Lazy::<pages::screens::Research>::new()}/>
                <Route path=(StaticSegment("research"), StaticSegment("compare")) view={Lazy::<pages::screens::Compare>::new()}/>
                <Route path=(StaticSegment("research"), StaticSegment("audit")) view={Lazy::<pages::screens::Audit>::new()}/>
                <Route path=(StaticSegment("research"), StaticSegment("replay"), ParamSegment("id")) view={Lazy::<pages::screens::Replay>::new()}/>
            </Routes>
            // At the foot of every screen: it never moves what the screen itself lays out.
            <i18n::switch::LanguageSwitch/>
        </Router>
    }
}

/// Entry point of the WebAssembly build: hydrate the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    site::mark_started();
    leptos::mount::hydrate_lazy(App);
}
