//! `/research`: the researchers' area. Sign in with the admin key (typed, or taken from the
//! link the server printed, which is then removed from the address bar), list every workshop,
//! filter by site and day, download one workshop or all the chosen ones as a zip, and delete a
//! workshop after an inline confirmation.
//!
//! The key lives in the HTTP-only `ds_admin` cookie the server sets at sign-in, so the
//! download links work as plain links and the page never keeps the key itself.
//!
//! - [`sign_in`]: the "Admin key" form.
//! - [`list`]: the filters, "Download all (zip)", "Compare selected" and one row per workshop
//!   with its download, replay, room report, console link, close and delete.
//! - [`import`]: "Import archive", a workshop exported from another server.
//! - [`console_link`]: a new console link for a workshop (an imported one has none).
//! - [`retention`]: "Delete after…", the day the server deletes a workshop.
//! - [`withdraw`]: "Withdraw a pair…", by the reference a participant quotes.

mod console_link;
mod import;
mod list;
mod retention;
mod sign_in;
mod withdraw;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

use crate::api::{ApiError, Refused, ResearchWorkshop, calls};
use crate::browser;
use crate::domain::Phase;
use crate::i18n::{Lang, t, use_lang};
use list::Workshops;
use sign_in::SignIn;

/// What the page knows about the visitor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Access {
    /// Waiting for the first answer (and on the server-rendered page).
    Checking,
    /// The list said 401: the sign-in form is shown.
    SignedOut,
    /// The list was read.
    SignedIn,
}

/// The query string `search` (`?a=1&key=…`) without its `key` parameter, `""` when nothing
/// else is left.
pub fn without_key(search: &str) -> String {
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && *p != "key" && !p.starts_with("key="))
        .collect();
    if kept.is_empty() { String::new() } else { format!("?{}", kept.join("&")) }
}

/// What a refused sign-in says.
fn wrong_key(l: Lang) -> ApiError {
    ApiError { error: t::research_wrong_key(l).into(), field: Some("Admin key".into()) }
}

/// Removes `?key=…` from the address bar (and so from the history) without reloading.
#[cfg(feature = "hydrate")]
fn forget_key_in_address() {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let url = format!(
        "{}{}{}",
        location.pathname().unwrap_or_default(),
        without_key(&location.search().unwrap_or_default()),
        location.hash().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

#[cfg(not(feature = "hydrate"))]
fn forget_key_in_address() {}

/// The signals of the page, copied into every handler.
#[derive(Clone, Copy)]
struct Page {
    /// The page's language.
    l: Lang,
    access: RwSignal<Access>,
    workshops: RwSignal<Vec<ResearchWorkshop>>,
    /// Trouble with the list or a deletion (shown above the table).
    error: RwSignal<Option<ApiError>>,
    /// Trouble signing in (shown under the field).
    login_error: RwSignal<Option<ApiError>>,
    /// What just happened ("Deleted …"), for the polite live region.
    status: RwSignal<String>,
    busy: RwSignal<bool>,
}

impl Page {
    /// Reads the list; a 401 shows the sign-in form.
    async fn load(self) {
        match calls::research_workshops().await {
            Ok(list) => {
                self.workshops.set(list);
                self.error.set(None);
                self.access.set(Access::SignedIn);
            }
            Err(Refused::SignedOut) => self.access.set(Access::SignedOut),
            Err(refused) => {
                self.error.set(Some(refused.error_in(self.l)));
                self.access.set(Access::SignedOut);
            }
        }
    }

    /// Signs in with `key`, then reads the list.
    async fn sign_in(self, key: String) {
        let key = key.trim().to_string();
        if key.is_empty() {
            self.login_error
                .set(Some(ApiError { error: t::research_type_key(self.l).into(), field: Some("Admin key".into()) }));
            self.access.set(Access::SignedOut);
            browser::focus_later("admin-key".into());
            return;
        }
        self.busy.set(true);
        let answer = calls::research_login(key).await;
        self.busy.set(false);
        match answer {
            Ok(()) => {
                self.login_error.set(None);
                self.load().await;
                if self.access.get_untracked() == Access::SignedIn {
                    browser::focus_later("workshops-heading".into());
                }
            }
            Err(refused) => {
                let e = match refused {
                    Refused::SignedOut | Refused::Invalid(_) => wrong_key(self.l),
                    other => other.error_in(self.l),
                };
                self.login_error.set(Some(e));
                self.access.set(Access::SignedOut);
                browser::focus_later("admin-key".into());
            }
        }
    }

    /// Forgets the key (the server clears the cookie) and shows the sign-in form.
    async fn sign_out(self) {
        match calls::research_logout().await {
            Ok(()) => {
                self.workshops.set(Vec::new());
                self.error.set(None);
                self.login_error.set(None);
                self.status.set(t::research_signed_out(self.l).into());
                self.access.set(Access::SignedOut);
                browser::focus_later("admin-key".into());
            }
            Err(refused) => self.error.set(Some(refused.error_in(self.l))),
        }
    }

    /// Closes a workshop (as the console's "Close workshop" does); on success its row says so.
    async fn close(self, w: ResearchWorkshop, confirming: RwSignal<Option<(Uuid, Ask)>>) {
        self.busy.set(true);
        let answer = calls::close_workshop(w.id).await;
        self.busy.set(false);
        match answer {
            Ok(()) => {
                confirming.set(None);
                self.set_phase(w.id, Phase::Closed);
                self.error.set(None);
                self.status.set(t::research_closed_status(self.l, &w.title, &w.site, &w.date));
                browser::focus_later(format!("w-{}-title", w.id));
            }
            Err(Refused::SignedOut) => self.expired(confirming),
            // It was closed meanwhile (from its console): show the truth.
            Err(Refused::Conflict(e)) => {
                self.set_phase(w.id, Phase::Closed);
                confirming.set(None);
                self.error.set(Some(e));
            }
            Err(refused) => self.error.set(Some(refused.error_in(self.l))),
        }
    }

    fn set_phase(self, id: Uuid, phase: Phase) {
        self.workshops.update(|list| list.iter_mut().filter(|x| x.id == id).for_each(|x| x.phase = phase));
    }

    /// The cookie no longer signs in: back to the form, saying why.
    fn expired(self, confirming: RwSignal<Option<(Uuid, Ask)>>) {
        confirming.set(None);
        self.login_error.set(Some(Refused::SignedOut.error_in(self.l)));
        self.access.set(Access::SignedOut);
    }

    /// Deletes a workshop; on success its row goes.
    async fn delete(self, w: ResearchWorkshop, confirming: RwSignal<Option<(Uuid, Ask)>>) {
        self.busy.set(true);
        let answer = calls::delete_workshop(w.id).await;
        self.busy.set(false);
        match answer {
            // Not found: someone else deleted it meanwhile; it is gone either way.
            Ok(()) | Err(Refused::NotFound(_)) => {
                confirming.set(None);
                self.workshops.update(|list| list.retain(|x| x.id != w.id));
                self.error.set(None);
                self.status.set(t::research_deleted_status(self.l, &w.title, &w.site, &w.date));
                browser::focus_later("workshops-heading".into());
            }
            Err(Refused::SignedOut) => self.expired(confirming),
            Err(refused) => self.error.set(Some(refused.error_in(self.l))),
        }
    }
}

/// Which inline question a row is asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ask {
    Delete,
    Close,
}

#[component]
pub fn ResearchPage() -> impl IntoView {
    let l = use_lang();
    let page = Page {
        l,
        access: RwSignal::new(Access::Checking),
        workshops: RwSignal::new(Vec::new()),
        error: RwSignal::new(None),
        login_error: RwSignal::new(None),
        status: RwSignal::new(String::new()),
        busy: RwSignal::new(false),
    };
    let query = use_query_map();
    // Effects run only in the browser, once hydrated: sign in with the printed link's key
    // (forgetting it at once), else see whether the cookie still signs us in.
    Effect::new(move |_| {
        let key = query.with_untracked(|q| q.get("key"));
        if key.is_some() {
            forget_key_in_address();
        }
        leptos::task::spawn_local(async move {
            match key {
                Some(key) => page.sign_in(key).await,
                None => page.load().await,
            }
        });
    });

    view! {
        <main class="page research">
            <h1>{t::research_title(l)}</h1>
            <p class="visually-hidden" role="status" aria-live="polite">{move || page.status.get()}</p>
            {move || match page.access.get() {
                Access::Checking => view! { <p class="hint">{t::research_checking_access(l)}</p> }.into_any(),
                Access::SignedOut => view! { <SignIn page/> }.into_any(),
                Access::SignedIn => view! { <Workshops page/> }.into_any(),
            }}
        </main>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_removed_from_the_address() {
        assert_eq!(without_key("?key=abc"), "");
        assert_eq!(without_key("?a=1&key=abc&b=2"), "?a=1&b=2");
        assert_eq!(without_key(""), "");
        assert_eq!(without_key("?keys=1"), "?keys=1");
    }
}
