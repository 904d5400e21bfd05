//! The inline "are you sure?" every destructive button asks first.

use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;

/// A group with the question (`children`), a "Yes, …" button and "Cancel". It replaces
/// nothing on the page: the button that opened it stays where it is, so focus can go back.
#[component]
pub fn Confirm(
    /// The group's name, where the question has no id to point at (`aria-label`).
    #[prop(optional)]
    label: Option<&'static str>,
    /// The question's id, which names the group (`aria-labelledby`).
    #[prop(optional, into)]
    labelled_by: Option<String>,
    /// The group's classes.
    #[prop(default = Some("confirm"))]
    class: Option<&'static str>,
    /// Part of a line of text (a `<span>`) rather than a block (a `<div>`).
    #[prop(optional)]
    inline: bool,
    /// Whether Escape inside the group cancels.
    #[prop(optional)]
    escape: bool,
    /// The "Yes, …" button's text, which may say that the answer is awaited.
    #[prop(into)]
    yes: Signal<&'static str>,
    #[prop(optional, into)] yes_id: Option<String>,
    #[prop(into)] disabled: Signal<bool>,
    #[prop(into)] on_yes: Callback<()>,
    #[prop(optional, into)] cancel_id: Option<String>,
    #[prop(into)] on_cancel: Callback<()>,
    children: Children,
) -> impl IntoView {
    let group = view! {
        <{..}
            role="group"
            aria-label=label
            aria-labelledby=labelled_by
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if escape && ev.key() == "Escape" {
                    ev.prevent_default();
                    on_cancel.run(());
                }
            }
        />
    };
    // Not `class=`, which writes `class=""` when there is none.
    let group = (custom_attribute("class", class), group);
    let answers = view! {
        {children()}
        <button type="button" class="danger" id=yes_id disabled=move || disabled.get() on:click=move |_| on_yes.run(())>
            {move || yes.get()}
        </button>
        <button type="button" id=cancel_id on:click=move |_| on_cancel.run(())>
            {crate::i18n::t::cancel(crate::i18n::use_lang())}
        </button>
    };
    if inline {
        view! { <span {..group}>{answers}</span> }.into_any()
    } else {
        view! { <div {..group}>{answers}</div> }.into_any()
    }
}
