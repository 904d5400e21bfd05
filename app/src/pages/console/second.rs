//! "Second language" on the facilitator's console: the question, the poles and each of the
//! facilitator's aspects in a second language, beside the first. Saved whole over the console's
//! socket ([`Control::SetSecondLanguage`]); every screen follows at once, each showing its own
//! language's text.

use std::collections::BTreeMap;

use leptos::prelude::*;
use uuid::Uuid;

use crate::browser;
use crate::domain::Control;
use crate::domain::second_language::SecondLanguage;
use crate::domain::validate::{ASPECT_MAX, POLE_MAX, QUESTION_MAX};
use crate::i18n::{Lang, t, use_lang};
use crate::live::Live;
use crate::pages::new_workshop::text_field;

/// What the section says about the workshop now.
pub fn second_note(l: Lang, second: Option<&SecondLanguage>, aspects: usize) -> String {
    match second.and_then(|s| s.lang().map(|lang| (s, lang))) {
        None => t::console_second_none(l).to_string(),
        Some((s, lang)) => t::console_second_note(l, lang.name(), s.aspects.len(), aspects),
    }
}

#[component]
pub fn SecondLanguageControl(live: Live) -> impl IntoView {
    let l = use_lang();
    let current = Memo::new(move |_| live.view.with(|v| v.as_ref().and_then(|v| v.second_language.clone())));
    // The facilitator's aspects on the board (the pairs' own post-its are theirs to word).
    let aspects = Memo::new(move |_| {
        live.view.with(|v| {
            v.as_ref()
                .map(|v| {
                    v.active_cards()
                        .into_iter()
                        .filter(|c| c.author.is_none())
                        .map(|c| (c.id, c.text))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let editing = RwSignal::new(false);
    let language = RwSignal::new(String::new());
    let question = RwSignal::new(String::new());
    let left = RwSignal::new(String::new());
    let right = RwSignal::new(String::new());
    let texts = RwSignal::new(BTreeMap::<Uuid, String>::new());
    let open = move |_| {
        let now = current
            .get_untracked()
            .unwrap_or_else(|| SecondLanguage { language: l.other().code().to_string(), ..SecondLanguage::default() });
        language.set(now.language.clone());
        question.set(now.question.clone());
        left.set(now.left_pole.clone());
        right.set(now.right_pole.clone());
        texts.set(now.aspects.clone());
        editing.set(true);
        browser::focus_later("second-language".into());
    };
    let save = move || {
        let second = SecondLanguage {
            language: language.get_untracked(),
            question: question.get_untracked(),
            left_pole: left.get_untracked(),
            right_pole: right.get_untracked(),
            aspects: texts.get_untracked(),
        };
        live.control(Control::SetSecondLanguage { second: Some(second) });
        editing.set(false);
        browser::focus_later("edit-second".into());
    };
    let remove = move |_| {
        live.control(Control::SetSecondLanguage { second: None });
        editing.set(false);
        browser::focus_later("edit-second".into());
    };
    view! {
        <section class="console-second" aria-labelledby="second-heading">
            <h2 id="second-heading">{t::setup_second_legend(l)}</h2>
            <p id="second-now">{move || second_note(l, current.get().as_ref(), aspects.with(Vec::len))}</p>
            <Show
                when=move || editing.get()
                fallback=move || {
                    view! {
                        <div class="button-row">
                            <button type="button" id="edit-second" on:click=open>
                                {move || if current.with(Option::is_some) { t::console_second_change(l) } else { t::console_second_add(l) }}
                            </button>
                            {move || current.with(Option::is_some).then(|| view! {
                                <button type="button" id="remove-second" on:click=remove>{t::console_second_remove(l)}</button>
                            })}
                        </div>
                    }
                }
            >
                <form
                    class="stack"
                    novalidate
                    on:submit=move |ev| {
                        ev.prevent_default();
                        save();
                    }
                >
                    <div class="field">
                        <label for="second-language">{t::setup_second_language(l)}</label>
                        <select id="second-language" on:change=move |ev| language.set(event_target_value(&ev))>
                            {Lang::offered()
                                .map(|lang| {
                                    view! {
                                        <option value=lang.code() lang=lang.code() selected=move || language.with(|c| c == lang.code())>
                                            {lang.name()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    {text_field("second-question", t::setup_second_question(l), question, QUESTION_MAX)}
                    {text_field("second-left-pole", t::setup_second_left_pole(l), left, POLE_MAX)}
                    {text_field("second-right-pole", t::setup_second_right_pole(l), right, POLE_MAX)}
                    <For
                        each=move || aspects.get()
                        key=|(id, text)| (*id, text.clone())
                        children=move |(id, first)| {
                            let field = format!("second-aspect-{id}");
                            view! {
                                <div class="field">
                                    <label for=field.clone()>{first}</label>
                                    <input
                                        type="text"
                                        id=field
                                        maxlength=ASPECT_MAX.to_string()
                                        prop:value=move || texts.with(|t| t.get(&id).cloned().unwrap_or_default())
                                        on:input=move |ev| {
                                            let value = event_target_value(&ev);
                                            texts.update(|t| {
                                                t.insert(id, value);
                                            });
                                        }
                                    />
                                </div>
                            }
                        }
                    />
                    <div class="button-row">
                        <button type="submit" id="save-second" class="primary">{t::console_second_save(l)}</button>
                        <button type="button" on:click=move |_| {
                            editing.set(false);
                            browser::focus_later("edit-second".into());
                        }>
                            {t::cancel(l)}
                        </button>
                    </div>
                </form>
            </Show>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_says_which_language_and_how_many_aspects() {
        assert_eq!(second_note(Lang::EN, None, 4), "In one language: every screen shows the texts as written.");
        let second = SecondLanguage {
            language: "cy".into(),
            aspects: [(Uuid::from_u128(1), "Un".to_string())].into(),
            ..SecondLanguage::default()
        };
        assert_eq!(
            second_note(Lang::EN, Some(&second), 4),
            "Also in Cymraeg: 1 of 4 aspects. Each screen in that language shows these texts."
        );
        assert_ne!(second_note(Lang::CY, Some(&second), 4), second_note(Lang::EN, Some(&second), 4));
    }
}
