//! `/new`: the facilitator sets up a workshop in two minutes, from scratch, from a template
//! file, or from an earlier workshop of this server ([`start_from`]).
//!
//! - [`form`]: the form's state and what its buttons do.
//! - [`aspects`]: the aspects list and the session settings.
//! - [`check`]: the server's rules, run on the form before it is sent.
//! - [`start_from`]: "Start from a template file" and "Start from an earlier workshop".

mod aspects;
mod check;
mod form;
mod second;

pub use second::text_field;
mod start_from;

use leptos::prelude::*;

use crate::components::field::{Field, FormError};
use crate::components::sheet_editor::SheetEditor;
use crate::domain::session::{DEADLINE_LABEL, deadline_label};
use crate::domain::validate::{POLE_MAX, QUESTION_MAX, SITE_MAX, TITLE_MAX};
use crate::i18n::{t, use_lang};
use aspects::{AspectList, SessionSettings};
pub use check::check_form;
use form::WorkshopForm;
use start_from::StartFrom;

#[component]
pub fn NewWorkshopPage() -> impl IntoView {
    let l = use_lang();
    let form = WorkshopForm::new();
    let hydrated = crate::components::use_hydrated();
    let invalid = move |field: &'static str| move || form.invalid(field).then_some("true");
    let described = move |field: &'static str| move || form.invalid(field).then_some("form-error");
    let message = move |place: &'static str| Signal::derive(move || form.message(place));
    // `field` is the label the server names in its errors (English, compared in code); `label`
    // is what is shown.
    let text_field =
        move |id: &'static str, field: &'static str, label: &'static str, signal: RwSignal<String>, max: usize| {
            view! {
                <Field id label error=message(field) error_id="form-error">
                    <input
                        type="text"
                        id=id
                        maxlength=max.to_string()
                        value=signal.get_untracked()
                        aria-invalid=invalid(field)
                        aria-describedby=described(field)
                        on:input=move |ev| signal.set(event_target_value(&ev))
                    />
                </Field>
            }
        };

    view! {
        <main class="page new-workshop">
            <h1>{t::setup_heading(l)}</h1>
            <StartFrom on_load=Callback::new(move |t| form.load_template(t)) error=form.error/>
            <form class="stack" novalidate on:submit=move |ev| form.submit(ev)>
                {text_field("title", "Title", t::setup_title(l), form.title, TITLE_MAX)}
                {text_field("site", "Site", t::setup_site(l), form.site, SITE_MAX)}
                <Field id="question" label=t::setup_question(l) error=message("Question") error_id="form-error">
                    <textarea
                        id="question"
                        rows="3"
                        maxlength=QUESTION_MAX.to_string()
                        aria-invalid=invalid("Question")
                        aria-describedby=described("Question")
                        on:input=move |ev| form.question.set(event_target_value(&ev))
                    >
                        {crate::domain::default_content(l).0}
                    </textarea>
                </Field>
                <div class="field-pair">
                    {text_field("left-pole", "Left pole", t::setup_left_pole(l), form.left_pole, POLE_MAX)}
                    {text_field("right-pole", "Right pole", t::setup_right_pole(l), form.right_pole, POLE_MAX)}
                </div>
                <second::SecondLanguageFields form/>
                <AspectList form/>
                <SessionSettings form/>
                <Field
                    id="delete-after"
                    label=t::setup_delete_after(l)
                    hint=t::setup_delete_after_hint(l)
                    error=message("Delete after")
                    error_id="form-error"
                >
                    <input
                        type="date"
                        id="delete-after"
                        aria-invalid=invalid("Delete after")
                        aria-describedby=move || {
                            if form.invalid("Delete after") { "delete-after-hint form-error" } else { "delete-after-hint" }
                        }
                        on:input=move |ev| form.delete_after.set(event_target_value(&ev))
                    />
                </Field>
                <Field
                    id="withdrawal-deadline"
                    label=deadline_label(l)
                    hint=t::setup_withdrawal_deadline_hint(l)
                    error=message(DEADLINE_LABEL)
                    error_id="form-error"
                >
                    <input
                        type="date"
                        id="withdrawal-deadline"
                        aria-invalid=invalid(DEADLINE_LABEL)
                        aria-describedby=move || {
                            if form.invalid(DEADLINE_LABEL) {
                                "withdrawal-deadline-hint form-error"
                            } else {
                                "withdrawal-deadline-hint"
                            }
                        }
                        on:input=move |ev| form.withdrawal_deadline.set(event_target_value(&ev))
                    />
                </Field>
                <fieldset class="consent-sheet">
                    <legend>{t::setup_sheet_legend(l)}</legend>
                    <label class="check">
                        <input
                            type="checkbox"
                            id="sheet-on"
                            prop:checked=move || form.sheet_on.get()
                            on:change=move |ev| form.sheet_on.set(event_target_checked(&ev))
                        />
                        {t::setup_sheet_on(l)}
                    </label>
                    <Show when=move || form.sheet_on.get()>
                        <SheetEditor fields=form.sheet error=form.error/>
                    </Show>
                </fieldset>
                {move || form.message("form").map(|text| view! { <FormError id=Some("form-error") text/> })}
                <button
                    type="submit"
                    id="create-workshop"
                    class="primary"
                    disabled=move || form.busy.get() || !hydrated.get()
                >
                    {move || if form.busy.get() { t::setup_creating(l) } else { t::setup_create(l) }}
                </button>
            </form>
        </main>
    }
    .into_any()
}
