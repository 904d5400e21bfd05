//! The language switch on every screen: "English · Cymraeg", each name in its own language.
//!
//! Each name is a plain link to this page with `?lang=` set (the server renders the page in
//! that language and remembers it in the device's cookie), marked `rel="external"` so the
//! router lets the browser load it: every word on the page, the server's included, is then in
//! the chosen language. It works before the WebAssembly has started, and without it.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::{COOKIE, Lang, t, use_lang};

/// `path` with `?lang=<code>` in place of any `lang` it had (other parameters kept).
pub fn address_in(path: &str, search: &str, lang: Lang) -> String {
    let mut params: Vec<&str> =
        search.trim_start_matches('?').split('&').filter(|p| !p.is_empty() && !p.starts_with("lang=")).collect();
    let chosen = format!("{COOKIE}={}", lang.code());
    params.push(&chosen);
    format!("{path}?{}", params.join("&"))
}

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let current = use_lang();
    let location = use_location();
    let links = Lang::offered()
        .map(|lang| {
            let href = move || address_in(&location.pathname.get(), &location.search.get(), lang);
            view! {
                <li>
                    <a
                        href=href
                        rel="external"
                        lang=lang.code()
                        hreflang=lang.code()
                        aria-current=(lang == current).then_some("true")
                    >
                        {lang.name()}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="languages" aria-label=t::language_switch(current) translate="no">
            <ul>{links}</ul>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_keeps_its_other_parameters() {
        assert_eq!(address_in("/join", "", Lang::CY), "/join?lang=cy");
        assert_eq!(address_in("/join", "?code=ABC234&lang=en", Lang::CY), "/join?code=ABC234&lang=cy");
        assert_eq!(address_in("/pair/ABC234", "?lang=cy", Lang::EN), "/pair/ABC234?lang=en");
    }
}
