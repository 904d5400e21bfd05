//! "Import archive": a workshop exported from another server (its "Download (zip)") becomes
//! a workshop here, under its own id. The server checks every file against the archive's
//! manifest and replays its event log before anything is created, and says what is wrong
//! with an archive it refuses.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::{Access, Page};
use crate::api::{Refused, calls};
use crate::i18n::{t, use_lang};

/// The file input's id.
const FILE_INPUT: &str = "import-file";

#[component]
pub(super) fn ImportArchive(page: Page) -> impl IntoView {
    let l = use_lang();
    let busy = RwSignal::new(false);
    // What the last import did: Ok(sentence) or Err(the server's reason).
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let import = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = calls::import_archive(FILE_INPUT).await;
            busy.set(false);
            match answer {
                None => outcome.set(Some(Err(t::research_import_choose_file(l).into()))),
                Some(Ok(w)) => {
                    outcome.set(Some(Ok(t::research_imported(l, &w.title, &w.site))));
                    // Only the list: reloading the page's state would redraw this form.
                    if let Ok(list) = calls::research_workshops().await {
                        page.workshops.set(list);
                    }
                }
                Some(Err(Refused::SignedOut)) => page.access.set(Access::SignedOut),
                Some(Err(refused)) => outcome.set(Some(Err(refused.error_in(l).error))),
            }
        });
    };
    view! {
        <form class="research-import" on:submit=import aria-labelledby="import-heading">
            <h3 id="import-heading">{t::research_import(l)}</h3>
            <p class="hint">{t::research_import_hint(l)}</p>
            <div class="field">
                <label for=FILE_INPUT>{t::research_import_file(l)}</label>
                <input type="file" id=FILE_INPUT accept=".zip,application/zip"/>
            </div>
            <button type="submit" disabled=move || busy.get()>
                {move || if busy.get() { t::research_importing(l) } else { t::research_import(l) }}
            </button>
            {move || {
                outcome
                    .get()
                    .map(|o| match o {
                        Ok(text) => view! { <p role="status" class="form-ok">{text}</p> }.into_any(),
                        Err(text) => view! { <p role="alert" class="form-error">{text}</p> }.into_any(),
                    })
            }}
        </form>
    }
    .into_any()
}
