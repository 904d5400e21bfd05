//! "Withdraw a pair…" in a workshop's row: the researcher types the reference a participant
//! quoted, reads what will be erased, and confirms; the server withdraws the pair
//! (`POST /api/research/workshops/{id}/withdraw`). An unknown reference, another workshop's,
//! or a request after the workshop's withdrawal deadline is refused by the server with a
//! sentence, shown under the field.

use leptos::prelude::*;
use uuid::Uuid;

use super::{Access, Page};
use crate::api::{Refused, Withdrawal, calls};
use crate::browser;
use crate::domain::reference::normalize_reference;
use crate::i18n::{Lang, t, use_lang};

/// What the confirmation says will be erased.
pub fn withdraw_question(reference: &str, title: &str, site: &str, l: Lang) -> String {
    t::research_withdraw_question(l, reference, title, site)
}

/// What the page says once the pair is withdrawn.
pub fn withdrawn_sentence(w: &Withdrawal, title: &str, l: Lang) -> String {
    t::research_withdrawn(l, &w.reference, title, w.placements, w.notes, w.post_its)
}

/// What a typed reference that cannot be one gets, before any request.
pub fn not_a_reference(typed: &str, l: Lang) -> String {
    let typed = typed.trim();
    if typed.is_empty() { t::research_type_reference(l).to_string() } else { t::research_not_a_reference(l, typed) }
}

#[component]
pub(super) fn WithdrawPair(id: Uuid, title: String, site: String, page: Page) -> impl IntoView {
    let l = use_lang();
    let open = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    // The reference being confirmed, once the typed one is one.
    let confirming = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let field_id = format!("w-{id}-withdraw-reference");
    let error_id = format!("{field_id}-error");
    let deadline = move || {
        page.workshops
            .with(|list| list.iter().find(|w| w.id == id).and_then(|w| w.withdrawal_deadline.clone()))
            .map_or_else(
                || t::research_no_withdrawal_deadline(l).to_string(),
                |day| t::research_withdrawal_deadline(l, day),
            )
    };
    let start = move |_| {
        typed.set(String::new());
        confirming.set(None);
        error.set(None);
        done.set(None);
        open.set(true);
        browser::focus_later(format!("w-{id}-withdraw-reference"));
    };
    let close = move || {
        open.set(false);
        confirming.set(None);
        error.set(None);
        browser::focus_later(format!("w-{id}-withdraw"));
    };
    let ask = move || match normalize_reference(&typed.get_untracked()) {
        Some(reference) => {
            error.set(None);
            confirming.set(Some(reference));
            browser::focus_later(format!("w-{id}-withdraw-no"));
        }
        None => {
            error.set(Some(not_a_reference(&typed.get_untracked(), l)));
            browser::focus_later(format!("w-{id}-withdraw-reference"));
        }
    };
    let names = StoredValue::new((title.clone(), site.clone()));
    let withdraw = move || {
        let Some(reference) = confirming.get_untracked() else { return };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let title = names.with_value(|(title, _)| title.clone());
        leptos::task::spawn_local(async move {
            let answer = calls::withdraw_pair(id, reference).await;
            busy.set(false);
            confirming.set(None);
            match answer {
                Ok(withdrawal) => {
                    let said = withdrawn_sentence(&withdrawal, &title, l);
                    page.status.set(said.clone());
                    done.set(Some(said));
                    typed.set(String::new());
                    page.workshops.update(|list| {
                        list.iter_mut().filter(|w| w.id == id).for_each(|w| w.pairs = w.pairs.saturating_sub(1))
                    });
                    browser::focus_later(format!("w-{id}-withdraw-done"));
                }
                Err(Refused::SignedOut) => page.access.set(Access::SignedOut),
                Err(refused) => {
                    error.set(Some(refused.error_in(l).error));
                    browser::focus_later(format!("w-{id}-withdraw-reference"));
                }
            }
        });
    };
    let described = {
        let (field_id, error_id) = (field_id.clone(), error_id.clone());
        move || {
            if error.with(Option::is_some) { format!("{field_id}-hint {error_id}") } else { format!("{field_id}-hint") }
        }
    };
    view! {
        <button
            type="button"
            class="small"
            id=format!("w-{id}-withdraw")
            aria-expanded=move || if open.get() { "true" } else { "false" }
            aria-describedby=format!("w-{id}-title")
            on:click=start
        >
            {t::research_withdraw_button(l)}
        </button>
        <Show when=move || open.get()>
            <form
                class="research-withdraw"
                novalidate
                aria-label=t::research_withdraw_form(l, &title)
                on:submit=move |ev| {
                    ev.prevent_default();
                    if confirming.get_untracked().is_none() {
                        ask();
                    }
                }
            >
                <label for=field_id.clone()>{t::research_pair_reference(l)}</label>
                <input
                    type="text"
                    id=field_id.clone()
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    maxlength="20"
                    prop:value=move || typed.get()
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=described.clone()
                    readonly=move || confirming.with(Option::is_some)
                    on:input=move |ev| {
                        typed.set(event_target_value(&ev));
                        done.set(None);
                    }
                />
                <p class="hint" id=format!("{field_id}-hint")>
                    {t::research_withdraw_hint(l)}
                    {deadline}
                </p>
                {
                    let error_id = error_id.clone();
                    move || error.get().map(|text| view! { <p role="alert" class="form-error" id=error_id.clone()>{text}</p> })
                }
                {move || done.get().map(|text| view! { <p class="withdraw-done" id=format!("w-{id}-withdraw-done") tabindex="-1">{text}</p> })}
                <Show
                    when=move || confirming.with(Option::is_some)
                    fallback=move || view! {
                        <button type="submit">{t::research_continue(l)}</button>
                        <button type="button" on:click=move |_| close()>{t::research_cancel(l)}</button>
                    }
                >
                    <div class="confirm" role="group" aria-labelledby=format!("w-{id}-withdraw-question")>
                        <p id=format!("w-{id}-withdraw-question")>
                            {move || {
                                let question = |r: String| names.with_value(|(title, site)| withdraw_question(&r, title, site, l));
                                confirming.get().map(question).unwrap_or_default()
                            }}
                        </p>
                        <button type="button" class="danger" disabled=move || busy.get() on:click=move |_| withdraw()>
                            {move || if busy.get() { t::research_withdrawing(l) } else { t::research_yes_withdraw(l) }}
                        </button>
                        <button
                            type="button"
                            id=format!("w-{id}-withdraw-no")
                            on:click=move |_| {
                                confirming.set(None);
                                browser::focus_later(format!("w-{id}-withdraw-reference"));
                            }
                        >
                            {t::research_no_keep(l)}
                        </button>
                    </div>
                </Show>
            </form>
        </Show>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_question_says_what_is_erased_and_the_answer_counts_it() {
        let q = withdraw_question("R7K2QX", "Knowledge exchange", "Site 3", Lang::EN);
        assert!(q.starts_with("Withdraw pair R7K2QX from “Knowledge exchange” (Site 3)? Its label, placements, notes"));
        assert!(q.ends_with("This cannot be undone."));
        let w = Withdrawal { reference: "R7K2QX".into(), seq: 9, placements: 3, notes: 1, post_its: 0, event_rows: 6 };
        assert_eq!(
            withdrawn_sentence(&w, "Knowledge exchange", Lang::EN),
            "Withdrew pair R7K2QX from “Knowledge exchange”: 3 placements, 1 note and 0 post-its removed; \
             statistics are now computed from the other pairs."
        );
        assert_eq!(not_a_reference(" ", Lang::EN), "Type the pair's reference: six letters and digits, e.g. R7K2QX.");
        assert!(not_a_reference("R7K2Q", Lang::EN).starts_with("“R7K2Q” is not a pair reference"));
    }
}
