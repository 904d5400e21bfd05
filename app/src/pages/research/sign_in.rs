//! The researcher area's "Admin key" form.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::Page;
use crate::browser;
use crate::components::field::{Field, FormError};
use crate::i18n::{t, use_lang};

/// The "Admin key" form.
#[component]
pub(super) fn SignIn(page: Page) -> impl IntoView {
    let l = use_lang();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if page.busy.get_untracked() {
            return;
        }
        let key = browser::field_value("admin-key").unwrap_or_default();
        leptos::task::spawn_local(page.sign_in(key));
    };
    let has_error = move || page.login_error.with(Option::is_some);
    view! {
        <section class="research-sign-in" aria-labelledby="sign-in-heading">
            <h2 id="sign-in-heading">{t::research_sign_in(l)}</h2>
            {move || page.error.get().map(|e| view! { <FormError id=None text=e.error/> })}
            <form class="stack" novalidate on:submit=submit>
                <Field
                    id="admin-key"
                    label=t::research_admin_key(l)
                    hint=t::research_admin_key_hint(l)
                    error=Signal::derive(move || page.login_error.get().map(|e| e.error))
                    error_id="admin-key-error"
                >
                    <input
                        type="password"
                        id="admin-key"
                        autocomplete="current-password"
                        spellcheck="false"
                        aria-invalid=move || has_error().then_some("true")
                        aria-describedby=move || {
                            if has_error() { "admin-key-error admin-key-hint" } else { "admin-key-hint" }
                        }
                    />
                </Field>
                <button type="submit" class="primary" id="sign-in" disabled=move || page.busy.get()>
                    {move || if page.busy.get() { t::research_signing_in(l) } else { t::research_sign_in(l) }}
                </button>
            </form>
        </section>
    }
    .into_any()
}
