//! The researchers' list: the filters (the same [`WorkshopFilter`] the server's "Download
//! all" applies), "Download all (zip)", "Compare selected", and one row per workshop with
//! its download, replay, close and delete (each asked inline first).

use leptos::prelude::*;
use uuid::Uuid;

use super::console_link::ConsoleLink;
use super::import::ImportArchive;
use super::retention::RetentionEdit;
use super::withdraw::WithdrawPair;
use super::{Ask, Page};
use crate::api::{ResearchWorkshop, RetentionDay, WorkshopFilter, urls};
use crate::browser;
use crate::components::confirm::Confirm;
use crate::components::field::Field;
use crate::domain::Phase;

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
    (ids.len() >= 2).then(|| urls::compare_page(&ids.join(","), &[]))
}

/// The sentence asking to confirm a deletion.
pub fn delete_question(w: &ResearchWorkshop) -> String {
    format!("Delete “{}” ({}, {}) and all its data? This cannot be undone.", w.title, w.site, w.date)
}

/// The "Delete after" cell: none, the day, or (within
/// [`RETENTION_WARNING_DAYS`](crate::api::RETENTION_WARNING_DAYS)) the day with a warning
/// in words.
fn retention_cell(day: Option<&RetentionDay>) -> impl IntoView + use<> {
    match day {
        None => view! { <span class="hint">"Kept"</span> }.into_any(),
        Some(day) if day.soon() => view! {
            <strong class="retention-soon">{format!("Soon: {}", day.sentence())}</strong>
        }
        .into_any(),
        Some(day) => view! { <span>{day.sentence()}</span> }.into_any(),
    }
}

/// The filters, "Download all (zip)" and the table.
#[component]
pub(super) fn Workshops(page: Page) -> impl IntoView {
    let filters = RwSignal::new(WorkshopFilter::default());
    let confirming = RwSignal::new(None::<(Uuid, Ask)>);
    let ticked = RwSignal::new(Vec::<Uuid>::new());
    let sites = Memo::new(move |_| page.workshops.with(|w| sites_of(w)));
    let shown = Memo::new(move |_| {
        let f = filters.get();
        page.workshops.with(|list| list.iter().filter(|w| f.accepts(&w.site, &w.date)).cloned().collect::<Vec<_>>())
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
                <a class="button small" id="audit-log-link" href=urls::audit_page(None)>"Audit log"</a>
                <button type="button" class="small" on:click=move |_| leptos::task::spawn_local(page.sign_out())>
                    "Sign out"
                </button>
            </div>
            {move || page.error.get().map(|e| view! { <p role="alert" class="form-error">{e.error}</p> })}
            <ImportArchive page/>
            <Show
                when=move || { total() > 0 }
                fallback=|| view! { <p class="research-empty">"No workshops yet."</p> }
            >
                <div class="research-filters" role="group" aria-label="Filters">
                    <Field id="filter-site" label="Site">
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
                    </Field>
                    <Field id="filter-from" label="From">
                        <input type="date" id="filter-from" on:input=move |ev| filters.update(|f| f.from = event_target_value(&ev))/>
                    </Field>
                    <Field id="filter-to" label="To">
                        <input type="date" id="filter-to" on:input=move |ev| filters.update(|f| f.to = event_target_value(&ev))/>
                    </Field>
                </div>
                <p class="research-count" aria-live="polite">{count}</p>
                <Show
                    when=move || shown.with(|s| !s.is_empty())
                    fallback=|| view! { <p class="research-empty">"No workshops match these filters."</p> }
                >
                    <p>
                        <a class="button" id="download-all" href=move || filters.with(urls::export_all) download>
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
                                <th scope="col">"Delete after"</th>
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

/// One row's state: the workshop, and which question (close or delete) it is asking. `Copy`,
/// like the signals inside it.
#[derive(Clone, Copy)]
struct RowState {
    id: Uuid,
    workshop: StoredValue<ResearchWorkshop>,
    page: Page,
    /// The one question open in the whole list, with its row.
    confirming: RwSignal<Option<(Uuid, Ask)>>,
}

impl RowState {
    /// The id of the button that asks `ask` (focus goes back to it on Cancel).
    fn button_id(self, ask: Ask) -> String {
        match ask {
            Ask::Delete => format!("w-{}-delete", self.id),
            Ask::Close => format!("w-{}-close", self.id),
        }
    }

    /// The row header's id, which names the row's buttons too.
    fn title_id(self) -> String {
        format!("w-{}-title", self.id)
    }

    /// The list's copy, so closing shows at once (rows are keyed by id and not rebuilt).
    fn phase(self) -> Phase {
        self.page.workshops.with(|list| list.iter().find(|x| x.id == self.id).map_or(Phase::Joining, |x| x.phase))
    }

    /// The question this row asks now, if any.
    fn asking(self) -> Option<Ask> {
        self.confirming.get().filter(|(who, _)| *who == self.id).map(|(_, ask)| ask)
    }

    fn ask(self, what: Ask) {
        self.confirming.set(Some((self.id, what)));
        browser::focus_later(format!("w-{}-cancel", self.id));
    }

    fn cancel(self) {
        let back = self.asking().map(|ask| self.button_id(ask));
        self.confirming.set(None);
        self.page.error.set(None);
        if let Some(back) = back {
            browser::focus_later(back);
        }
    }

    fn confirm(self) {
        if self.page.busy.get_untracked() {
            return;
        }
        let w = self.workshop.get_value();
        match self.asking() {
            Some(Ask::Delete) => leptos::task::spawn_local(self.page.delete(w, self.confirming)),
            Some(Ask::Close) => leptos::task::spawn_local(self.page.close(w, self.confirming)),
            None => {}
        }
    }

    fn question(self) -> String {
        match self.asking() {
            Some(Ask::Close) => self.workshop.with_value(close_question),
            _ => self.workshop.with_value(delete_question),
        }
    }

    /// The "Yes, …" button's text.
    fn yes(self) -> &'static str {
        match (self.asking(), self.page.busy.get()) {
            (Some(Ask::Close), true) => "Closing…",
            (Some(Ask::Close), false) => "Yes, close",
            (_, true) => "Deleting…",
            (_, false) => "Yes, delete",
        }
    }

    /// "Close…" or "Delete…": the button that asks `what`.
    fn ask_button(self, what: Ask) -> impl IntoView {
        let (class, text) = match what {
            Ask::Close => ("small", "Close…"),
            Ask::Delete => ("small danger", "Delete…"),
        };
        view! {
            <button
                type="button"
                class=class
                id=self.button_id(what)
                aria-describedby=self.title_id()
                aria-expanded=move || if self.asking() == Some(what) { "true" } else { "false" }
                on:click=move |_| self.ask(what)
            >
                {text}
            </button>
        }
    }
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
    let row = RowState { id, workshop: StoredValue::new(w.clone()), page, confirming };
    let title_id = row.title_id();
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
                <td class="research-phase" data-phase=move || row.phase().name()>{move || row.phase().name()}</td>
                <td class="num">{w.pairs}</td>
                <td class="num">{w.aspects}</td>
                <td class="num">{w.placements}</td>
                <td class="research-retention">
                    {move || {
                        page.workshops.with(|list| {
                            retention_cell(list.iter().find(|x| x.id == id).and_then(|x| x.delete_after.as_ref()))
                        })
                    }}
                    {move || {
                        page.workshops.with(|list| {
                            let day = list.iter().find(|x| x.id == id).and_then(|x| x.withdrawal_deadline.clone());
                            day.map(|day| view! { <span class="withdrawal-deadline">{format!("Withdrawal until {day}")}</span> })
                        })
                    }}
                </td>
                <td>
                    <div class="research-actions">
                        <a
                            class="button small"
                            href=urls::research_export(id)
                            download
                            aria-describedby=title_id.clone()
                        >
                            "Download (zip)"
                        </a>
                        <a
                            class="button small"
                            href=urls::research_qdpx(id)
                            download
                            aria-describedby=title_id.clone()
                        >
                            "NVivo (.qdpx)"
                        </a>
                        <a class="button small" href=urls::replay_page(id) aria-describedby=title_id.clone()>
                            "Replay"
                        </a>
                        <a
                            class="button small"
                            href=urls::research_report(id)
                            rel="external"
                            aria-describedby=title_id.clone()
                        >
                            "Room report"
                        </a>
                        <a class="button small" href=urls::audit_page(Some(id)) aria-describedby=title_id>
                            "Audit log"
                        </a>
                        <ConsoleLink id title=w.title.clone() page/>
                        <RetentionEdit id title=w.title.clone() page/>
                        <WithdrawPair id title=w.title.clone() site=w.site.clone() page/>
                        <Show when=move || row.phase() != Phase::Closed>{row.ask_button(Ask::Close)}</Show>
                        {row.ask_button(Ask::Delete)}
                    </div>
                </td>
            </tr>
            <Show when=move || row.asking().is_some()>
                <tr class="research-confirm">
                    <td colspan="10">
                        <Confirm
                            class=None
                            labelled_by=format!("w-{id}-question")
                            escape=true
                            yes=move || row.yes()
                            disabled=page.busy
                            on_yes=move |()| row.confirm()
                            cancel_id=format!("w-{id}-cancel")
                            on_cancel=move |()| row.cancel()
                        >
                            <p id=format!("w-{id}-question")>{move || row.question()}</p>
                        </Confirm>
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
            delete_after: None,
            withdrawal_deadline: None,
        }
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
