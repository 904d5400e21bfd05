//! A form field as every form here writes it: the label, the control, a hint, the error.

use leptos::prelude::*;

/// The form's alert (`role="alert"`): what went wrong, in words the user can act on.
#[component]
pub fn FormError(
    /// An id for `aria-describedby`; `None` where nothing points at the message.
    #[prop(optional_no_strip)]
    id: Option<&'static str>,
    #[prop(into)] text: String,
) -> impl IntoView {
    view! { <p role="alert" class="form-error" id=id>{text}</p> }
}

/// A labelled control: the `<label for=id>`, the control itself (`children`, which must
/// carry the same `id`), then the hint and the error, in that order. The control keeps its
/// own `aria-describedby` and `aria-invalid`: only it knows which of hint and error apply.
#[component]
pub fn Field(
    /// The control's id, which the label names.
    id: &'static str,
    label: &'static str,
    /// The wrapper's classes.
    #[prop(default = "field")]
    class: &'static str,
    /// A line under the control, with the id `{id}-hint` for `aria-describedby`.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The message under the field while there is one.
    #[prop(optional, into)]
    error: Option<Signal<Option<String>>>,
    /// The error's id (see [`FormError`]).
    #[prop(optional)]
    error_id: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class=class>
            <label for=id>{label}</label>
            {children()}
            {hint.map(|hint| view! { <p class="hint" id=format!("{id}-hint")>{hint}</p> })}
            {error.map(|error| move || error.get().map(|text| view! { <FormError id=error_id text/> }))}
        </div>
    }
}
