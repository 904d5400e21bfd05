//! "Start from…" on `/new`: fill the form from a template file (read in the browser) or from
//! an earlier workshop of this server (listed only to someone signed in to the research area,
//! whose admin cookie the list needs). Either way the form gets the template's title,
//! question, poles, aspects and settings, and remembers the template's ids; the site is left
//! for the facilitator to type.

use leptos::prelude::*;

use crate::api::template::TEMPLATE_FIELD;
use crate::api::{ApiError, EarlierWorkshop, Refused, TemplateError, WorkshopTemplate, calls};
use crate::components::field::Field;

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

/// The file input and the list of earlier workshops. `on_load` fills the form; `error` is the
/// page's one alert, shown here when it is about the template.
#[component]
pub fn StartFrom(on_load: Callback<WorkshopTemplate>, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let hydrated = crate::components::use_hydrated();
    let earlier = RwSignal::new(Earlier::Checking);
    let status = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            earlier.set(match calls::earlier_workshops().await {
                Ok(list) => Earlier::Listed(list),
                Err(Refused::SignedOut) => Earlier::SignedOut,
                Err(other) => Earlier::Failed(other.error().error),
            });
        });
    });
    let loaded = move |template: WorkshopTemplate, from: String| {
        status.set(Some(format!(
            "Filled in from {from}: “{}”, {} aspects. Type this site's name below and check the rest. \
             Aspects you reword stay matched with the template's; aspects you add are new.",
            template.title,
            template.aspects.len()
        )));
        error.set(None);
        on_load.run(template);
    };
    let refuse = move |e: TemplateError| {
        status.set(None);
        error.set(Some(ApiError { error: e.to_string(), field: Some(TEMPLATE_FIELD.into()) }));
    };
    let read_file = move |_| {
        leptos::task::spawn_local(async move {
            match chosen_file_text("template-file").await {
                Ok(None) => {}
                Ok(Some((name, text))) => match WorkshopTemplate::parse(&text) {
                    Ok(template) => loaded(template, format!("the file {name}")),
                    Err(e) => refuse(e),
                },
                Err(e) => refuse(e),
            }
        });
    };
    let invalid = move || error.with(|e| e.as_ref().and_then(|e| e.field.as_deref()) == Some(TEMPLATE_FIELD));
    let earlier_item = move |w: EarlierWorkshop| {
        let name = format!("{} ({}, {})", w.template.title, w.site, w.date);
        let from = format!("the workshop at {} on {}", w.site, w.date);
        let template = w.template.clone();
        view! {
            <li>
                <button
                    type="button"
                    class="small"
                    // Starts with the visible "Use" (WCAG 2.5.3, label in name).
                    aria-label=format!("Use: start from “{name}”")
                    on:click=move |_| loaded(template.clone(), from.clone())
                >
                    "Use"
                </button>
                <span>{name}</span>
                <span class="hint">{format!(" · {} aspects", w.template.aspects.len())}</span>
            </li>
        }
    };

    view! {
        <section class="start-from" aria-labelledby="start-from-heading">
            <h2 id="start-from-heading">"Start from a template or an earlier workshop"</h2>
            <p class="hint">
                "The same exercise at every site: start from the template another site saved (its console's \
                 “Save as template”), and this workshop's aspects are matched with theirs when sites are compared."
            </p>
            <Field
                id="template-file"
                label="Start from a template file"
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
                <h3 id="earlier-heading">"Start from an earlier workshop"</h3>
                {move || match earlier.get() {
                    Earlier::Checking => view! { <p class="hint">"Looking for earlier workshops on this server…"</p> }.into_any(),
                    Earlier::SignedOut => view! {
                        <p class="hint">
                            "This server's earlier workshops are listed here for researchers: "
                            <a href="/research">"sign in at /research"</a>
                            " and come back to this page, or use a template file."
                        </p>
                    }
                    .into_any(),
                    Earlier::Failed(message) => view! { <p class="hint">{message}</p> }.into_any(),
                    Earlier::Listed(list) if list.is_empty() => {
                        view! { <p class="hint">"There are no earlier workshops on this server yet."</p> }.into_any()
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
async fn chosen_file_text(input_id: &str) -> Result<Option<(String, String)>, TemplateError> {
    use crate::api::template::TEMPLATE_MAX_BYTES;
    use js_sys::{Function, Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    let unreadable = |_| TemplateError::Unreadable("the browser could not read the file".into());
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
async fn chosen_file_text(_input_id: &str) -> Result<Option<(String, String)>, TemplateError> {
    Ok(None)
}
