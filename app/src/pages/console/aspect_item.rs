//! One aspect's row on the console: its counts, and edit, hide, lock, spotlight and merge,
//! each a step inline in the row.

use leptos::prelude::*;
use uuid::Uuid;

use super::may_change;
use crate::browser;
use crate::components::confirm::Confirm;
use crate::domain::board::format_position;
use crate::domain::{Card, Control, Focus, RoomView};
use crate::i18n::{Lang, t, use_lang};
use crate::live::Live;

/// One line of the aspects list.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct AspectLine {
    pub(super) card: Card,
    pub(super) author: Option<String>,
    pub(super) placed: usize,
    pub(super) cant_place: usize,
    pub(super) median: Option<f64>,
    pub(super) split: bool,
}

/// The aspects as the console lists them: the active ones in the chosen order, then the hidden
/// ones (merged-away ones are gone).
pub(super) fn aspect_lines(v: &RoomView, l: Lang) -> Vec<AspectLine> {
    let revealed = v.revealed();
    let author = |card: &Card| {
        card.author.map(|a| v.pair(a).map_or_else(|| t::console_a_pair(l).to_string(), |p| p.label.clone()))
    };
    let mut lines: Vec<AspectLine> = v
        .ordered_rows()
        .into_iter()
        .map(|r| AspectLine {
            author: author(&r.card),
            placed: r.placed,
            cant_place: r.cant_place,
            median: r.summary.filter(|_| revealed).map(|s| s.median),
            split: r.split,
            card: r.card,
        })
        .collect();
    let mut hidden: Vec<&Card> = v.cards.iter().filter(|c| c.hidden && c.merged_into.is_none()).collect();
    hidden.sort_by_key(|c| c.order);
    lines.extend(hidden.into_iter().map(|c| {
        let here = v.current_placements().filter(|p| p.card_id == c.id);
        let (cant, placed): (Vec<_>, Vec<_>) = here.partition(|p| p.cant_place);
        AspectLine {
            author: author(c),
            placed: placed.len(),
            cant_place: cant.len(),
            median: None,
            split: false,
            card: c.clone(),
        }
    }));
    lines
}

/// Which inline step of a row is open.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Open {
    None,
    Edit,
    ConfirmMerge(Uuid),
}

/// One row's state: its line of the list, which inline step is open and what is typed in it.
/// `Copy`, like the signals inside it.
#[derive(Clone, Copy)]
struct AspectRow {
    live: Live,
    /// The page's language.
    l: Lang,
    id: Uuid,
    lines: Memo<Vec<AspectLine>>,
    line: Memo<Option<AspectLine>>,
    focus: Memo<Focus>,
    open: RwSignal<Open>,
    /// The wording being edited.
    draft: RwSignal<String>,
    /// The id of the aspect chosen in "Merge into", `""` for none.
    merge_into: RwSignal<String>,
}

impl AspectRow {
    fn new(live: Live, id: Uuid, lines: Memo<Vec<AspectLine>>, focus: Memo<Focus>) -> Self {
        AspectRow {
            live,
            l: use_lang(),
            id,
            lines,
            line: Memo::new(move |_| lines.with(|ls| ls.iter().find(|l| l.card.id == id).cloned())),
            focus,
            open: RwSignal::new(Open::None),
            draft: RwSignal::new(String::new()),
            merge_into: RwSignal::new(String::new()),
        }
    }

    fn with_line<T: Default>(self, f: impl FnOnce(&AspectLine) -> T) -> T {
        self.line.with(|l| l.as_ref().map(f).unwrap_or_default())
    }

    fn text(self) -> String {
        self.with_line(|l| l.card.text.clone())
    }

    fn hidden(self) -> bool {
        self.with_line(|l| l.card.hidden)
    }

    fn locked(self) -> bool {
        self.with_line(|l| l.card.locked)
    }

    fn spotlighted(self) -> bool {
        self.focus.get().spotlight == Some(self.id)
    }

    fn online(self) -> bool {
        may_change(self.live)()
    }

    /// The active aspects this one could be merged into: id and text.
    fn others(self) -> Vec<(Uuid, String)> {
        self.lines.with(|ls| {
            ls.iter()
                .filter(|l| l.card.id != self.id && l.card.is_active())
                .map(|l| (l.card.id, l.card.text.clone()))
                .collect()
        })
    }

    /// "3 placed · 1 can't place", with the median once revealed.
    fn counts(self) -> String {
        self.with_line(|l| {
            let lang = self.l;
            match l.median {
                Some(m) => t::console_aspect_counts_median(lang, l.placed, l.cant_place, format_position(m)),
                None => t::console_aspect_counts(lang, l.placed, l.cant_place),
            }
        })
    }

    fn spotlight(self, on: bool) {
        let focus = Focus { spotlight: on.then_some(self.id), ..self.focus.get_untracked() };
        self.live.control(Control::SetFocus { focus });
    }

    fn edit(self) {
        self.draft.set(self.text());
        self.open.set(Open::Edit);
        browser::focus_later(format!("edit-{}", self.id));
    }

    fn save(self) {
        let text = self.draft.get_untracked();
        if text.trim().is_empty() {
            self.live.last_error.set(Some(t::console_edit_empty(self.l).into()));
            return;
        }
        self.live.control(Control::EditCard { card_id: self.id, text });
        self.open.set(Open::None);
    }

    /// "Merge": asks first, about the aspect chosen in "Merge into".
    fn ask_merge(self) {
        if let Ok(into) = Uuid::parse_str(&self.merge_into.get_untracked()) {
            self.open.set(Open::ConfirmMerge(into));
            browser::focus_later(format!("confirm-merge-{}", self.id));
        }
    }

    /// Read where the question is shown, so it follows renames while it is open.
    fn merge_question(self, into: Uuid) -> String {
        let into_text = self.others().into_iter().find(|(i, _)| *i == into).map(|(_, t)| t).unwrap_or_default();
        t::console_merge_question(self.l, self.text(), into_text)
    }

    fn merge(self, into: Uuid) {
        self.open.set(Open::None);
        self.merge_into.set(String::new());
        self.live.control(Control::MergeCards { from: self.id, into });
    }

    fn close(self) {
        self.open.set(Open::None);
    }

    /// "Hide"/"Show" or "Lock"/"Unlock": the button that flips `is_on` with `control`.
    fn toggle(
        self,
        is_on: fn(AspectRow) -> bool,
        off_text: &'static str,
        on_text: &'static str,
        control: fn(Uuid, bool) -> Control,
    ) -> impl IntoView {
        view! {
            <button
                type="button"
                disabled=move || !self.online()
                on:click=move |_| self.live.control(control(self.id, !is_on(self)))
            >
                {move || if is_on(self) { on_text } else { off_text }}
            </button>
        }
    }
}

/// One aspect: its name and badges, its counts, its tools, and the inline step that is open.
#[component]
pub(super) fn AspectItem(live: Live, id: Uuid, lines: Memo<Vec<AspectLine>>, focus: Memo<Focus>) -> impl IntoView {
    let row = AspectRow::new(live, id, lines, focus);
    let text = move || row.text();
    let hidden = move || row.hidden();
    let spotlighted = move || row.spotlighted();
    let l = row.l;
    view! {
        <li class="console-aspect" class:hidden-card=hidden class:spotlighted=spotlighted>
            <div role="group" aria-label=text class="aspect-item-inner">
                <p class="aspect-line">
                    <span class="aspect-name">{text}</span>
                    {move || hidden().then(|| view! { <span class="badge muted">{t::console_badge_hidden(l)}</span> })}
                    {move || {
                        row.line.with(|l| l.as_ref().and_then(|l| l.author.clone()))
                            .map(|who| view! { <span class="badge new">{t::console_badge_by(l, who)}</span> })
                    }}
                    {move || row.locked().then(|| view! { <span class="badge">{t::console_badge_locked(l)}</span> })}
                    {move || spotlighted().then(|| view! { <span class="badge spot">{t::console_badge_spotlighted(l)}</span> })}
                    {move || {
                        row.with_line(|l| l.split)
                            .then(|| view! { <span class="badge split">{t::console_badge_split(l)}</span> })
                    }}
                </p>
                <p class="aspect-counts">{move || row.counts()}</p>
                <AspectTools row/>
                {move || (row.open.get() == Open::Edit).then(|| view! { <EditWording row/> })}
                {move || match row.open.get() {
                    Open::ConfirmMerge(into) => Some(view! { <ConfirmMerge row into question=row.merge_question(into)/> }),
                    _ => None,
                }}
            </div>
        </li>
    }
    .into_any()
}

/// The row's buttons: spotlight, edit, hide, lock, and "Merge into".
#[component]
fn AspectTools(row: AspectRow) -> impl IntoView {
    let off = move || !row.online();
    let l = row.l;
    view! {
        <div class="control-row">
            {move || {
                if row.spotlighted() {
                    view! {
                        <button type="button" disabled=off on:click=move |_| row.spotlight(false)>
                            {t::console_stop_spotlight(l)}
                        </button>
                    }
                        .into_any()
                } else {
                    view! {
                        <button type="button" disabled=move || off() || row.hidden() on:click=move |_| row.spotlight(true)>
                            {t::console_spotlight(l)}
                        </button>
                    }
                        .into_any()
                }
            }}
            <button type="button" disabled=off on:click=move |_| row.edit()>
                {t::console_edit(l)}
            </button>
            {row.toggle(AspectRow::hidden, t::console_hide(l), t::console_show(l), |card_id, hidden| Control::HideCard { card_id, hidden })}
            {row.toggle(AspectRow::locked, t::console_lock(l), t::console_unlock(l), |card_id, locked| Control::LockCard { card_id, locked })}
            <label class="merge">
                {t::console_merge_into(l)}
                <select
                    disabled=move || off() || row.hidden()
                    prop:value=move || row.merge_into.get()
                    on:change=move |ev| row.merge_into.set(event_target_value(&ev))
                >
                    <option value="">"—"</option>
                    {move || {
                        row.others()
                            .into_iter()
                            .map(|(oid, t)| {
                                let value = oid.to_string();
                                let selected = row.merge_into.get_untracked() == value;
                                view! {
                                    <option value=value selected=selected>
                                        {t}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <button
                type="button"
                disabled=move || off() || row.merge_into.with(String::is_empty)
                on:click=move |_| row.ask_merge()
            >
                {t::console_merge(l)}
            </button>
        </div>
    }
}

/// "Post-it text" with "Save wording" and "Cancel", inline in the row.
#[component]
fn EditWording(row: AspectRow) -> impl IntoView {
    let field_id = format!("edit-{}", row.id);
    let l = row.l;
    view! {
        <form
            class="inline-edit"
            on:submit=move |ev| {
                ev.prevent_default();
                row.save();
            }
        >
            <label for=field_id.clone()>{t::console_post_it_text(l)}</label>
            <input
                id=field_id
                type="text"
                maxlength=crate::domain::validate::ASPECT_MAX.to_string()
                prop:value=move || row.draft.get()
                on:input=move |ev| row.draft.set(event_target_value(&ev))
            />
            <button type="submit" disabled=move || !row.online()>
                {t::console_save_wording(l)}
            </button>
            <button type="button" on:click=move |_| row.close()>
                {t::cancel(l)}
            </button>
        </form>
    }
}

/// "Merge … into …?", asked inline before merging.
#[component]
fn ConfirmMerge(row: AspectRow, into: Uuid, question: String) -> impl IntoView {
    let l = row.l;
    view! {
        <Confirm
            label=t::console_confirm_merge(l)
            yes=t::console_yes_merge(l)
            yes_id=format!("confirm-merge-{}", row.id)
            disabled=move || !row.online()
            on_yes=move |()| row.merge(into)
            on_cancel=move |()| row.close()
        >
            <p>{question}</p>
        </Confirm>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::id;
    use crate::domain::{Event, PairSummary, Phase, WorkshopInfo};

    #[test]
    fn aspect_lines_list_active_in_order_then_hidden_without_merged() {
        let info = WorkshopInfo::for_tests();
        let mut v = RoomView::new(info, vec![Card::new(id(10), "A", 0), Card::new(id(20), "B", 1)]);
        v.apply(
            1,
            &Event::PairJoined {
                pair: PairSummary {
                    id: id(100),
                    label: "Pair 1".into(),
                    joined_at: 0,
                    last_active: 0,
                    reference: None,
                },
            },
        );
        let mut own = Card::new(id(30), "Own", 2);
        own.author = Some(id(100));
        v.apply(2, &Event::CardAdded { card: own, at: 1 });
        v.apply(3, &Event::Placed { pair_id: id(100), card_id: id(20), round: 1, position: Some(40.0), at: 2 });
        let mut hidden = Card::new(id(10), "A", 0);
        hidden.hidden = true;
        v.apply(4, &Event::CardChanged { card: hidden, at: 3 });
        v.apply(5, &Event::CardsMerged { from: id(30), into: id(20), at: 4 });
        let lines = aspect_lines(&v, Lang::EN);
        let texts: Vec<&str> = lines.iter().map(|l| l.card.text.as_str()).collect();
        assert_eq!(texts, vec!["B", "A"]);
        assert_eq!(lines[0].placed, 1);
        assert_eq!(lines[0].median, None, "not revealed yet");
        assert!(lines[1].card.hidden);
        v.apply(6, &Event::PhaseChanged { phase: Phase::Placing, at: 5 });
        v.apply(7, &Event::PhaseChanged { phase: Phase::Reveal, at: 6 });
        assert_eq!(aspect_lines(&v, Lang::EN)[0].median, Some(40.0));
    }
}
