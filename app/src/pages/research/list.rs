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
use crate::domain::session::phase_name;
use crate::i18n::{Lang, t, use_lang};

/// Every site in the list, sorted, once each.
pub fn sites_of(workshops: &[ResearchWorkshop]) -> Vec<String> {
    let mut sites: Vec<String> = workshops.iter().map(|w| w.site.clone()).collect();
    sites.sort();
    sites.dedup();
    sites
}

/// The sentence asking to confirm closing.
pub fn close_question(w: &ResearchWorkshop, l: Lang) -> String {
    t::research_close_question(l, &w.title, &w.site, &w.date)
}

/// The "Compare selected" address for the ticked workshops that are shown, in the order they
/// were ticked (the compare page keeps that order); `None` until two are ticked.
pub fn compare_url(shown: &[ResearchWorkshop], ticked: &[Uuid]) -> Option<String> {
    let ids: Vec<String> = ticked.iter().filter(|id| shown.iter().any(|w| w.id == **id)).map(Uuid::to_string).collect();
    (ids.len() >= 2).then(|| urls::compare_page(&ids.join(","), &[]))
}

/// The sentence asking to confirm a deletion.
pub fn delete_question(w: &ResearchWorkshop, l: Lang) -> String {
    t::research_delete_question(l, &w.title, &w.site, &w.date)
}

/// The "Delete after" cell: none, the day, or (within
/// [`RETENTION_WARNING_DAYS`](crate::api::RETENTION_WARNING_DAYS)) the day with a warning
/// in words.
fn retention_cell(day: Option<&RetentionDay>, l: Lang) -> impl IntoView + use<> {
    match day {
        None => view! { <span class="hint">{t::research_kept(l)}</span> }.into_any(),
        Some(day) if day.soon() => view! {
            <strong class="retention-soon">{t::research_retention_soon(l, day.sentence(l))}</strong>
        }
        .into_any(),
        Some(day) => view! { <span>{day.sentence(l)}</span> }.into_any(),
    }
}

/// The filters, "Download all (zip)" and the table.
#[component]
pub(super) fn Workshops(page: Page) -> impl IntoView {
    let l = use_lang();
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
        if n == all { t::research_workshops_count(l, all) } else { t::research_workshops_matching(l, all, n) }
    };

    view! {
        <section class="research-workshops" aria-labelledby="workshops-heading">
            <div class="research-heading">
                <h2 id="workshops-heading" tabindex="-1">{t::research_workshops(l)}</h2>
                <a class="button small" id="audit-log-link" href=urls::audit_page(None)>{t::research_audit_log(l)}</a>
                <button type="button" class="small" on:click=move |_| leptos::task::spawn_local(page.sign_out())>
                    {t::research_sign_out(l)}
                </button>
            </div>
            {move || page.error.get().map(|e| view! { <p role="alert" class="form-error">{e.error}</p> })}
            <ImportArchive page/>
            <Show
                when=move || { total() > 0 }
                fallback=move || view! { <p class="research-empty">{t::research_no_workshops(l)}</p> }
            >
                <div class="research-filters" role="group" aria-label=t::research_filters(l)>
                    <Field id="filter-site" label=t::research_site(l)>
                        <select
                            id="filter-site"
                            on:change=move |ev| filters.update(|f| f.site = event_target_value(&ev))
                        >
                            <option value="" selected=move || filters.with(|f| f.site.is_empty())>
                                {t::research_all_sites(l)}
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
                    <Field id="filter-from" label=t::research_from(l)>
                        <input type="date" id="filter-from" on:input=move |ev| filters.update(|f| f.from = event_target_value(&ev))/>
                    </Field>
                    <Field id="filter-to" label=t::research_to(l)>
                        <input type="date" id="filter-to" on:input=move |ev| filters.update(|f| f.to = event_target_value(&ev))/>
                    </Field>
                </div>
                <p class="research-count" aria-live="polite">{count}</p>
                <Show
                    when=move || shown.with(|s| !s.is_empty())
                    fallback=move || view! { <p class="research-empty">{t::research_no_match(l)}</p> }
                >
                    <p>
                        <a class="button" id="download-all" href=move || filters.with(urls::export_all) download>
                            {t::research_download_all(l)}
                        </a>
                        <span class="hint">" " {t::research_download_all_hint(l)}</span>
                    </p>
                    <p class="research-compare">
                        {move || match compare.get() {
                            Some(href) => view! {
                                <a class="button" id="compare-selected" href=href>{t::research_compare_selected(l)}</a>
                            }
                            .into_any(),
                            None => view! {
                                <button type="button" id="compare-selected" disabled aria-describedby="compare-hint">
                                    {t::research_compare_selected(l)}
                                </button>
                            }
                            .into_any(),
                        }}
                        <span class="hint" id="compare-hint">" " {t::research_compare_hint(l)}</span>
                    </p>
                    <table class="research-table">
                        <caption class="visually-hidden">{t::research_table_caption(l)}</caption>
                        <thead>
                            <tr>
                                <th scope="col" class="research-tick">{t::research_col_compare(l)}</th>
                                <th scope="col">{t::research_col_title(l)}</th>
                                <th scope="col">{t::research_site(l)}</th>
                                <th scope="col">{t::research_col_date(l)}</th>
                                <th scope="col">{t::research_col_phase(l)}</th>
                                <th scope="col" class="num">{t::research_col_pairs(l)}</th>
                                <th scope="col" class="num">{t::research_col_aspects(l)}</th>
                                <th scope="col" class="num">{t::research_col_placements(l)}</th>
                                <th scope="col">{t::research_delete_after(l)}</th>
                                <th scope="col">{t::research_col_actions(l)}</th>
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
            Some(Ask::Close) => self.workshop.with_value(|w| close_question(w, self.page.l)),
            _ => self.workshop.with_value(|w| delete_question(w, self.page.l)),
        }
    }

    /// The "Yes, …" button's text.
    fn yes(self) -> &'static str {
        let l = self.page.l;
        match (self.asking(), self.page.busy.get()) {
            (Some(Ask::Close), true) => t::research_closing(l),
            (Some(Ask::Close), false) => t::research_yes_close(l),
            (_, true) => t::research_deleting(l),
            (_, false) => t::research_yes_delete(l),
        }
    }

    /// "Close…" or "Delete…": the button that asks `what`.
    fn ask_button(self, what: Ask) -> impl IntoView {
        let (class, text) = match what {
            Ask::Close => ("small", t::research_close_button(self.page.l)),
            Ask::Delete => ("small danger", t::research_delete_button(self.page.l)),
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
    let l = use_lang();
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
                        aria-label=t::research_compare_tick(l, &w.title, &w.site)
                        prop:checked=move || ticked.with(|t| t.contains(&id))
                        on:change=on_tick
                    />
                </td>
                <th scope="row" id=title_id.clone() tabindex="-1">{w.title.clone()}</th>
                <td>{w.site.clone()}</td>
                <td><time datetime=w.date.clone()>{w.date.clone()}</time></td>
                <td class="research-phase" data-phase=move || row.phase().name()>{move || phase_name(l, row.phase())}</td>
                <td class="num">{w.pairs}</td>
                <td class="num">{w.aspects}</td>
                <td class="num">{w.placements}</td>
                <td class="research-retention">
                    {move || {
                        page.workshops.with(|list| {
                            retention_cell(list.iter().find(|x| x.id == id).and_then(|x| x.delete_after.as_ref()), l)
                        })
                    }}
                    {move || {
                        page.workshops.with(|list| {
                            let day = list.iter().find(|x| x.id == id).and_then(|x| x.withdrawal_deadline.clone());
                            day.map(|day| view! { <span class="withdrawal-deadline">{t::research_withdrawal_until(l, day)}</span> })
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
                            {t::research_download_zip(l)}
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
                            {t::research_replay(l)}
                        </a>
                        <a
                            class="button small"
                            href=urls::research_report(id)
                            rel="external"
                            aria-describedby=title_id.clone()
                        >
                            {t::research_room_report(l)}
                        </a>
                        <a class="button small" href=urls::audit_page(Some(id)) aria-describedby=title_id>
                            {t::research_audit_log(l)}
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
        assert!(close_question(&list[0], Lang::EN).starts_with("Close “Knowledge exchange” (A, 2026-01-01)?"));
    }

    #[test]
    fn sites_are_listed_once_and_the_question_names_the_workshop() {
        let list = [workshop("B", "2026-01-01"), workshop("A", "2026-01-01"), workshop("B", "2026-01-02")];
        assert_eq!(sites_of(&list), ["A", "B"]);
        assert_eq!(
            delete_question(&list[0], Lang::EN),
            "Delete “Knowledge exchange” (B, 2026-01-01) and all its data? This cannot be undone."
        );
    }
}
