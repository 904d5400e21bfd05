//! The information sheet and consent on a pair's tablet: the sheet (title, version, text),
//! "How many people share this tablet?" (1–4), and for each person ("Person 1", "Person 2":
//! no names) a checkbox per statement. {t::consent_agree(l)} is enabled only when
//! everyone ticked everything; {t::consent_decline(l)} leaves. Large touch targets; every control
//! labelled, each person a fieldset with its legend; refusals in a live region.

use leptos::prelude::*;

use crate::domain::consent::{ConsentAnswer, ConsentSheet, DEFAULT_PEOPLE, MAX_PEOPLE};
use crate::i18n::{t, use_lang};

/// The answer as ticked so far: `ticks[person][statement]`, for up to [`MAX_PEOPLE`] people.
fn empty_ticks(statements: usize) -> Vec<Vec<bool>> {
    vec![vec![false; statements]; usize::from(MAX_PEOPLE)]
}

/// Whether each of the first `people` ticked every statement.
pub fn everyone_agreed(ticks: &[Vec<bool>], people: u8) -> bool {
    people >= 1 && ticks.iter().take(usize::from(people)).all(|row| row.iter().all(|t| *t))
}

/// The answer sent: the first `people` rows of `ticks`.
pub fn answer_of(version: &str, people: u8, ticks: &[Vec<bool>]) -> ConsentAnswer {
    ConsentAnswer {
        version: version.to_string(),
        people,
        agreed: ticks.iter().take(usize::from(people)).cloned().collect(),
    }
}

/// The sheet and its ticks. `on_agree` gets the answer; `on_decline` is {t::consent_decline(l)}.
/// `error` is shown in the form's live region; `busy` disables both buttons.
#[component]
pub fn ConsentForm(
    sheet: ConsentSheet,
    #[prop(into)] on_agree: Callback<ConsentAnswer>,
    #[prop(into)] on_decline: Callback<()>,
    #[prop(into)] busy: Signal<bool>,
    #[prop(into)] error: Signal<Option<String>>,
    /// Said above the sheet (e.g. that a new version asks again).
    #[prop(optional)]
    intro: Option<&'static str>,
) -> impl IntoView {
    let l = use_lang();
    let statements = sheet.statements.clone();
    let people = RwSignal::new(DEFAULT_PEOPLE);
    let ticks = RwSignal::new(empty_ticks(statements.len()));
    let all_ticked = Memo::new(move |_| ticks.with(|t| everyone_agreed(t, people.get())));
    let version = sheet.version.clone();
    let agree = move |_| {
        if !all_ticked.get_untracked() || busy.get_untracked() {
            return;
        }
        on_agree.run(ticks.with_untracked(|t| answer_of(&version, people.get_untracked(), t)));
    };
    let paragraphs: Vec<String> = sheet.text.split("\n\n").map(str::to_string).collect();
    let statements_for_people = statements.clone();
    view! {
        <section class="consent page stack" aria-labelledby="consent-title">
            {intro.map(|text| view! { <p class="consent-intro">{text}</p> })}
            <h1 id="consent-title" tabindex="-1">{sheet.title.clone()}</h1>
            <p class="consent-version">{t::consent_version(l)} {sheet.version.clone()}</p>
            <div class="consent-text">
                {paragraphs
                    .into_iter()
                    .map(|p| {
                        let lines: Vec<String> = p.lines().map(str::to_string).collect();
                        let last = lines.len().saturating_sub(1);
                        view! {
                            <p>
                                {lines
                                    .into_iter()
                                    .enumerate()
                                    .map(|(i, line)| view! { {line} {(i < last).then(|| view! { <br/> })} })
                                    .collect_view()}
                            </p>
                        }
                    })
                    .collect_view()}
            </div>
            <fieldset class="consent-people">
                <legend>{t::consent_people(l)}</legend>
                <div class="consent-people-choices">
                    {(1..=MAX_PEOPLE)
                        .map(|n| {
                            let id = format!("consent-people-{n}");
                            view! {
                                <label class="consent-choice">
                                    <input
                                        type="radio"
                                        name="consent-people"
                                        id=id
                                        value=n.to_string()
                                        prop:checked=move || people.get() == n
                                        on:change=move |_| people.set(n)
                                    />
                                    {n.to_string()}
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
            {move || {
                let statements = statements_for_people.clone();
                (0..usize::from(people.get()))
                    .map(|person| {
                        let statements = statements.clone();
                        view! {
                            <fieldset class="consent-person">
                                <legend>{t::consent_person(l, person + 1)}</legend>
                                {statements
                                    .into_iter()
                                    .enumerate()
                                    .map(|(s, statement)| {
                                        let id = format!("consent-{person}-{s}");
                                        view! {
                                            <label class="consent-statement">
                                                <input
                                                    type="checkbox"
                                                    id=id
                                                    prop:checked=move || ticks.with(|t| t[person][s])
                                                    on:change=move |ev| {
                                                        let on = event_target_checked(&ev);
                                                        ticks.update(|t| t[person][s] = on);
                                                    }
                                                />
                                                <span>{statement}</span>
                                            </label>
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
                        }
                    })
                    .collect_view()
            }}
            <p class="consent-hint" id="consent-hint">
                {move || {
                    if all_ticked.get() {
                        t::consent_all_agreed(l)
                    } else {
                        t::consent_not_yet(l)
                    }
                }}
            </p>
            <div role="alert" aria-live="assertive" class="consent-error">
                {move || error.get().map(|e| view! { <p class="form-error">{e}</p> })}
            </div>
            <div class="consent-actions">
                <button
                    type="button"
                    class="primary"
                    id="consent-agree"
                    aria-describedby="consent-hint"
                    disabled=move || !all_ticked.get() || busy.get()
                    on:click=agree
                >
                    {t::consent_agree(l)}
                </button>
                <button
                    type="button"
                    id="consent-decline"
                    disabled=move || busy.get()
                    on:click=move |_| on_decline.run(())
                >
                    {t::consent_decline(l)}
                </button>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_everyone_ticking_everything_agrees() {
        let mut ticks = empty_ticks(2);
        assert!(!everyone_agreed(&ticks, 2));
        ticks[0] = vec![true, true];
        assert!(!everyone_agreed(&ticks, 2), "person 2 has not ticked");
        assert!(everyone_agreed(&ticks, 1), "one person who ticked both");
        ticks[1] = vec![true, true];
        assert!(everyone_agreed(&ticks, 2));
        let answer = answer_of("2", 2, &ticks);
        assert_eq!(answer.agreed.len(), 2);
        assert_eq!(answer.version, "2");
    }
}
