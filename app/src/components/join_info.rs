use leptos::prelude::*;

use crate::api::JoinOrigin;
use crate::api::{calls, urls};
use crate::browser;
use crate::i18n::{t, use_lang};

/// The address pairs open to join, e.g. `http://192.168.1.20:3000/join?code=ABC234`. The
/// origin is only known in the browser; the server-rendered page shows the path until then.
pub fn join_url(origin: &str, code: &str) -> String {
    format!("{origin}/join?code={code}")
}

/// The origin as people type it: without `http://` or `https://`.
pub fn display_origin(origin: &str) -> &str {
    origin.trim_start_matches("https://").trim_start_matches("http://")
}

/// The origin the server puts in join links and QR codes ([`JoinOrigin`]), asked once the
/// page runs in the browser; `None` until it answers (or if it cannot be reached).
pub fn use_join_origin() -> ReadSignal<Option<JoinOrigin>> {
    let (join_origin, set_join_origin) = signal(None::<JoinOrigin>);
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            if let Ok(found) = calls::join_origin().await {
                set_join_origin.set(Some(found));
            }
        });
    });
    join_origin
}

/// `location.origin`, filled in once the page runs in the browser.
pub fn use_origin() -> ReadSignal<String> {
    let (origin, set_origin) = signal(String::new());
    Effect::new(move |_| set_origin.set(browser::origin()));
    origin
}

/// How pairs join: "Join at {address} with code {CODE}" and the QR code. `large` while the
/// room is still joining (projector before the first placement); a small corner box after.
#[component]
pub fn JoinInfo(#[prop(into)] code: Signal<String>, #[prop(into)] large: Signal<bool>) -> impl IntoView {
    let l = use_lang();
    let origin = use_origin();
    let lead = move || {
        let origin = origin.get();
        if origin.is_empty() {
            t::join_info_lead(l).to_string()
        } else {
            t::join_info_lead_at(l, display_origin(&origin))
        }
    };
    view! {
        <aside class="join-info" class:large=move || large.get() class:corner=move || !large.get()>
            <img class="join-qr" src=move || urls::qr(&code.get()) alt=t::join_info_qr(l)/>
            <p class="join-words">
                {lead}
                <strong class="join-code-inline">{move || code.get()}</strong>
            </p>
        </aside>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_addresses() {
        assert_eq!(join_url("http://10.0.0.2:3000", "ABC234"), "http://10.0.0.2:3000/join?code=ABC234");
        assert_eq!(display_origin("https://ds.example.org"), "ds.example.org");
        assert_eq!(display_origin("http://10.0.0.2:3000"), "10.0.0.2:3000");
    }
}
