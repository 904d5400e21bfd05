//! `/research/audit`: the audit log, newest first: who (researcher, facilitator, the server)
//! did what (downloads, views, sign-ins, closing, deleting, importing, console links,
//! templates, retention), to which workshop, from which network. Filtered by workshop
//! (`?workshop=ID`, kept in the address); the newest [`AuditLog::limit`] rows are shown, and
//! "Download the audit log (CSV)" has every row.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

use crate::api::{ApiError, AuditLine, AuditLog, Refused, ResearchWorkshop, calls, urls};
use crate::components::field::Field;
use crate::i18n::{Lang, t, use_lang};

/// Where the page is with its requests.
#[derive(Clone, Debug, PartialEq)]
enum Load {
    /// Waiting for the answer (and on the server-rendered page).
    Loading,
    /// 401: not signed in, or the admin key changed.
    SignedOut,
    /// Any other refusal, or a network error.
    Failed(ApiError),
    /// The rows are here.
    Ready(AuditLog),
}

/// The sentence above the table: how many rows, and that only the newest are shown.
pub fn count_note(log: &AuditLog, l: Lang) -> String {
    let shown = log.rows.len() as u64;
    if shown < log.total { t::audit_count_some(l, log.total, shown) } else { t::audit_count_all(l, log.total) }
}

/// How a row's workshop is named: its title, site and day while it exists, else its id.
pub fn workshop_name(id: Option<Uuid>, workshops: &[ResearchWorkshop], l: Lang) -> String {
    match id {
        None => "—".to_string(),
        Some(id) => match workshops.iter().find(|w| w.id == id) {
            Some(w) => format!("{} ({}, {})", w.title, w.site, w.date),
            None => t::audit_workshop_deleted(l, id),
        },
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let l = use_lang();
    let query = use_query_map();
    let chosen = RwSignal::new(None::<Uuid>);
    let load = RwSignal::new(Load::Loading);
    let workshops = RwSignal::new(Vec::<ResearchWorkshop>::new());
    // Browser only: read the filter from the address, then the log (again whenever it changes).
    Effect::new(move |_| {
        let from_address = query.with_untracked(|q| q.get("workshop")).and_then(|w| Uuid::parse_str(&w).ok());
        chosen.set(from_address);
        leptos::task::spawn_local(async move {
            if let Ok(list) = calls::research_workshops().await {
                workshops.set(list);
            }
        });
    });
    Effect::new(move |_| {
        let workshop = chosen.get();
        leptos::task::spawn_local(async move {
            load.set(match calls::audit_log(workshop).await {
                Ok(log) => Load::Ready(log),
                Err(Refused::SignedOut) => Load::SignedOut,
                Err(refused) => Load::Failed(refused.error_in(l)),
            });
        });
    });
    let on_filter = move |ev: leptos::ev::Event| {
        let id = Uuid::parse_str(&event_target_value(&ev)).ok();
        chosen.set(id);
        crate::browser::replace_address(&urls::audit_page(id));
    };

    view! {
        <main class="page research audit">
            <p><a href="/research">{t::research_back(l)}</a></p>
            <h1>{t::research_audit_log(l)}</h1>
            <p>{t::audit_intro(l)}</p>
            {move || match load.get() {
                Load::Loading => view! { <p class="hint">{t::audit_loading(l)}</p> }.into_any(),
                Load::SignedOut => view! {
                    <p role="alert" class="form-error">
                        {t::research_needs_key(l)}
                        <a href="/research">{t::research_sign_in_at(l)}</a>
                        {t::audit_open_again(l)}
                    </p>
                }
                .into_any(),
                Load::Failed(e) => view! { <p role="alert" class="form-error">{e.error}</p> }.into_any(),
                Load::Ready(log) => view! {
                    <div class="research-filters" role="group" aria-label=t::audit_filter(l)>
                        <Field id="audit-workshop" label=t::research_workshop(l)>
                            <select id="audit-workshop" on:change=on_filter>
                                <option value="" selected=move || chosen.get().is_none()>{t::audit_all_workshops(l)}</option>
                                <For each=move || workshops.get() key=|w| w.id let:w>
                                    <option
                                        value=w.id.to_string()
                                        selected=move || chosen.get() == Some(w.id)
                                    >
                                        {format!("{} ({}, {})", w.title, w.site, w.date)}
                                    </option>
                                </For>
                            </select>
                        </Field>
                    </div>
                    <p class="research-count" aria-live="polite">{count_note(&log, l)}</p>
                    <p>
                        <a class="button" id="download-audit" href=move || urls::research_audit_csv(chosen.get()) download>
                            {t::audit_download(l)}
                        </a>
                    </p>
                    <AuditTable rows=log.rows workshops/>
                }
                .into_any(),
            }}
        </main>
    }
    .into_any()
}

#[component]
fn AuditTable(rows: Vec<AuditLine>, workshops: RwSignal<Vec<ResearchWorkshop>>) -> impl IntoView {
    let l = use_lang();
    if rows.is_empty() {
        return view! { <p class="research-empty">{t::audit_nothing(l)}</p> }.into_any();
    }
    view! {
        <div class="table-scroll" role="region" aria-labelledby="audit-caption" tabindex="0">
            <table class="research-table audit-table">
                <caption id="audit-caption">{t::audit_caption(l)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t::audit_col_time(l)}</th>
                        <th scope="col">{t::audit_col_who(l)}</th>
                        <th scope="col">{t::audit_col_what(l)}</th>
                        <th scope="col">{t::research_workshop(l)}</th>
                        <th scope="col">{t::audit_col_detail(l)}</th>
                        <th scope="col">{t::audit_col_network(l)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|r| {
                            let workshop = r.workshop_id;
                            let at = r.at.replace('T', " ").trim_end_matches('Z').to_string();
                            view! {
                                <tr>
                                    <td><time datetime=r.at.clone()>{at}</time></td>
                                    <td>{r.actor}</td>
                                    <td>{r.action.replace('_', " ")}</td>
                                    <td>{move || workshops.with(|w| workshop_name(workshop, w, l))}</td>
                                    <td>{r.detail}</td>
                                    <td>{r.client.unwrap_or_else(|| "—".into())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(shown: usize, total: u64) -> AuditLog {
        let line = AuditLine {
            id: 1,
            at: "2026-11-23T19:54:00.123Z".into(),
            actor: "researcher".into(),
            action: "download".into(),
            workshop_id: None,
            detail: "export.zip".into(),
            client: None,
        };
        AuditLog { rows: vec![line; shown], total, limit: 500 }
    }

    #[test]
    fn the_note_says_when_only_the_newest_rows_are_shown() {
        assert_eq!(count_note(&log(1, 1), Lang::EN), "1 row, newest first.");
        assert_eq!(count_note(&log(3, 3), Lang::EN), "3 rows, newest first.");
        assert_eq!(
            count_note(&log(500, 612), Lang::EN),
            "Showing the newest 500 of 612 rows. Download the audit log (CSV) for every row."
        );
        assert_eq!(count_note(&log(2, 2), Lang::CY), "2 res, y diweddaraf yn gyntaf.");
        let id = Uuid::from_u128(7);
        assert_eq!(workshop_name(None, &[], Lang::EN), "—");
        assert_eq!(workshop_name(Some(id), &[], Lang::EN), format!("{id} (deleted)"));
    }
}
