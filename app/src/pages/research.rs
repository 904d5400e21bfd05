//! `/research`: the researchers' area. Sign in with the admin key (typed, or taken from the
//! link the server printed, which is then removed from the address bar), list every workshop,
//! filter by site and day, download one workshop or all the chosen ones as a zip, and delete a
//! workshop after an inline confirmation.
//!
//! The key lives in the HTTP-only `ds_admin` cookie the server sets at sign-in, so the
//! download links work as plain links and the page never keeps the key itself.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

use crate::api::{AdminLogin, ApiError, ResearchWorkshop};
use crate::domain::Phase;
use crate::live::browser::{self, fetch, refusal, unexpected};

/// The list of workshops.
pub const LIST_URL: &str = "/api/research/workshops";
/// Signing in.
pub const LOGIN_URL: &str = "/api/research/login";
/// Signing out.
pub const LOGOUT_URL: &str = "/api/research/logout";

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

/// The site, from and to filters; empty strings mean "any".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Exact study site.
    pub site: String,
    /// First day (`YYYY-MM-DD`), included.
    pub from: String,
    /// Last day (`YYYY-MM-DD`), included.
    pub to: String,
}

impl Filters {
    /// Whether a workshop is shown (and downloaded by "Download all").
    pub fn accepts(&self, w: &ResearchWorkshop) -> bool {
        (self.site.is_empty() || w.site == self.site)
            && (self.from.is_empty() || w.date.as_str() >= self.from.as_str())
            && (self.to.is_empty() || w.date.as_str() <= self.to.as_str())
    }

    /// The "Download all (zip)" address for these filters.
    pub fn export_all_url(&self) -> String {
        let mut params = Vec::new();
        for (name, value) in [("site", &self.site), ("from", &self.from), ("to", &self.to)] {
            if !value.is_empty() {
                params.push(format!("{name}={}", percent_encode(value)));
            }
        }
        if params.is_empty() {
            "/api/research/export-all.zip".to_string()
        } else {
            format!("/api/research/export-all.zip?{}", params.join("&"))
        }
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters (UTF-8 bytes).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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

/// Every site in the list, sorted, once each.
pub fn sites_of(workshops: &[ResearchWorkshop]) -> Vec<String> {
    let mut sites: Vec<String> = workshops.iter().map(|w| w.site.clone()).collect();
    sites.sort();
    sites.dedup();
    sites
}

/// The sentence asking to confirm closing.
pub fn close_question(w: &ResearchWorkshop) -> String {
    format!(
        "Close “{}” ({}, {})? Every screen in the room shows it closed and pairs can no longer change anything; \
         the facilitator can reopen it from the console.",
        w.title, w.site, w.date
    )
}

/// The "Compare selected" address for the ticked workshops that are shown, in the order they
/// were ticked (the compare page keeps that order); `None` until two are ticked.
pub fn compare_url(shown: &[ResearchWorkshop], ticked: &[Uuid]) -> Option<String> {
    let ids: Vec<String> = ticked.iter().filter(|id| shown.iter().any(|w| w.id == **id)).map(Uuid::to_string).collect();
    (ids.len() >= 2).then(|| format!("/research/compare?ids={}", ids.join(",")))
}

/// The sentence asking to confirm a deletion.
pub fn delete_question(w: &ResearchWorkshop) -> String {
    format!("Delete “{}” ({}, {}) and all its data? This cannot be undone.", w.title, w.site, w.date)
}

/// What a refused sign-in says.
fn wrong_key() -> ApiError {
    ApiError {
        error: "That admin key is not right. Use the researcher link the server printed when it first started, \
                or the key in the file admin-key beside the database."
            .into(),
        field: Some("Admin key".into()),
    }
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
        match fetch("GET", LIST_URL, None).await {
            Ok((200, text)) => match serde_json::from_str::<Vec<ResearchWorkshop>>(&text) {
                Ok(list) => {
                    self.workshops.set(list);
                    self.error.set(None);
                    self.access.set(Access::SignedIn);
                }
                Err(_) => self.error.set(Some(unexpected(200))),
            },
            Ok((401, _)) => self.access.set(Access::SignedOut),
            Ok((status, text)) => {
                self.error.set(Some(refusal(status, &text)));
                self.access.set(Access::SignedOut);
            }
            Err(e) => {
                self.error.set(Some(e));
                self.access.set(Access::SignedOut);
            }
        }
    }

    /// Signs in with `key`, then reads the list.
    async fn sign_in(self, key: String) {
        let key = key.trim().to_string();
        if key.is_empty() {
            self.login_error
                .set(Some(ApiError { error: "Type the admin key.".into(), field: Some("Admin key".into()) }));
            self.access.set(Access::SignedOut);
            browser::focus_later("admin-key".into());
            return;
        }
        self.busy.set(true);
        let body = serde_json::to_string(&AdminLogin { key }).unwrap_or_default();
        let answer = fetch("POST", LOGIN_URL, Some(body)).await;
        self.busy.set(false);
        match answer {
            Ok((status, _)) if (200..300).contains(&status) => {
                self.login_error.set(None);
                self.load().await;
                if self.access.get_untracked() == Access::SignedIn {
                    browser::focus_later("workshops-heading".into());
                }
            }
            Ok((status, text)) => {
                let e = if matches!(status, 400 | 401) { wrong_key() } else { refusal(status, &text) };
                self.login_error.set(Some(e));
                self.access.set(Access::SignedOut);
                browser::focus_later("admin-key".into());
            }
            Err(e) => {
                self.login_error.set(Some(e));
                self.access.set(Access::SignedOut);
            }
        }
    }

    /// Forgets the key (the server clears the cookie) and shows the sign-in form.
    async fn sign_out(self) {
        match fetch("POST", LOGOUT_URL, None).await {
            Ok((status, _)) if (200..300).contains(&status) => {
                self.workshops.set(Vec::new());
                self.error.set(None);
                self.login_error.set(None);
                self.status.set("Signed out.".into());
                self.access.set(Access::SignedOut);
                browser::focus_later("admin-key".into());
            }
            Ok((status, text)) => self.error.set(Some(refusal(status, &text))),
            Err(e) => self.error.set(Some(e)),
        }
    }

    /// Closes a workshop (as the console's "Close workshop" does); on success its row says so.
    async fn close(self, w: ResearchWorkshop, confirming: RwSignal<Option<(Uuid, Ask)>>) {
        self.busy.set(true);
        let answer = fetch("POST", &format!("/api/research/workshops/{}/close", w.id), None).await;
        self.busy.set(false);
        match answer {
            Ok((status, _)) if (200..300).contains(&status) => {
                confirming.set(None);
                self.set_phase(w.id, Phase::Closed);
                self.error.set(None);
                self.status.set(format!("Closed “{}” ({}, {}).", w.title, w.site, w.date));
                browser::focus_later(format!("w-{}-title", w.id));
            }
            Ok((401, _)) => self.expired(confirming),
            Ok((status, text)) => {
                // 409: it was closed meanwhile (from its console); show the truth.
                if status == 409 {
                    self.set_phase(w.id, Phase::Closed);
                    confirming.set(None);
                }
                self.error.set(Some(refusal(status, &text)));
            }
            Err(e) => self.error.set(Some(e)),
        }
    }

    fn set_phase(self, id: Uuid, phase: Phase) {
        self.workshops.update(|list| list.iter_mut().filter(|x| x.id == id).for_each(|x| x.phase = phase));
    }

    /// The cookie no longer signs in: back to the form, saying why.
    fn expired(self, confirming: RwSignal<Option<(Uuid, Ask)>>) {
        confirming.set(None);
        self.login_error.set(Some(ApiError {
            error: "Your sign-in has expired or the admin key has changed. Sign in again.".into(),
            field: Some("Admin key".into()),
        }));
        self.access.set(Access::SignedOut);
    }

    /// Deletes a workshop; on success its row goes.
    async fn delete(self, w: ResearchWorkshop, confirming: RwSignal<Option<(Uuid, Ask)>>) {
        self.busy.set(true);
        let answer = fetch("DELETE", &format!("/api/research/workshops/{}", w.id), None).await;
        self.busy.set(false);
        match answer {
            // 404: someone else deleted it meanwhile; it is gone either way.
            Ok((status, _)) if (200..300).contains(&status) || status == 404 => {
                confirming.set(None);
                self.workshops.update(|list| list.retain(|x| x.id != w.id));
                self.error.set(None);
                self.status.set(format!("Deleted “{}” ({}, {}).", w.title, w.site, w.date));
                browser::focus_later("workshops-heading".into());
            }
            Ok((401, _)) => self.expired(confirming),
            Ok((status, text)) => self.error.set(Some(refusal(status, &text))),
            Err(e) => self.error.set(Some(e)),
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
    let page = Page {
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
            <h1>"Research data"</h1>
            <p class="visually-hidden" role="status" aria-live="polite">{move || page.status.get()}</p>
            {move || match page.access.get() {
                Access::Checking => view! { <p class="hint">"Checking access…"</p> }.into_any(),
                Access::SignedOut => view! { <SignIn page/> }.into_any(),
                Access::SignedIn => view! { <Workshops page/> }.into_any(),
            }}
        </main>
    }
    .into_any()
}

/// The "Admin key" form.
#[component]
fn SignIn(page: Page) -> impl IntoView {
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if page.busy.get_untracked() {
            return;
        }
        let key = browser::field_value("admin-key").unwrap_or_default();
        leptos::task::spawn_local(page.sign_in(key));
    };
    let has_error = move || page.login_error.with(Option::is_some);
    view! {
        <section class="research-sign-in" aria-labelledby="sign-in-heading">
            <h2 id="sign-in-heading">"Sign in"</h2>
            {move || {
                page.error.get().map(|e| view! { <p role="alert" class="form-error">{e.error}</p> })
            }}
            <form class="stack" novalidate on:submit=submit>
                <div class="field">
                    <label for="admin-key">"Admin key"</label>
                    <input
                        type="password"
                        id="admin-key"
                        autocomplete="current-password"
                        spellcheck="false"
                        aria-invalid=move || has_error().then_some("true")
                        aria-describedby=move || {
                            if has_error() { "admin-key-error admin-key-hint" } else { "admin-key-hint" }
                        }
                    />
                    <p class="hint" id="admin-key-hint">
                        "The key is in the file admin-key beside the database, and in the researcher link \
                         the server printed when it first started."
                    </p>
                    {move || {
                        page.login_error
                            .get()
                            .map(|e| view! { <p role="alert" class="form-error" id="admin-key-error">{e.error}</p> })
                    }}
                </div>
                <button type="submit" class="primary" id="sign-in" disabled=move || page.busy.get()>
                    {move || if page.busy.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
        </section>
    }
    .into_any()
}

/// The filters, "Download all (zip)" and the table.
#[component]
fn Workshops(page: Page) -> impl IntoView {
    let filters = RwSignal::new(Filters::default());
    let confirming = RwSignal::new(None::<(Uuid, Ask)>);
    let ticked = RwSignal::new(Vec::<Uuid>::new());
    let sites = Memo::new(move |_| page.workshops.with(|w| sites_of(w)));
    let shown = Memo::new(move |_| {
        let f = filters.get();
        page.workshops.with(|list| list.iter().filter(|w| f.accepts(w)).cloned().collect::<Vec<_>>())
    });
    // The last workshop of the chosen site was deleted: show every site again (the select
    // would otherwise show "All sites" while still filtering).
    Effect::new(move |_| {
        let known = sites.with(|s| filters.with_untracked(|f| f.site.is_empty() || s.contains(&f.site)));
        if !known {
            filters.update(|f| f.site.clear());
        }
    });
    let compare = Memo::new(move |_| shown.with(|s| ticked.with(|t| compare_url(s, t))));
    let total = move || page.workshops.with(Vec::len);
    let count = move || {
        let (n, all) = (shown.with(Vec::len), total());
        let noun = if all == 1 { "workshop" } else { "workshops" };
        if n == all { format!("{all} {noun}.") } else { format!("{n} of {all} {noun} match the filters.") }
    };

    view! {
        <section class="research-workshops" aria-labelledby="workshops-heading">
            <div class="research-heading">
                <h2 id="workshops-heading" tabindex="-1">"Workshops"</h2>
                <button type="button" class="small" on:click=move |_| leptos::task::spawn_local(page.sign_out())>
                    "Sign out"
                </button>
            </div>
            {move || page.error.get().map(|e| view! { <p role="alert" class="form-error">{e.error}</p> })}
            <Show
                when=move || { total() > 0 }
                fallback=|| view! { <p class="research-empty">"No workshops yet."</p> }
            >
                <div class="research-filters" role="group" aria-label="Filters">
                    <div class="field">
                        <label for="filter-site">"Site"</label>
                        <select
                            id="filter-site"
                            on:change=move |ev| filters.update(|f| f.site = event_target_value(&ev))
                        >
                            <option value="" selected=move || filters.with(|f| f.site.is_empty())>
                                "All sites"
                            </option>
                            <For each=move || sites.get() key=|s| s.clone() let:site>
                                <option
                                    value=site.clone()
                                    selected={
                                        let site = site.clone();
                                        move || filters.with(|f| f.site == site)
                                    }
                                >
                                    {site.clone()}
                                </option>
                            </For>
                        </select>
                    </div>
                    <div class="field">
                        <label for="filter-from">"From"</label>
                        <input
                            type="date"
                            id="filter-from"
                            on:input=move |ev| filters.update(|f| f.from = event_target_value(&ev))
                        />
                    </div>
                    <div class="field">
                        <label for="filter-to">"To"</label>
                        <input
                            type="date"
                            id="filter-to"
                            on:input=move |ev| filters.update(|f| f.to = event_target_value(&ev))
                        />
                    </div>
                </div>
                <p class="research-count" aria-live="polite">{count}</p>
                <Show
                    when=move || shown.with(|s| !s.is_empty())
                    fallback=|| view! { <p class="research-empty">"No workshops match these filters."</p> }
                >
                    <p>
                        <a class="button" id="download-all" href=move || filters.with(Filters::export_all_url) download>
                            "Download all (zip)"
                        </a>
                        <span class="hint">
                            " Every workshop shown below: a folder each, plus placements.csv and summary.csv \
                             across them with site and workshop_id columns."
                        </span>
                    </p>
                    <p class="research-compare">
                        {move || match compare.get() {
                            Some(href) => view! {
                                <a class="button" id="compare-selected" href=href>"Compare selected"</a>
                            }
                            .into_any(),
                            None => view! {
                                <button type="button" id="compare-selected" disabled aria-describedby="compare-hint">
                                    "Compare selected"
                                </button>
                            }
                            .into_any(),
                        }}
                        <span class="hint" id="compare-hint">
                            " Tick two or more workshops (e.g. the same aspects run at several sites) to compare \
                             their medians and quartiles aspect by aspect."
                        </span>
                    </p>
                    <table class="research-table">
                        <caption class="visually-hidden">"Workshops, newest first"</caption>
                        <thead>
                            <tr>
                                <th scope="col" class="research-tick">"Compare"</th>
                                <th scope="col">"Title"</th>
                                <th scope="col">"Site"</th>
                                <th scope="col">"Date (UTC)"</th>
                                <th scope="col">"Phase"</th>
                                <th scope="col" class="num">"Pairs"</th>
                                <th scope="col" class="num">"Aspects"</th>
                                <th scope="col" class="num">"Placements"</th>
                                <th scope="col">"Actions"</th>
                            </tr>
                        </thead>
                        <For each=move || shown.get() key=|w| w.id let:w>
                            <WorkshopRow w page confirming ticked/>
                        </For>
                    </table>
                </Show>
            </Show>
        </section>
    }
    .into_any()
}

/// One workshop: its row, and the confirmation below it while closing or deleting.
#[component]
fn WorkshopRow(
    w: ResearchWorkshop,
    page: Page,
    confirming: RwSignal<Option<(Uuid, Ask)>>,
    ticked: RwSignal<Vec<Uuid>>,
) -> impl IntoView {
    let id = w.id;
    let title_id = format!("w-{id}-title");
    let button_id = move |ask: Ask| match ask {
        Ask::Delete => format!("w-{id}-delete"),
        Ask::Close => format!("w-{id}-close"),
    };
    // The list's copy, so closing shows at once (rows are keyed by id and not rebuilt).
    let phase =
        move || page.workshops.with(|list| list.iter().find(|x| x.id == id).map_or(Phase::Joining, |x| x.phase));
    let asking = move || confirming.get().filter(|(who, _)| *who == id).map(|(_, ask)| ask);
    let ask = move |what: Ask| {
        confirming.set(Some((id, what)));
        browser::focus_later(format!("w-{id}-cancel"));
    };
    let cancel = move || {
        let back = asking().map(button_id);
        confirming.set(None);
        page.error.set(None);
        if let Some(back) = back {
            browser::focus_later(back);
        }
    };
    let (for_delete, for_close) = (w.clone(), w.clone());
    let confirm = move |_| {
        if page.busy.get_untracked() {
            return;
        }
        match asking() {
            Some(Ask::Delete) => leptos::task::spawn_local(page.delete(for_delete.clone(), confirming)),
            Some(Ask::Close) => leptos::task::spawn_local(page.close(for_close.clone(), confirming)),
            None => {}
        }
    };
    let (delete_question, close_question) = (delete_question(&w), close_question(&w));
    let question = move || match asking() {
        Some(Ask::Close) => close_question.clone(),
        _ => delete_question.clone(),
    };
    let yes = move || match (asking(), page.busy.get()) {
        (Some(Ask::Close), true) => "Closing…",
        (Some(Ask::Close), false) => "Yes, close",
        (_, true) => "Deleting…",
        (_, false) => "Yes, delete",
    };
    let close_described = title_id.clone();
    let expanded = move |what: Ask| if asking() == Some(what) { "true" } else { "false" };
    let on_tick = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        ticked.update(|t| {
            t.retain(|x| *x != id);
            if on {
                t.push(id);
            }
        });
    };
    view! {
        <tbody>
            <tr>
                <td class="research-tick">
                    <input
                        type="checkbox"
                        id=format!("w-{id}-tick")
                        aria-label=format!("Compare “{}” ({})", w.title, w.site)
                        prop:checked=move || ticked.with(|t| t.contains(&id))
                        on:change=on_tick
                    />
                </td>
                <th scope="row" id=title_id.clone() tabindex="-1">{w.title.clone()}</th>
                <td>{w.site.clone()}</td>
                <td><time datetime=w.date.clone()>{w.date.clone()}</time></td>
                <td class="research-phase" data-phase=move || phase().name()>{move || phase().name()}</td>
                <td class="num">{w.pairs}</td>
                <td class="num">{w.aspects}</td>
                <td class="num">{w.placements}</td>
                <td>
                    <div class="research-actions">
                        <a
                            class="button small"
                            href=format!("/api/research/workshops/{id}/export.zip")
                            download
                            aria-describedby=title_id.clone()
                        >
                            "Download (zip)"
                        </a>
                        <a class="button small" href=format!("/research/replay/{id}") aria-describedby=title_id.clone()>
                            "Replay"
                        </a>
                        <Show when=move || phase() != Phase::Closed>
                            <button
                                type="button"
                                class="small"
                                id=button_id(Ask::Close)
                                aria-describedby=close_described.clone()
                                aria-expanded=move || expanded(Ask::Close)
                                on:click=move |_| ask(Ask::Close)
                            >
                                "Close…"
                            </button>
                        </Show>
                        <button
                            type="button"
                            class="small danger"
                            id=button_id(Ask::Delete)
                            aria-describedby=title_id.clone()
                            aria-expanded=move || expanded(Ask::Delete)
                            on:click=move |_| ask(Ask::Delete)
                        >
                            "Delete…"
                        </button>
                    </div>
                </td>
            </tr>
            <Show when=move || asking().is_some()>
                <tr class="research-confirm">
                    <td colspan="9">
                        <div
                            role="group"
                            aria-labelledby=format!("w-{id}-question")
                            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                if ev.key() == "Escape" {
                                    ev.prevent_default();
                                    cancel();
                                }
                            }
                        >
                            <p id=format!("w-{id}-question")>{question.clone()}</p>
                            <button
                                type="button"
                                class="danger"
                                disabled=move || page.busy.get()
                                on:click=confirm.clone()
                            >
                                {yes}
                            </button>
                            <button type="button" id=format!("w-{id}-cancel") on:click=move |_| cancel()>
                                "Cancel"
                            </button>
                        </div>
                    </td>
                </tr>
            </Show>
        </tbody>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workshop(site: &str, date: &str) -> ResearchWorkshop {
        ResearchWorkshop {
            id: Uuid::nil(),
            title: "Knowledge exchange".into(),
            site: site.into(),
            date: date.into(),
            pairs: 3,
            aspects: 9,
            placements: 20,
            phase: Phase::Reveal,
        }
    }

    #[test]
    fn filters_take_a_site_and_an_inclusive_range_of_days() {
        let w = workshop("Site 3", "2026-11-23");
        assert!(Filters::default().accepts(&w));
        let f = |site: &str, from: &str, to: &str| Filters { site: site.into(), from: from.into(), to: to.into() };
        assert!(f("Site 3", "2026-11-23", "2026-11-23").accepts(&w));
        assert!(!f("Site 4", "", "").accepts(&w));
        assert!(!f("", "2026-11-24", "").accepts(&w));
        assert!(!f("", "", "2026-11-22").accepts(&w));
    }

    #[test]
    fn the_download_all_link_carries_the_filters_encoded() {
        assert_eq!(Filters::default().export_all_url(), "/api/research/export-all.zip");
        let f = Filters { site: "Caerdydd & Ŵ".into(), from: "2026-01-01".into(), to: String::new() };
        assert_eq!(f.export_all_url(), "/api/research/export-all.zip?site=Caerdydd%20%26%20%C5%B4&from=2026-01-01");
    }

    #[test]
    fn the_key_is_removed_from_the_address() {
        assert_eq!(without_key("?key=abc"), "");
        assert_eq!(without_key("?a=1&key=abc&b=2"), "?a=1&b=2");
        assert_eq!(without_key(""), "");
        assert_eq!(without_key("?keys=1"), "?keys=1");
    }

    #[test]
    fn comparing_needs_two_ticked_workshops_and_keeps_the_ticking_order() {
        let mut list = [workshop("A", "2026-01-01"), workshop("B", "2026-01-02"), workshop("C", "2026-01-03")];
        for (i, w) in list.iter_mut().enumerate() {
            w.id = Uuid::from_u128(i as u128 + 1);
        }
        let (a, b, c) = (list[0].id, list[1].id, list[2].id);
        assert_eq!(compare_url(&list, &[]), None);
        assert_eq!(compare_url(&list, &[b]), None);
        assert_eq!(compare_url(&list, &[c, a]), Some(format!("/research/compare?ids={c},{a}")));
        // A ticked workshop that the filters hide is left out.
        assert_eq!(compare_url(&list[..2], &[c, a]), None);
        assert!(close_question(&list[0]).starts_with("Close “Knowledge exchange” (A, 2026-01-01)?"));
    }

    #[test]
    fn sites_are_listed_once_and_the_question_names_the_workshop() {
        let list = [workshop("B", "2026-01-01"), workshop("A", "2026-01-01"), workshop("B", "2026-01-02")];
        assert_eq!(sites_of(&list), ["A", "B"]);
        assert_eq!(
            delete_question(&list[0]),
            "Delete “Knowledge exchange” (B, 2026-01-01) and all its data? This cannot be undone."
        );
    }
}
