//! "Information sheet and consent" as the facilitator writes it, on the new-workshop form and
//! on the console: a title, a version, the sheet's text and the consent statements each person
//! ticks. The rules are the domain's ([`check_sheet`](crate::domain::consent::check_sheet));
//! an error names its field by label, and shows under that field.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::browser;
use crate::components::field::{Field, FormError};
use crate::domain::consent::{
    ConsentSheet, MAX_STATEMENTS, SHEET_TEXT_MAX, SHEET_TITLE_MAX, SHEET_VERSION_MAX, STATEMENT_MAX, field,
};
use crate::i18n::{Lang, t, use_lang};

/// The statements a new sheet starts with, in `l`: what UK ethics committees usually ask each
/// participant to agree to. The facilitator edits them to the study's own wording.
pub fn default_statements(l: Lang) -> [&'static str; 3] {
    [t::domain_sheet_default_read(l), t::domain_sheet_default_withdraw(l), t::domain_sheet_default_agree(l)]
}

/// The id of the error shown under a sheet field (one at a time).
pub const SHEET_ERROR_ID: &str = "sheet-error";

/// One consent statement row. `key` is never reused, so its ids stay unique.
#[derive(Clone, Copy)]
pub struct StatementRow {
    key: usize,
    text: RwSignal<String>,
}

/// The sheet as typed. `Copy`, like the signals inside it.
#[derive(Clone, Copy)]
pub struct SheetFields {
    pub title: RwSignal<String>,
    pub version: RwSignal<String>,
    pub text: RwSignal<String>,
    statements: RwSignal<Vec<StatementRow>>,
    next_key: StoredValue<usize>,
    /// The owner the fields were made under: a row added or filled in later (from a click)
    /// gets its signal from it, so the signal lives as long as the fields, not as long as the
    /// view that was showing when it was clicked.
    owner: StoredValue<Owner>,
}

impl SheetFields {
    /// A new sheet in `l` (the page's language): a usual title, version 1, no text yet, the
    /// usual statements.
    pub fn new(l: Lang) -> Self {
        let fields = SheetFields {
            title: RwSignal::new(t::domain_sheet_default_title(l).to_string()),
            version: RwSignal::new("1".to_string()),
            text: RwSignal::new(String::new()),
            statements: RwSignal::new(Vec::new()),
            next_key: StoredValue::new(0),
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
        };
        fields.set_statements(default_statements(l).iter().map(|s| s.to_string()));
        fields
    }

    /// Shows `sheet` in the fields (the console's current version).
    pub fn fill(self, sheet: &ConsentSheet) {
        self.title.set(sheet.title.clone());
        self.version.set(sheet.version.clone());
        self.text.set(sheet.text.clone());
        self.set_statements(sheet.statements.iter().cloned());
    }

    /// A row's text signal, owned by the fields' owner.
    fn row(self, key: usize, text: String) -> StatementRow {
        StatementRow { key, text: self.owner.with_value(|owner| owner.with(|| RwSignal::new(text))) }
    }

    fn set_statements(self, texts: impl Iterator<Item = String>) {
        let first = self.next_key.get_value();
        let rows: Vec<StatementRow> = texts.enumerate().map(|(i, text)| self.row(first + i, text)).collect();
        self.next_key.set_value(first + rows.len());
        self.statements.set(rows);
    }

    /// The sheet as typed (the server and [`check_sheet`](crate::domain::consent::check_sheet)
    /// clean it).
    pub fn sheet(self) -> ConsentSheet {
        ConsentSheet {
            title: self.title.get_untracked(),
            version: self.version.get_untracked(),
            text: self.text.get_untracked(),
            statements: self.statements.get_untracked().iter().map(|s| s.text.get_untracked()).collect(),
        }
    }

    fn add_statement(self) {
        if self.statements.with_untracked(Vec::len) >= MAX_STATEMENTS {
            return;
        }
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        let row = self.row(key, String::new());
        self.statements.update(|rows| rows.push(row));
        browser::focus_later(format!("sheet-statement-{key}"));
    }

    /// Removes a row; focus goes to the next row's "Remove", else the previous one's, else
    /// "Add statement".
    fn remove_statement(self, key: usize) {
        let mut next_focus = "sheet-add-statement".to_string();
        self.statements.update(|rows| {
            if let Some(i) = rows.iter().position(|r| r.key == key) {
                rows.remove(i);
                if let Some(next) = rows.get(i).or_else(|| i.checked_sub(1).and_then(|p| rows.get(p))) {
                    next_focus = format!("sheet-statement-{}-remove", next.key);
                }
            }
        });
        browser::focus_later(next_focus);
    }
}

/// The DOM id to focus for an error about the sheet field labelled `field`.
pub fn sheet_focus_id(label: &str) -> Option<&'static str> {
    match label {
        field::TITLE => Some("sheet-title"),
        field::VERSION => Some("sheet-version"),
        field::TEXT => Some("sheet-text"),
        field::STATEMENTS => Some("sheet-statements-legend"),
        _ => None,
    }
}

/// The sheet's fields. `error` is the form's one error: shown here when it names one of them
/// (by the English label in [`field`]; the labels shown are the page language's).
#[component]
pub fn SheetEditor(
    fields: SheetFields,
    #[prop(into)] error: Signal<Option<ApiError>>,
    /// A line under the version field (the console says what a new version does).
    #[prop(optional)]
    version_hint: Option<&'static str>,
) -> impl IntoView {
    let l = use_lang();
    let hydrated = crate::components::use_hydrated();
    let invalid = move |label: &'static str| error.with(|e| e.as_ref().and_then(|e| e.field.as_deref()) == Some(label));
    let message = move |label: &'static str| {
        Signal::derive(move || error.with(|e| e.as_ref().filter(|_| invalid(label)).map(|e| e.error.clone())))
    };
    let described = move |id: &'static str, label: &'static str, hint: bool| {
        move || {
            let mut ids = Vec::new();
            if hint {
                ids.push(format!("{id}-hint"));
            }
            if invalid(label) {
                ids.push(SHEET_ERROR_ID.to_string());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let input = move |id: &'static str, label: &'static str, signal: RwSignal<String>, max: usize, hint: bool| {
        view! {
            <input
                type="text"
                id=id
                maxlength=max.to_string()
                prop:value=move || signal.get()
                aria-invalid=move || invalid(label).then_some("true")
                aria-describedby=described(id, label, hint)
                on:input=move |ev| signal.set(event_target_value(&ev))
            />
        }
    };
    let version_field = match version_hint {
        Some(hint) => view! {
            <Field id="sheet-version" label=t::sheet_editor_version(l) hint error=message(field::VERSION) error_id=SHEET_ERROR_ID>
                {input("sheet-version", field::VERSION, fields.version, SHEET_VERSION_MAX, true)}
            </Field>
        }
        .into_any(),
        None => view! {
            <Field id="sheet-version" label=t::sheet_editor_version(l) error=message(field::VERSION) error_id=SHEET_ERROR_ID>
                {input("sheet-version", field::VERSION, fields.version, SHEET_VERSION_MAX, false)}
            </Field>
        }
        .into_any(),
    };
    view! {
        <div class="sheet-editor stack">
            <div class="field-pair">
                <Field id="sheet-title" label=t::sheet_editor_title(l) error=message(field::TITLE) error_id=SHEET_ERROR_ID>
                    {input("sheet-title", field::TITLE, fields.title, SHEET_TITLE_MAX, false)}
                </Field>
                {version_field}
            </div>
            <Field
                id="sheet-text"
                label=t::sheet_editor_text(l)
                hint=t::sheet_editor_text_hint(l)
                error=message(field::TEXT)
                error_id=SHEET_ERROR_ID
            >
                <textarea
                    id="sheet-text"
                    rows="8"
                    maxlength=SHEET_TEXT_MAX.to_string()
                    prop:value=move || fields.text.get()
                    aria-invalid=move || invalid(field::TEXT).then_some("true")
                    aria-describedby=described("sheet-text", field::TEXT, true)
                    on:input=move |ev| fields.text.set(event_target_value(&ev))
                ></textarea>
            </Field>
            <fieldset class="sheet-statements">
                <legend id="sheet-statements-legend" tabindex="-1">{t::sheet_editor_statements(l)}</legend>
                <p class="hint">{t::sheet_editor_statements_hint(l)}</p>
                <ol class="statement-list">
                    <ForEnumerate
                        each=move || fields.statements.get()
                        key=|row| row.key
                        children=move |index, row| {
                            let n = move || index.get() + 1;
                            let key = row.key;
                            view! {
                                <li class="statement-item">
                                    <input
                                        type="text"
                                        id=format!("sheet-statement-{key}")
                                        aria-label=move || t::sheet_editor_statement_n(l, n())
                                        maxlength=STATEMENT_MAX.to_string()
                                        prop:value=move || row.text.get()
                                        aria-invalid=move || invalid(field::STATEMENTS).then_some("true")
                                        on:input=move |ev| row.text.set(event_target_value(&ev))
                                    />
                                    <button
                                        type="button"
                                        class="small danger"
                                        id=format!("sheet-statement-{key}-remove")
                                        aria-label=move || t::sheet_editor_remove_statement(l, n())
                                        on:click=move |_| fields.remove_statement(key)
                                    >
                                        {t::sheet_editor_remove(l)}
                                    </button>
                                </li>
                            }
                        }
                    />
                </ol>
                {move || message(field::STATEMENTS).get().map(|text| view! { <FormError id=Some(SHEET_ERROR_ID) text/> })}
                <button
                    type="button"
                    id="sheet-add-statement"
                    disabled=move || { !hydrated.get() || fields.statements.with(Vec::len) >= MAX_STATEMENTS }
                    on:click=move |_| fields.add_statement()
                >
                    {t::sheet_editor_add_statement(l)}
                </button>
            </fieldset>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_labels_are_the_field_names_errors_use() {
        let en = Lang::EN;
        assert_eq!(t::sheet_editor_title(en), field::TITLE);
        assert_eq!(t::sheet_editor_version(en), field::VERSION);
        assert_eq!(t::sheet_editor_text(en), field::TEXT);
        assert_eq!(t::sheet_editor_statements(en), field::STATEMENTS);
        assert_eq!(t::sheet_editor_statement_n(Lang::CY, 2), "Datganiad 2");
    }

    #[test]
    fn a_new_sheet_starts_in_the_page_s_language() {
        assert_eq!(
            default_statements(Lang::EN),
            [
                "I have read the information sheet and had the chance to ask questions.",
                "I understand that I can withdraw my pair's contributions until the date on the sheet.",
                "I agree to take part in this workshop.",
            ]
        );
        assert_eq!(t::domain_sheet_default_title(Lang::EN), "Information sheet for participants");
        assert!(default_statements(Lang::CY).iter().all(|s| s.starts_with("Rw")));
    }
}
