//! "Also in a second language": the question, the poles and each aspect in a second language,
//! beside the first (each row of the aspects list gets a second field while it is on).

use leptos::prelude::*;

use super::form::WorkshopForm;
use crate::api::NewSecondLanguage;
use crate::components::field::Field;
use crate::domain::validate::{POLE_MAX, QUESTION_MAX};
use crate::i18n::{Lang, t, use_lang};

/// A labelled one-line text field mirrored into `signal` (the second language's texts, here
/// and on the console).
pub fn text_field(id: &'static str, label: &'static str, signal: RwSignal<String>, max: usize) -> impl IntoView {
    view! {
        <Field id label>
            <input
                type="text"
                id=id
                maxlength=max.to_string()
                prop:value=move || signal.get()
                on:input=move |ev| signal.set(event_target_value(&ev))
            />
        </Field>
    }
}

/// The fieldset: the switch, then the language and the three texts.
#[component]
pub fn SecondLanguageFields(form: WorkshopForm) -> impl IntoView {
    let l = use_lang();
    view! {
        <fieldset class="second-language">
            <legend>{t::setup_second_legend(l)}</legend>
            <label class="check">
                <input
                    type="checkbox"
                    id="second-on"
                    prop:checked=move || form.second_on.get()
                    on:change=move |ev| form.second_on.set(event_target_checked(&ev))
                />
                {t::setup_second_on(l)}
            </label>
            <p class="hint" id="second-hint">{t::setup_second_hint(l)}</p>
            <Show when=move || form.second_on.get()>
                <Field id="second-language" label=t::setup_second_language(l)>
                    <select
                        id="second-language"
                        aria-describedby="second-hint"
                        on:change=move |ev| form.second_language.set(event_target_value(&ev))
                    >
                        {Lang::offered()
                            .map(|lang| {
                                view! {
                                    <option
                                        value=lang.code()
                                        lang=lang.code()
                                        selected=move || form.second_language.with(|c| c == lang.code())
                                    >
                                        {lang.name()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </Field>
                {text_field("second-question", t::setup_second_question(l), form.second_question, QUESTION_MAX)}
                <div class="field-pair">
                    {text_field("second-left-pole", t::setup_second_left_pole(l), form.second_left_pole, POLE_MAX)}
                    {text_field("second-right-pole", t::setup_second_right_pole(l), form.second_right_pole, POLE_MAX)}
                </div>
            </Show>
        </fieldset>
    }
}

impl WorkshopForm {
    /// The second language as typed, while it is on (each aspect row's second text, in the
    /// rows' order).
    pub fn second_language_typed(self) -> Option<NewSecondLanguage> {
        if !self.second_on.get_untracked() {
            return None;
        }
        Some(NewSecondLanguage {
            language: self.second_language.get_untracked(),
            question: self.second_question.get_untracked(),
            left_pole: self.second_left_pole.get_untracked(),
            right_pole: self.second_right_pole.get_untracked(),
            aspects: self.aspects.with_untracked(|rows| rows.iter().map(|a| a.second.get_untracked()).collect()),
        })
    }
}
