//! The new-workshop form's fieldsets: the aspects, each row with Up, Down and Remove, and the
//! session settings.

use leptos::prelude::*;

use super::form::{AspectItem, WorkshopForm};
use crate::components::field::{Field, FormError};
use crate::domain::session::{MAX_MIN_PAIRS, MIN_PAIRS_LABEL, SWITCHES, Switch, min_pairs_label};
use crate::domain::validate::{ASPECT_MAX, MAX_ASPECTS};
use crate::i18n::{t, use_lang};

/// "Aspects": one row each, in the order pairs see them, and "Add aspect".
#[component]
pub fn AspectList(form: WorkshopForm) -> impl IntoView {
    let l = use_lang();
    let hydrated = crate::components::use_hydrated();
    view! {
        <fieldset class="aspects">
            <legend id="aspects-legend" tabindex="-1">{t::setup_aspects(l)}</legend>
            <p class="hint">{t::setup_aspects_hint(l)}</p>
            <ol class="aspect-list" id="aspect-list">
                <ForEnumerate
                    each=move || form.aspects.get()
                    key=|a| a.key
                    children=move |index, item| view! { <AspectRow form index item/> }
                />
            </ol>
            {move || form.message("Aspects").map(|text| view! { <FormError id=Some("form-error") text/> })}
            <button
                type="button"
                id="add-aspect"
                disabled=move || { !hydrated.get() || form.aspects.with(Vec::len) >= MAX_ASPECTS }
                on:click=move |_| form.add_aspect()
            >
                {t::setup_add_aspect(l)}
            </button>
        </fieldset>
    }
}

/// One aspect: its text, named by its place in the list, then Up, Down and Remove.
#[component]
fn AspectRow(form: WorkshopForm, index: ReadSignal<usize>, item: AspectItem) -> impl IntoView {
    let l = use_lang();
    let n = move || index.get() + 1;
    let key = item.key;
    view! {
        <li class="aspect-item">
            <input
                type="text"
                id=format!("aspect-{key}")
                aria-label=move || t::setup_aspect_n(l, n())
                maxlength=ASPECT_MAX.to_string()
                value=item.text.get_untracked()
                aria-invalid=move || form.invalid("Aspects").then_some("true")
                on:input=move |ev| item.text.set(event_target_value(&ev))
            />
            <button type="button" class="small" id=format!("aspect-{key}-up")
                aria-label=move || t::setup_move_aspect_up(l, n())
                on:click=move |_| form.move_aspect(key, true)>
                <span aria-hidden="true">"↑ "</span>{t::setup_up(l)}
            </button>
            <button type="button" class="small" id=format!("aspect-{key}-down")
                aria-label=move || t::setup_move_aspect_down(l, n())
                on:click=move |_| form.move_aspect(key, false)>
                <span aria-hidden="true">"↓ "</span>{t::setup_down(l)}
            </button>
            <button type="button" class="small danger" id=format!("aspect-{key}-remove")
                aria-label=move || t::setup_remove_aspect(l, n())
                on:click=move |_| form.remove_aspect(key)>
                {t::setup_remove(l)}
            </button>
            {move || {
                form.second_on.get().then(|| {
                    view! {
                        <input
                            type="text"
                            class="aspect-second"
                            id=format!("aspect-{key}-second")
                            aria-label=move || t::setup_second_aspect_n(l, n())
                            maxlength=ASPECT_MAX.to_string()
                            prop:value=move || item.second.get()
                            on:input=move |ev| item.second.set(event_target_value(&ev))
                        />
                    }
                })
            }}
        </li>
    }
}

/// "Session settings": the switches and the privacy threshold.
#[component]
pub fn SessionSettings(form: WorkshopForm) -> impl IntoView {
    let l = use_lang();
    let switch = move |(i, switch): (usize, Switch)| {
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    id=format!("setting-{i}")
                    prop:checked=move || form.settings.with(|s| (switch.get)(s))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        form.settings.update(|s| (switch.set)(s, on));
                    }
                />
                {(switch.label)(l)}
            </label>
        }
    };
    view! {
        <fieldset class="settings new-settings">
            <legend>{t::setup_settings(l)}</legend>
            <p class="hint">{t::setup_settings_hint(l)}</p>
            {SWITCHES.into_iter().enumerate().map(switch).collect_view()}
            <Field
                id="min-pairs"
                label=min_pairs_label(l)
                class="field min-pairs-field"
                hint=t::setup_min_pairs_hint(l)
                error=Signal::derive(move || form.message(MIN_PAIRS_LABEL))
                error_id="form-error"
            >
                <input
                    type="number"
                    id="min-pairs"
                    min="1"
                    max=MAX_MIN_PAIRS.to_string()
                    step="1"
                    value=form.threshold.get_untracked()
                    aria-invalid=move || form.invalid(MIN_PAIRS_LABEL).then_some("true")
                    aria-describedby=move || if form.invalid(MIN_PAIRS_LABEL) { "form-error" } else { "min-pairs-hint" }
                    on:input=move |ev| form.threshold.set(event_target_value(&ev))
                />
            </Field>
        </fieldset>
    }
}
