//! `/pair/:code`: a pair's tablet. Touch first, keyboard and buttons always possible, and
//! nothing lost to the venue's Wi-Fi.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::device::{forget_pair, keep_joined_from_address, keep_pair_cookie, pending_key, stored_pair, view_key};
use crate::api::Joined;
use crate::api::urls;
use crate::browser;
use crate::components::board::Board;
use crate::components::consent_form::ConsentForm;
use crate::components::sync_status::SyncStatus;
use crate::domain::pair_results::results_closed_reason;
use crate::i18n::{t, use_lang};
use crate::live::{LiveConfig, use_live};
use crate::protocol::Auth;
use crate::protocol::ClientMsg;

/// What the server says (at least) when the facilitator removed this pair.
const REMOVED: &str = "This pair was removed from the workshop";
/// What the server says (at least) when this pair withdrew from the study.
const WITHDRAWN: &str = "This pair has withdrawn from the study";

/// What this device knows about its pair, once the page runs in the browser.
#[derive(Clone, Debug, PartialEq)]
enum Device {
    /// Not looked yet (server rendering, or before the first effect).
    Unknown,
    /// This device joined as this pair.
    Joined(Joined),
    /// This device has not joined this workshop.
    NotJoined,
}

#[component]
pub fn PairPage() -> impl IntoView {
    let l = use_lang();
    let params = use_params_map();
    let code = Memo::new(move |_| params.with(|p| p.get("code")).unwrap_or_default().trim().to_uppercase());
    let device = RwSignal::new(Device::Unknown);
    #[cfg(feature = "ssr")]
    let before_code = crate::components::board::before_code::board_before_code(
        crate::components::board::before_code::request_seed().as_deref(),
        l,
    );
    #[cfg(not(feature = "ssr"))]
    let before_code = String::new();
    Effect::new(move |_| {
        let code = code.get();
        keep_joined_from_address(&code);
        let stored = stored_pair(&code);
        if let Some(joined) = &stored {
            keep_pair_cookie(joined);
        }
        device.set(stored.map_or(Device::NotJoined, Device::Joined));
    });
    let config = Signal::derive(move || match device.get() {
        Device::Joined(j) => Some(LiveConfig {
            auth: Auth::Pair { code: j.code.clone(), token: j.token },
            pending_key: Some(pending_key(&j.code)),
            view_key: Some(view_key(&j.code)),
        }),
        _ => None,
    });
    let live = use_live(config);
    let ready = Memo::new(move |_| live.view.with(Option::is_some));
    let question = move || live.view.with(|v| v.as_ref().map(|v| v.question_in(l).to_string()));
    let forget = move |_| {
        forget_pair(&code.get_untracked());
        browser::local_remove(&view_key(&code.get_untracked()));
        browser::go_to(&urls::join_page(&code.get_untracked()));
    };

    view! {
        <main class="pair-page">
            {move || match device.get() {
                // Before the page's code runs: the board the server drew from the board's cookie
                // (hydration keeps the server's `inner_html`; in the browser it is empty).
                Device::Unknown => view! {
                    <p class="loading">{t::loading(l)}</p>
                    <div class="board-before-code" inner_html=before_code.clone()></div>
                }.into_any(),
                Device::NotJoined => view! {
                    <section class="page not-joined">
                        <h1>{t::pair_not_joined(l, code.get())}</h1>
                        <p><a class="button primary" href=urls::join_page(&code.get())>{t::pair_join_workshop(l, code.get())}</a></p>
                    </section>
                }.into_any(),
                Device::Joined(joined) => {
                    let pair_id = joined.pair_id;
                    // The facilitator removed this pair: its view no longer has it, or the
                    // server refused with that message.
                    let withdrawn = Memo::new(move |_| {
                        live.last_error.with(|e| e.as_deref().is_some_and(|e| e.starts_with(WITHDRAWN)))
                    });
                    let removed = Memo::new(move |_| {
                        live.view.with(|v| v.as_ref().is_some_and(|v| v.pair(pair_id).is_none()))
                            || live.last_error.with(|e| e.as_deref().is_some_and(|e| e.starts_with(REMOVED)))
                            || withdrawn.get()
                    });
                    // The sheet this pair must agree to before its board opens (a new version
                    // asks again); `None` when there is none or it agreed to the current one.
                    let asked = Memo::new(move |_| {
                        live.view.with(|v| {
                            v.as_ref()
                                .filter(|v| v.pair(pair_id).is_some() && !v.pair_has_consent(pair_id))
                                .and_then(|v| v.current_sheet().map(|s| s.sheet.clone()))
                        })
                    });
                    let declined = RwSignal::new(false);
                    let sending = RwSignal::new(false);
                    Effect::new(move |_| {
                        // A new answer can be given once the last one was answered.
                        let _ = (asked.get(), live.last_error.get());
                        sending.set(false);
                    });
                    let agree = move |answer| {
                        let msg = ClientMsg::GiveConsent { change_id: browser::random_uuid(), answer };
                        sending.set(live.send_consent(msg));
                    };
                    let decline = move |()| {
                        if live.send_consent(ClientMsg::DeclineConsent { change_id: browser::random_uuid() }) {
                            declined.set(true);
                            forget_pair(&code.get_untracked());
                            browser::local_remove(&view_key(&code.get_untracked()));
                            browser::local_remove(&pending_key(&code.get_untracked()));
                            browser::focus_later("declined-title".into());
                        }
                    };
                    let consent_error = Signal::derive(move || live.last_error.get());
                    let reference = joined.reference.clone();
                    // "Our results": once revealed, while the facilitator allows it.
                    let results_open = Memo::new(move |_| {
                        live.view.with(|v| v.as_ref().is_some_and(|v| results_closed_reason(v).is_none()))
                    });
                    let leave = move |_| {
                        forget_pair(&code.get_untracked());
                        browser::local_remove(&view_key(&code.get_untracked()));
                        browser::local_remove(&pending_key(&code.get_untracked()));
                    };
                    view! {
                    <header class="pair-header">
                        <p class="pair-label">{joined.label.clone()}</p>
                        <SyncStatus live/>
                    </header>
                    {reference.map(|reference| view! {
                        <details class="pair-reference">
                            <summary>{t::pair_our_reference(l)} <strong>{reference.clone()}</strong></summary>
                            <p>{t::pair_reference_help(l)}</p>
                        </details>
                    })}
                    {move || results_open.get().then(|| view! {
                        <p class="our-results"><a class="button" href=urls::pair_results_page(&code.get())>{t::pair_our_results(l)}</a></p>
                    })}
                    <h1 class="question">{move || question().unwrap_or_else(|| t::pair_connecting(l).into())}</h1>
                    {move || declined.get().then(|| view! {
                        <section class="stack declined" role="status">
                            <h2 id="declined-title" tabindex="-1">{t::pair_declined_title(l)}</h2>
                            <p>{t::pair_declined_text(l)}</p>
                        </section>
                    })}
                    {move || (!declined.get()).then(|| asked.get().map(|sheet| view! {
                        <ConsentForm
                            sheet
                            on_agree=agree
                            on_decline=decline
                            busy=sending
                            error=consent_error
                            intro=t::pair_sheet_changed(l)
                        />
                    })).flatten()}
                    {move || (removed.get() && !declined.get()).then(|| view! {
                        <div role="alert" class="form-error removed">
                            <p>{move || if withdrawn.get() { t::pair_withdrawn(l) } else { t::pair_removed(l) }}</p>
                            <p><a class="button primary" href=urls::join_page(&code.get()) on:click=leave>{t::pair_join_again(l)}</a></p>
                        </div>
                    })}
                    {move || live.last_error.get().filter(|_| !removed.get() && asked.with(Option::is_none)).map(|message| view! {
                        <div role="alert" class="form-error">
                            <p>{message}</p>
                            {(live.link.get() == crate::live::Link::Stopped).then(|| view! {
                                <button type="button" on:click=forget>{t::pair_join_again(l)}</button>
                            })}
                        </div>
                    })}
                    {move || (ready.get() && !removed.get() && asked.with(Option::is_none)).then(|| view! { <Board live pair_id/> })}
                }.into_any()
                }
            }}
        </main>
    }
    .into_any()
}
