//! The new-workshop form's state: what is typed, the aspect rows, the settings, the one error,
//! and what the buttons do.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use uuid::Uuid;

use super::check::{bad_setting, check_form, error_place, focus_id};
use super::start_from::set_field_value;
use crate::api::calls;
use crate::api::{ApiError, NewWorkshop, TemplateRef, WorkshopTemplate};
use crate::browser;
use crate::components::sheet_editor::SheetFields;
use crate::domain::session::{parse_deadline, parse_min_pairs};
use crate::domain::validate::MAX_ASPECTS;
use crate::domain::{Settings, default_content};
use crate::i18n::{Lang, use_lang};

/// One row of the aspects list.
#[derive(Clone, Copy)]
pub struct AspectItem {
    pub key: usize,
    pub text: RwSignal<String>,
    /// Its text in the second language (sent while the form has one).
    pub second: RwSignal<String>,
    /// The template aspect this row was loaded from: it stays with the row whatever is typed
    /// into it, and leaves with it when the row is removed.
    template_aspect_id: Option<Uuid>,
}

impl AspectItem {
    fn new(key: usize, text: &str, template_aspect_id: Option<Uuid>) -> AspectItem {
        AspectItem {
            key,
            text: RwSignal::new(text.to_string()),
            second: RwSignal::new(String::new()),
            template_aspect_id,
        }
    }
}

/// Everything the form's pieces share. `Copy`, like the signals inside it.
#[derive(Clone, Copy)]
pub struct WorkshopForm {
    pub title: RwSignal<String>,
    pub site: RwSignal<String>,
    pub question: RwSignal<String>,
    pub left_pole: RwSignal<String>,
    pub right_pole: RwSignal<String>,
    pub aspects: RwSignal<Vec<AspectItem>>,
    /// The key the next new row gets (keys are never reused, so ids stay unique).
    next_key: StoredValue<usize>,
    pub settings: RwSignal<Settings>,
    /// The privacy threshold as typed (checked when the form is sent).
    pub threshold: RwSignal<String>,
    /// The template the form was filled from, if any.
    template_id: RwSignal<Option<Uuid>>,
    /// "Delete after" as typed (`YYYY-MM-DD` from the date field, or empty).
    pub delete_after: RwSignal<String>,
    /// "Withdrawal deadline" as typed (`YYYY-MM-DD`, or empty: none).
    pub withdrawal_deadline: RwSignal<String>,
    /// Whether the workshop has an information sheet pairs agree to before the board.
    pub sheet_on: RwSignal<bool>,
    /// The information sheet as typed (sent only while [`Self::sheet_on`]).
    pub sheet: SheetFields,
    /// The page's one error, shown next to what it is about.
    pub error: RwSignal<Option<ApiError>>,
    pub busy: RwSignal<bool>,
    /// "Also in a second language", and its language and texts (each aspect's is in its row).
    pub second_on: RwSignal<bool>,
    pub second_language: RwSignal<String>,
    pub second_question: RwSignal<String>,
    pub second_left_pole: RwSignal<String>,
    pub second_right_pole: RwSignal<String>,
    /// The page's language (the words of the form's own checks).
    pub l: Lang,
}

/// What is in a field now: the page's own value (which includes anything typed before the
/// WebAssembly hydrated the page), else the signal that mirrors it.
fn typed(id: &str, signal: RwSignal<String>) -> String {
    browser::field_value(id).unwrap_or_else(|| signal.get_untracked())
}

impl WorkshopForm {
    /// The form as it first shows: the default question, poles and aspects.
    pub fn new() -> Self {
        let l = use_lang();
        let (question, left_pole, right_pole, aspects) = default_content(l);
        WorkshopForm {
            title: RwSignal::new(String::new()),
            site: RwSignal::new(String::new()),
            question: RwSignal::new(question.to_string()),
            left_pole: RwSignal::new(left_pole.to_string()),
            right_pole: RwSignal::new(right_pole.to_string()),
            next_key: StoredValue::new(aspects.len()),
            aspects: RwSignal::new(
                aspects.iter().enumerate().map(|(key, text)| AspectItem::new(key, text, None)).collect(),
            ),
            settings: RwSignal::new(Settings::default()),
            threshold: RwSignal::new(Settings::default().min_pairs.to_string()),
            template_id: RwSignal::new(None),
            delete_after: RwSignal::new(String::new()),
            withdrawal_deadline: RwSignal::new(String::new()),
            sheet_on: RwSignal::new(false),
            sheet: SheetFields::new(l),
            error: RwSignal::new(None),
            busy: RwSignal::new(false),
            second_on: RwSignal::new(false),
            second_language: RwSignal::new(l.other().code().to_string()),
            second_question: RwSignal::new(String::new()),
            second_left_pole: RwSignal::new(String::new()),
            second_right_pole: RwSignal::new(String::new()),
            l,
        }
    }

    /// Whether the error is about the field with this label.
    pub fn invalid(self, field: &'static str) -> bool {
        self.error.with(|e| e.as_ref().and_then(|e| e.field.as_deref()) == Some(field))
    }

    /// The error's text when it is shown at `place` (a field's label, or `"form"`).
    pub fn message(self, place: &'static str) -> Option<String> {
        self.error.with(|e| e.as_ref().filter(|e| error_place(e.field.as_deref()) == place).map(|e| e.error.clone()))
    }

    pub fn add_aspect(self) {
        if self.aspects.with_untracked(Vec::len) >= MAX_ASPECTS {
            return;
        }
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        self.aspects.update(|list| list.push(AspectItem::new(key, "", None)));
        browser::focus_later(format!("aspect-{key}"));
    }

    pub fn move_aspect(self, key: usize, up: bool) {
        self.aspects.update(|list| {
            let Some(i) = list.iter().position(|a| a.key == key) else { return };
            let j = if up { i.checked_sub(1) } else { Some(i + 1).filter(|j| *j < list.len()) };
            if let Some(j) = j {
                list.swap(i, j);
            }
        });
        browser::focus_later(format!("aspect-{key}-{}", if up { "up" } else { "down" }));
    }

    /// Removes a row; focus goes to the next row's "Remove" (else the previous one's, else
    /// "Add aspect").
    pub fn remove_aspect(self, key: usize) {
        let mut next_focus = "add-aspect".to_string();
        self.aspects.update(|list| {
            if let Some(i) = list.iter().position(|a| a.key == key) {
                list.remove(i);
                if let Some(next) = list.get(i).or_else(|| i.checked_sub(1).and_then(|p| list.get(p))) {
                    next_focus = format!("aspect-{}-remove", next.key);
                }
            }
        });
        browser::focus_later(next_focus);
    }

    /// Fills the form from a template: every field but the site, in the signals and in the
    /// page's fields (which are what is sent).
    pub fn load_template(self, t: WorkshopTemplate) {
        for (id, signal, value) in [
            ("title", self.title, &t.title),
            ("question", self.question, &t.question),
            ("left-pole", self.left_pole, &t.left_pole),
            ("right-pole", self.right_pole, &t.right_pole),
        ] {
            signal.set(value.clone());
            set_field_value(id, value);
        }
        let first = self.next_key.get_value();
        self.next_key.set_value(first + t.aspects.len());
        self.aspects.set(
            t.aspects.iter().enumerate().map(|(i, a)| AspectItem::new(first + i, &a.text, Some(a.aspect_id))).collect(),
        );
        match &t.second_language {
            Some(second) => {
                self.second_on.set(true);
                self.second_language.set(second.language.clone());
                self.second_question.set(second.question.clone());
                self.second_left_pole.set(second.left_pole.clone());
                self.second_right_pole.set(second.right_pole.clone());
                self.aspects.with_untracked(|rows| {
                    for (row, text) in rows.iter().zip(&second.aspects) {
                        row.second.set(text.clone());
                    }
                });
            }
            None => self.second_on.set(false),
        }
        self.settings.set(t.settings);
        self.threshold.set(t.settings.min_pairs.to_string());
        set_field_value("min-pairs", &t.settings.min_pairs.to_string());
        self.template_id.set(Some(t.template_id));
        browser::focus_later("site".into());
    }

    /// Shows the error where it belongs and moves the focus there.
    fn show(self, e: ApiError) {
        let id = focus_id(error_place(e.field.as_deref()));
        self.error.set(Some(e));
        browser::focus_later(id.into());
    }

    /// Checks the form as the server would, then creates the workshop and opens its console.
    pub fn submit(self, ev: SubmitEvent) {
        ev.prevent_default();
        if self.busy.get_untracked() {
            return;
        }
        let min_pairs = match parse_min_pairs(&typed("min-pairs", self.threshold), self.l) {
            Ok(n) => n,
            Err(e) => return self.show(bad_setting(e)),
        };
        let withdrawal_deadline = match parse_deadline(&typed("withdrawal-deadline", self.withdrawal_deadline), self.l)
        {
            Ok(day) => day,
            Err(e) => return self.show(bad_setting(e)),
        };
        let rows = self.aspects.get_untracked();
        let form = NewWorkshop {
            title: typed("title", self.title),
            site: typed("site", self.site),
            question: typed("question", self.question),
            left_pole: typed("left-pole", self.left_pole),
            right_pole: typed("right-pole", self.right_pole),
            aspects: rows.iter().map(|a| typed(&format!("aspect-{}", a.key), a.text)).collect(),
            settings: Some(Settings { min_pairs, withdrawal_deadline, ..self.settings.get_untracked() }),
            template: self.template_id.get_untracked().map(|template_id| TemplateRef {
                template_id,
                aspect_ids: rows.iter().map(|a| a.template_aspect_id).collect(),
            }),
            delete_after: Some(typed("delete-after", self.delete_after)),
            consent_sheet: self.sheet_on.get_untracked().then(|| self.sheet.sheet()),
            second_language: self.second_language_typed(),
        };
        let body = match check_form(&form, self.l) {
            Ok(body) => body,
            Err(e) => return self.show(e),
        };
        self.busy.set(true);
        self.error.set(None);
        leptos::task::spawn_local(async move {
            match calls::create_workshop(&body).await {
                Ok(created) => browser::go_to(&created.console_path),
                Err(refused) => {
                    self.busy.set(false);
                    self.show(refused.error_in(self.l));
                }
            }
        });
    }
}
