//! "Information sheet and consent" on the facilitator's console: the version pairs agree to
//! now, and the sheet's fields to add one or change it. A changed text or statement needs a new
//! version (the server refuses a reused one with a sentence that suggests the next); pairs are
//! then asked again on their next screen open. Saved over HTTP (`PUT /f/{secret}/consent-sheet`),
//! since a sheet can be longer than a websocket message; every screen hears of it at once.

use leptos::prelude::*;

use crate::api::{ApiError, SheetSaved, calls};
use crate::browser;
use crate::components::sheet_editor::{SheetEditor, SheetFields, sheet_focus_id};
use crate::domain::consent::SheetVersion;
use crate::i18n::{Lang, t, use_lang};
use crate::live::Live;

/// What the section says about the workshop's current sheet.
pub fn sheet_note(l: Lang, current: Option<&SheetVersion>) -> String {
    match current {
        None => t::console_sheet_none(l).to_string(),
        Some(v) => t::console_sheet_note(l, v.sheet.statements.len(), &v.sheet.version, &v.sheet.title),
    }
}

/// What the status line says after a save.
pub fn saved_note(l: Lang, saved: &SheetSaved) -> String {
    if saved.changed {
        t::console_sheet_saved(l, &saved.version)
    } else {
        t::console_sheet_unchanged(l, &saved.version)
    }
}

#[component]
pub fn SheetControl(live: Live, secret: Memo<String>) -> impl IntoView {
    let l = use_lang();
    let current = Memo::new(move |_| live.view.with(|v| v.as_ref().and_then(|v| v.current_sheet().cloned())));
    let fields = SheetFields::new(l);
    let editing = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let status = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let open = move |_| {
        if let Some(v) = current.get_untracked() {
            fields.fill(&v.sheet);
        }
        error.set(None);
        status.set(String::new());
        editing.set(true);
        browser::focus_later("sheet-title".into());
    };
    let save = move || {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let secret = secret.get_untracked();
        let sheet = fields.sheet();
        leptos::task::spawn_local(async move {
            let answer = calls::set_consent_sheet(&secret, &sheet).await;
            busy.set(false);
            match answer {
                Ok(saved) => {
                    error.set(None);
                    editing.set(false);
                    status.set(saved_note(l, &saved));
                    browser::focus_later("edit-sheet".into());
                }
                Err(refused) => {
                    let e = refused.error_in(l);
                    let focus = e.field.as_deref().and_then(sheet_focus_id).unwrap_or("save-sheet");
                    status.set(String::new());
                    error.set(Some(e));
                    browser::focus_later(focus.into());
                }
            }
        });
    };
    let form_error = move || {
        error.with(|e| {
            e.as_ref().filter(|e| e.field.as_deref().and_then(sheet_focus_id).is_none()).map(|e| e.error.clone())
        })
    };
    view! {
        <section class="console-sheet" aria-labelledby="sheet-heading">
            <h2 id="sheet-heading">{t::console_sheet_heading(l)}</h2>
            <p id="sheet-now">{move || sheet_note(l, current.get().as_ref())}</p>
            <Show
                when=move || editing.get()
                fallback=move || {
                    view! {
                        <button type="button" id="edit-sheet" on:click=open>
                            {move || if current.with(Option::is_some) { t::console_change_sheet(l) } else { t::console_add_sheet(l) }}
                        </button>
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
                    <SheetEditor
                        fields
                        error
                        version_hint=t::console_version_hint(l)
                    />
                    {move || form_error().map(|text| view! { <p role="alert" class="form-error">{text}</p> })}
                    <div class="button-row">
                        <button type="submit" id="save-sheet" class="primary" disabled=move || busy.get()>
                            {t::console_save_sheet(l)}
                        </button>
                        <button type="button" id="cancel-sheet" on:click=move |_| {
                            editing.set(false);
                            error.set(None);
                            browser::focus_later("edit-sheet".into());
                        }>
                            {t::cancel(l)}
                        </button>
                    </div>
                </form>
            </Show>
            <p class="sheet-status" role="status" aria-live="polite">{move || status.get()}</p>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::consent::ConsentSheet;

    #[test]
    fn the_notes_say_what_pairs_are_asked() {
        assert_eq!(sheet_note(Lang::EN, None), "No information sheet: pairs go straight to the board after joining.");
        let v = SheetVersion {
            sheet: ConsentSheet {
                title: "Sheet".into(),
                version: "2".into(),
                text: "Text.".into(),
                statements: vec!["I agree.".into()],
            },
            set_at: 0,
        };
        assert_eq!(
            sheet_note(Lang::EN, Some(&v)),
            "Pairs agree to version 2 of \u{201c}Sheet\u{201d} (1 statement) before the board opens."
        );
        assert!(
            saved_note(Lang::EN, &SheetSaved { version: "2".into(), changed: true })
                .starts_with("Saved: version 2 is current.")
        );
        assert!(saved_note(Lang::EN, &SheetSaved { version: "2".into(), changed: false }).starts_with("Unchanged"));
    }
}
