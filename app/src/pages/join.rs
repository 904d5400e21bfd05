//! `/join`: a pair types (or scans) the join code and chooses a label.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::device::{pair_key, stored_pair};
use crate::api::{JoinRefusal, JoinRequest, Refused};
use crate::api::{calls, urls};
use crate::browser;
use crate::components::consent_form::ConsentForm;
use crate::components::field::{Field, FormError};
use crate::domain::code::normalize_code;
use crate::domain::consent::{ConsentAnswer, ConsentSheet};
use crate::domain::validate::PAIR_LABEL_MAX;
use crate::i18n::{t, use_lang};

#[component]
pub fn JoinPage() -> impl IntoView {
    let l = use_lang();
    let query = use_query_map();
    let initial_code = query.with_untracked(|q| q.get("code")).unwrap_or_default().trim().to_uppercase();
    // The inputs are read when the form is submitted (browser::field_value), not mirrored into
    // signals: text typed before the WebAssembly hydrated the page would otherwise be lost.
    let value_of = |id: &str| browser::field_value(id).unwrap_or_default();
    // Back from the plain form's join (`POST /join`, before or without the WebAssembly) with
    // what was typed and why it was refused.
    let initial_name = query.with_untracked(|q| q.get("name")).unwrap_or_default();
    let refused = query.with_untracked(|q| q.get("refused")).and_then(|w| JoinRefusal::from_word(&w));
    let error = RwSignal::new(refused.map(|r| r.error(l, &initial_code)));
    let busy = RwSignal::new(false);
    // The join code the last join was asked with (for the sentence about it).
    let asked_code = StoredValue::new(initial_code.clone());
    if let Some(field) = refused.and_then(|r| r.error(l, "").field) {
        let id = if field == "Pair name" { "pair-name" } else { "join-code" };
        Effect::new(move |_| browser::focus_later(id.into()));
    }
    let navigate = use_navigate();
    let invalid =
        move |field: &'static str| move || error.with(|e| e.as_ref().and_then(|e| e.field.as_deref()) == Some(field));

    // The board's code is a chunk of its own: fetch it while the pair types, so it shows at
    // once after "Join".
    Effect::new(move |_| {
        leptos::task::spawn_local(<super::screens::Pair as leptos_router::LazyRoute>::preload());
    });

    // A device that already joined this workshop goes straight back to its board: never a
    // second pair for the same people.
    {
        let navigate = navigate.clone();
        Effect::new(move |_| {
            let code = query.with(|q| q.get("code")).and_then(|c| normalize_code(&c));
            if let Some(code) = code.filter(|c| stored_pair(c).is_some()) {
                navigate(&urls::pair_page(&code), NavigateOptions { replace: true, ..Default::default() });
            }
        });
    }

    // With an information sheet, the pair reads it and each person agrees before it is
    // stored at all: the request waits here with the sheet.
    let asking = RwSignal::new(None::<(JoinRequest, ConsentSheet)>);
    let consent_error = RwSignal::new(None::<String>);
    let declined = RwSignal::new(false);
    let joined_or_refused = {
        let navigate = navigate.clone();
        move |outcome: Result<crate::api::Joined, Refused>| match outcome {
            Ok(joined) => {
                if let Ok(json) = serde_json::to_string(&joined) {
                    browser::local_set(&pair_key(&joined.code), &json);
                }
                navigate(&urls::pair_page(&joined.code), NavigateOptions::default());
            }
            Err(refused) => {
                busy.set(false);
                let e = JoinRefusal::of_refused(&refused).error(l, &asked_code.get_value());
                if asking.with_untracked(Option::is_some)
                    && refused.error_in(l).field.as_deref() == Some("Information sheet")
                {
                    // The sheet changed while they read: the new one is fetched when they agree again.
                    consent_error.set(Some(t::join_sheet_changed(l).to_string()));
                    return;
                }
                asking.set(None);
                let id = if e.field.as_deref() == Some("Pair name") { "pair-name" } else { "join-code" };
                error.set(Some(e));
                browser::focus_later(id.into());
            }
        }
    };
    let agree = {
        let joined_or_refused = joined_or_refused.clone();
        move |answer: ConsentAnswer| {
            let Some((request, _)) = asking.get_untracked() else { return };
            let request = JoinRequest { consent: Some(answer), ..request };
            busy.set(true);
            consent_error.set(None);
            let joined_or_refused = joined_or_refused.clone();
            leptos::task::spawn_local(async move {
                let outcome = calls::join(&request).await;
                if outcome.is_err()
                    && let Some(code) = normalize_code(&request.code)
                    && let Ok(current) = calls::consent_sheet(&code).await
                {
                    // Show the sheet as it is now (a new version asks again).
                    match current.sheet {
                        Some(sheet) if asking.with_untracked(|a| a.as_ref().is_some_and(|(_, s)| *s != sheet)) => {
                            asking.set(Some((JoinRequest { consent: None, ..request.clone() }, sheet)));
                        }
                        _ => {}
                    }
                }
                joined_or_refused(outcome);
            });
        }
    };
    let decline = move |()| {
        let Some((request, _)) = asking.get_untracked() else { return };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match calls::decline_consent(request.code.clone()).await {
                Ok(()) => {
                    asking.set(None);
                    declined.set(true);
                    browser::focus_later("declined-title".into());
                }
                Err(refused) => {
                    consent_error.set(Some(JoinRefusal::of_refused(&refused).error(l, &request.code).error))
                }
            }
            busy.set(false);
        });
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let typed = value_of("join-code");
        if let Some(known) = normalize_code(&typed).filter(|c| stored_pair(c).is_some()) {
            navigate(&urls::pair_page(&known), NavigateOptions::default());
            return;
        }
        asked_code.set_value(typed.clone());
        let request = JoinRequest { code: typed, label: value_of("pair-name"), consent: None };
        busy.set(true);
        error.set(None);
        let joined_or_refused = joined_or_refused.clone();
        leptos::task::spawn_local(async move {
            let sheet = match normalize_code(&request.code) {
                Some(code) => calls::consent_sheet(&code).await.ok().and_then(|c| c.sheet),
                None => None,
            };
            match sheet {
                Some(sheet) => {
                    busy.set(false);
                    consent_error.set(None);
                    asking.set(Some((request, sheet)));
                    browser::focus_later("consent-title".into());
                }
                None => joined_or_refused(calls::join(&request).await),
            }
        });
    };

    let form_hidden = move || asking.with(Option::is_some) || declined.get();
    // Set once this code runs (after hydration): a Join pressed before it was held by the
    // page's inline script (`site::HOLD_JOIN`), which now submits the form again, to `submit`.
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    view! {
        <main class="page join">
            {move || {
                asking
                    .get()
                    .map(|(_, sheet)| {
                        view! {
                            <ConsentForm
                                sheet
                                on_agree=agree.clone()
                                on_decline=decline
                                busy=busy
                                error=consent_error
                            />
                        }
                    })
            }}
            {move || {
                declined
                    .get()
                    .then(|| {
                        view! {
                            <section class="stack declined" role="status">
                                <h1 id="declined-title" tabindex="-1">{t::join_declined_title(l)}</h1>
                                <p>{t::join_declined_text(l)}</p>
                            </section>
                        }
                    })
            }}
            <h1 hidden=form_hidden>{t::join_title(l)}</h1>
            // A plain form too: without script the browser posts it and the server joins
            // (`POST /join`); with script, a press before this code runs waits for it
            // (`site::HOLD_JOIN`, up to 6 s, then posts); once it runs, `submit` joins here.
            <form
                id=crate::site::JOIN_FORM_ID
                class="stack"
                method="post"
                action=urls::JOIN_FORM
                novalidate
                on:submit=submit
                hidden=form_hidden
                data-ready=move || ready.get().then_some("")
            >
                <Field id="join-code" label=t::join_code(l)>
                    <input
                        type="text"
                        id="join-code"
                        name="code"
                        class="code-input"
                        value=initial_code
                        autocapitalize="characters"
                        autocomplete="off"
                        spellcheck="false"
                        maxlength="12"
                        aria-invalid=move || invalid("Join code")().then_some("true")
                    />
                </Field>
                <Field id="pair-name" label=t::join_pair_name(l) hint=t::join_pair_name_hint(l)>
                    <input
                        type="text"
                        id="pair-name"
                        name="label"
                        value=initial_name
                        placeholder=t::join_pair_name_placeholder(l)
                        maxlength=PAIR_LABEL_MAX.to_string()
                        autocomplete="off"
                        aria-describedby="pair-name-hint"
                        aria-invalid=move || invalid("Pair name")().then_some("true")
                    />
                </Field>
                {move || error.get().map(|e| view! { <FormError id=None text=e.error/> })}
                <button type="submit" class="primary" disabled=move || busy.get()>{t::join_button(l)}</button>
            </form>
        </main>
    }
    .into_any()
}
