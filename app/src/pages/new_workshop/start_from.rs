//! "Start from…" on `/new`: fill the form from a template file (read in the browser) or from
//! an earlier workshop of this server (listed only to someone signed in to the research area,
//! whose admin cookie the list needs). Either way the form gets the template's title,
//! question, poles, aspects and settings, and remembers the template's ids; the site is left
//! for the facilitator to type.

use leptos::prelude::*;

use crate::api::template::TEMPLATE_FIELD;
use crate::api::{ApiError, EarlierWorkshop, Refused, TemplateError, WorkshopTemplate, calls};
use crate::components::field::Field;
use crate::i18n::{Lang, t, use_lang};

/// What the list of earlier workshops shows.
#[derive(Clone, Debug, PartialEq)]
enum Earlier {
    /// Waiting for the answer (and on the server-rendered page).
    Checking,
    /// 401: not signed in to the research area.
    SignedOut,
    /// This server's workshops, newest first.
    Listed(Vec<EarlierWorkshop>),
    /// Another refusal, in the server's words.
    Failed(String),
}

/// Where a template came from, for the status line.
enum Source {
    /// A file, by its name.
    File(String),
    /// An earlier workshop, by its site and date.
    Workshop { site: String, date: String },
}

/// The file input and the list of earlier workshops. `on_load` fills the form; `error` is the
/// page's one alert, shown here when it is about the template.
#[component]
pub fn StartFrom(on_load: Callback<WorkshopTemplate>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let l = use_lang();
    let hydrated = crate::components::use_hydrated();
    let earlier = RwSignal::new(Earlier::Checking);
    let status = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            earlier.set(match calls::earlier_workshops().await {
                Ok(list) => Earlier::Listed(list),
                Err(Refused::SignedOut) => Earlier::SignedOut,
                Err(other) => Earlier::Failed(other.error_in(l).error),
            });
        });
    });
    let loaded = move |template: WorkshopTemplate, from: Source| {
        let count = template.aspects.len();
        status.set(Some(match from {
            Source::File(name) => t::setup_filled_from_file(l, name, &template.title, count),
            Source::Workshop { site, date } => t::setup_filled_from_workshop(l, site, date, &template.title, count),
        }));
        error.set(None);
        on_load.run(template);
    };
    let refuse = move |e: TemplateError| {
        status.set(None);
        error.set(Some(ApiError { error: e.text(l), field: Some(TEMPLATE_FIELD.into()) }));
    };
    let read_file = move |_| {
        leptos::task::spawn_local(async move {
            match chosen_file_text(l, "template-file").await {
                Ok(None) => {}
                Ok(Some((name, text))) => match WorkshopTemplate::parse(&text) {
                    Ok(template) => loaded(template, Source::File(name)),
                    Err(e) => refuse(e),
                },
                Err(e) => refuse(e),
            }
        });
    };
    let invalid = move || error.with(|e| e.as_ref().and_then(|e| e.field.as_deref()) == Some(TEMPLATE_FIELD));
    let earlier_item = move |w: EarlierWorkshop| {
        let name = format!("{} ({}, {})", w.template.title, w.site, w.date);
        let (site, date) = (w.site.clone(), w.date.clone());
        let template = w.template.clone();
        view! {
            <li>
                <button
                    type="button"
                    class="small"
                    // Starts with the visible "Use" (WCAG 2.5.3, label in name).
                    aria-label=t::setup_use_label(l, &name)
                    on:click=move |_| {
                        loaded(template.clone(), Source::Workshop { site: site.clone(), date: date.clone() })
                    }
                >
                    {t::setup_use(l)}
                </button>
                <span>{name}</span>
                <span class="hint">{format!(" · {}", t::setup_earlier_aspects(l, w.template.aspects.len()))}</span>
            </li>
        }
    };

    view! {
        <section class="start-from" aria-labelledby="start-from-heading">
            <h2 id="start-from-heading">{t::setup_start_from_heading(l)}</h2>
            <p class="hint">{t::setup_start_from_hint(l)}</p>
            <Field
                id="template-file"
                label=t::setup_template_file(l)
                error=Signal::derive(move || {
                    error.with(|e| e.as_ref().filter(|e| e.field.as_deref() == Some(TEMPLATE_FIELD)).map(|e| e.error.clone()))
                })
                error_id="form-error"
            >
                <input
                    type="file"
                    id="template-file"
                    accept=".json,application/json"
                    disabled=move || !hydrated.get()
                    aria-invalid=move || invalid().then_some("true")
                    aria-describedby=move || invalid().then_some("form-error")
                    on:change=read_file
                />
            </Field>
            <div class="earlier" role="group" aria-labelledby="earlier-heading">
                <h3 id="earlier-heading">{t::setup_earlier_heading(l)}</h3>
                {move || match earlier.get() {
                    Earlier::Checking => view! { <p class="hint">{t::setup_earlier_checking(l)}</p> }.into_any(),
                    Earlier::SignedOut => view! {
                        <p class="hint">
                            {t::setup_earlier_signed_out(l)}
                            " "
                            <a href="/research">{t::setup_earlier_sign_in(l)}</a>
                            " "
                            {t::setup_earlier_signed_out_end(l)}
                        </p>
                    }
                    .into_any(),
                    Earlier::Failed(message) => view! { <p class="hint">{message}</p> }.into_any(),
                    Earlier::Listed(list) if list.is_empty() => {
                        view! { <p class="hint">{t::setup_earlier_none(l)}</p> }.into_any()
                    }
                    Earlier::Listed(list) => view! {
                        <ul class="earlier-list">{list.into_iter().map(earlier_item).collect_view()}</ul>
                    }
                    .into_any(),
                }}
            </div>
            <p role="status" class="template-status" id="template-status">{move || status.get()}</p>
        </section>
    }
    .into_any()
}

/// Sets the `<input>` or `<textarea>` with this id to `value`, as if typed: the form reads
/// what is in its fields when it is sent (see `NewWorkshopPage`).
#[cfg(feature = "hydrate")]
pub fn set_field_value(id: &str, value: &str) {
    use wasm_bindgen::JsCast;
    let Some(element) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    match element.dyn_into::<web_sys::HtmlInputElement>() {
        Ok(input) => input.set_value(value),
        Err(element) => {
            if let Ok(area) = element.dyn_into::<web_sys::HtmlTextAreaElement>() {
                area.set_value(value);
            }
        }
    }
}

/// The name and text of the file chosen in the file input with this id; `None` when no file is
/// chosen. A file larger than a template can be is refused before it is read. (`files`,
/// `size` and `text()` are read through `Reflect`, so the build needs no more `web-sys`
/// features.)
#[cfg(feature = "hydrate")]
async fn chosen_file_text(l: Lang, input_id: &str) -> Result<Option<(String, String)>, TemplateError> {
    use crate::api::template::TEMPLATE_MAX_BYTES;
    use js_sys::{Function, Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    let unreadable = |_| TemplateError::Unreadable(t::setup_file_unreadable(l).into());
    let Some(input) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(input_id)) else {
        return Ok(None);
    };
    let files = Reflect::get(&input, &JsValue::from_str("files")).map_err(unreadable)?;
    let file = Reflect::get_u32(&files, 0).map_err(unreadable)?;
    if file.is_undefined() || file.is_null() {
        return Ok(None);
    }
    let name = Reflect::get(&file, &JsValue::from_str("name")).ok().and_then(|n| n.as_string()).unwrap_or_default();
    let size = Reflect::get(&file, &JsValue::from_str("size")).ok().and_then(|s| s.as_f64()).unwrap_or(0.0);
    if size > TEMPLATE_MAX_BYTES as f64 {
        return Err(TemplateError::TooLarge { kib: (size / 1024.0).ceil() as usize });
    }
    let text: Function =
        Reflect::get(&file, &JsValue::from_str("text")).and_then(|f| f.dyn_into()).map_err(unreadable)?;
    let promise: Promise = text.call0(&file).and_then(|p| p.dyn_into()).map_err(unreadable)?;
    let text = wasm_bindgen_futures::JsFuture::from(promise).await.map_err(unreadable)?;
    Ok(Some((name, text.as_string().unwrap_or_default())))
}

/// The server build never reads files (event handlers do not run there).
#[cfg(not(feature = "hydrate"))]
pub fn set_field_value(_id: &str, _value: &str) {}

#[cfg(not(feature = "hydrate"))]
async fn chosen_file_text(_l: Lang, _input_id: &str) -> Result<Option<(String, String)>, TemplateError> {
    Ok(None)
}
