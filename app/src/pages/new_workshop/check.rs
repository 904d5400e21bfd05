//! The new-workshop form's own checks: the server's rules, run before the round trip, and
//! where each error is shown.

use crate::api::template::TEMPLATE_FIELD;
use crate::api::{ApiError, DELETE_AFTER_FIELD, NewWorkshop, TemplateRef};
use crate::components::sheet_editor::sheet_focus_id;
use crate::domain::consent::{ConsentSheet, SheetCheck, check_sheet, field as sheet_field};
use crate::domain::session::{BadSetting, DEADLINE_LABEL, MIN_PAIRS_LABEL};
use crate::domain::validate::{InvalidInput, POLE_MAX, QUESTION_MAX, SITE_MAX, TITLE_MAX, clean_aspects, clean_text};
use crate::i18n::Lang;

/// Checks the form with the same rules the server applies, so most mistakes are shown without
/// a round trip. The error names the field by its visible label, like the server's. The
/// template's aspect ids are kept in step with the aspects (blank rows leave with theirs).
/// The sentences are in `l`; the field stays its English name.
pub fn check_form(form: &NewWorkshop, l: Lang) -> Result<NewWorkshop, ApiError> {
    let fail =
        |field: &'static str| move |e: InvalidInput| ApiError { error: e.text(l), field: Some(field.to_string()) };
    let template = form.template.as_ref().map(|t| {
        t.kept_aspect_ids(&form.aspects)
            .map(|aspect_ids| TemplateRef { template_id: t.template_id, aspect_ids })
            .map_err(|e| ApiError { error: e.text(l), field: Some(TEMPLATE_FIELD.to_string()) })
    });
    Ok(NewWorkshop {
        title: clean_text("Title", &form.title, TITLE_MAX).map_err(fail("Title"))?,
        site: clean_text("Site", &form.site, SITE_MAX).map_err(fail("Site"))?,
        question: clean_text("Question", &form.question, QUESTION_MAX).map_err(fail("Question"))?,
        left_pole: clean_text("Left pole", &form.left_pole, POLE_MAX).map_err(fail("Left pole"))?,
        right_pole: clean_text("Right pole", &form.right_pole, POLE_MAX).map_err(fail("Right pole"))?,
        aspects: clean_aspects(&form.aspects).map_err(fail("Aspects"))?,
        settings: form.settings.map(|s| s.check(l).map(|()| s).map_err(bad_setting)).transpose()?,
        template: template.transpose()?,
        delete_after: form.delete_after.as_deref().map(str::trim).filter(|d| !d.is_empty()).map(String::from),
        consent_sheet: form.consent_sheet.as_ref().map(|s| check_new_sheet(s, l)).transpose()?,
        second_language: form
            .second_language
            .as_ref()
            .map(|s| check_second_language(s, &form.aspects, l))
            .transpose()?,
    })
}

/// A new workshop's second language, checked by the server's rule
/// ([`NewSecondLanguage::checked`](crate::api::NewSecondLanguage::checked)), its aspects'
/// texts aligned with the aspects that are kept; the refusal in `l`.
fn check_second_language(
    second: &crate::api::NewSecondLanguage,
    aspects: &[String],
    l: Lang,
) -> Result<crate::api::NewSecondLanguage, ApiError> {
    second
        .checked(aspects)
        .map_err(|e| ApiError { error: e.text(l), field: Some(crate::api::SECOND_LANGUAGE_FIELD.to_string()) })
}

/// A new workshop's information sheet, checked and cleaned by the server's rule (the refusal in
/// `l`).
pub fn check_new_sheet(sheet: &ConsentSheet, l: Lang) -> Result<ConsentSheet, ApiError> {
    match check_sheet(sheet, &[], l) {
        Ok(SheetCheck::NewVersion(sheet)) => Ok(sheet),
        Ok(SheetCheck::Unchanged) => Ok(sheet.clone()),
        Err(e) => Err(ApiError { error: e.message, field: Some(e.field.to_string()) }),
    }
}

/// A refused setting as the form shows it.
pub fn bad_setting(e: BadSetting) -> ApiError {
    ApiError { error: e.message, field: Some(e.field.to_string()) }
}

/// The labels of the form's fields, as the server names them in [`ApiError::field`].
const FIELDS: [&str; 14] = [
    "Title",
    "Site",
    "Question",
    "Left pole",
    "Right pole",
    "Aspects",
    MIN_PAIRS_LABEL,
    TEMPLATE_FIELD,
    DELETE_AFTER_FIELD,
    sheet_field::TITLE,
    sheet_field::VERSION,
    sheet_field::TEXT,
    sheet_field::STATEMENTS,
    DEADLINE_LABEL,
];

/// Where an error about `field` is shown and what gets focus: the field's label when it is one
/// of ours, otherwise the whole form (message above the submit button).
pub fn error_place(field: Option<&str>) -> &'static str {
    FIELDS.into_iter().find(|f| Some(*f) == field).unwrap_or("form")
}

/// The DOM id to focus for an error shown at `place`.
pub fn focus_id(place: &str) -> &'static str {
    match place {
        "Title" => "title",
        "Site" => "site",
        "Question" => "question",
        "Left pole" => "left-pole",
        "Right pole" => "right-pole",
        "Aspects" => "aspects-legend",
        MIN_PAIRS_LABEL => "min-pairs",
        TEMPLATE_FIELD => "template-file",
        DELETE_AFTER_FIELD => "delete-after",
        sheet_field::TITLE | sheet_field::VERSION | sheet_field::TEXT | sheet_field::STATEMENTS => {
            sheet_focus_id(place).unwrap_or("create-workshop")
        }
        DEADLINE_LABEL => "withdrawal-deadline",
        _ => "create-workshop",
    }
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;
    use crate::domain::{DEFAULT_LEFT_POLE, DEFAULT_QUESTION, DEFAULT_RIGHT_POLE, Settings};

    fn form() -> NewWorkshop {
        NewWorkshop {
            title: " Knowledge exchange ".into(),
            site: "Site 3".into(),
            question: DEFAULT_QUESTION.into(),
            left_pole: DEFAULT_LEFT_POLE.into(),
            right_pole: DEFAULT_RIGHT_POLE.into(),
            aspects: vec!["A".into(), "  ".into(), "B".into()],
            settings: Some(Settings { live_wall: true, min_pairs: 2, ..Settings::default() }),
            template: None,
            delete_after: None,
            consent_sheet: None,
            second_language: None,
        }
    }

    #[test]
    fn the_second_language_goes_with_the_aspects_that_are_kept() {
        let mut f = form();
        f.second_language = Some(crate::api::NewSecondLanguage {
            language: "cy".into(),
            question: "Faint?".into(),
            aspects: vec!["Un".into(), "Dim".into(), "Dau".into()],
            ..Default::default()
        });
        let ok = check_form(&f, Lang::EN).unwrap();
        assert_eq!(ok.aspects, ["A", "B"]);
        assert_eq!(ok.second_language.unwrap().aspects, ["Un", "Dau"], "the blank row's text leaves with it");
        f.second_language.as_mut().unwrap().language = "xx".into();
        let refused = check_form(&f, Lang::CY).unwrap_err();
        assert_eq!(refused.field.as_deref(), Some(crate::api::SECOND_LANGUAGE_FIELD));
        assert!(refused.error.contains("xx") && !refused.error.contains("not a language"), "{}", refused.error);
    }

    #[test]
    fn a_good_form_is_cleaned() {
        let ok = check_form(&form(), Lang::EN).unwrap();
        assert_eq!(ok.title, "Knowledge exchange");
        assert_eq!(ok.aspects, vec!["A".to_string(), "B".to_string()]);
    }

    #[test]
    fn errors_name_the_field_by_its_label() {
        let mut f = form();
        f.site = " ".into();
        assert_eq!(check_form(&f, Lang::EN).unwrap_err().field.as_deref(), Some("Site"));
        let mut f = form();
        f.aspects = vec!["Same".into(), "same".into()];
        let e = check_form(&f, Lang::EN).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("Aspects"));
        assert!(e.error.contains("appears twice"), "{}", e.error);
        assert_eq!(error_place(Some("Right pole")), "Right pole");
        assert_eq!(focus_id(error_place(Some("Aspects"))), "aspects-legend");
        assert_eq!(error_place(None), "form");
        assert_eq!(error_place(Some("Something else")), "form");
    }

    #[test]
    fn settings_are_checked_like_the_console_and_errors_point_at_the_threshold() {
        let ok = check_form(&form(), Lang::EN).unwrap();
        assert_eq!(ok.settings, Some(Settings { live_wall: true, min_pairs: 2, ..Settings::default() }));
        let mut f = form();
        f.settings = None;
        assert_eq!(check_form(&f, Lang::EN).unwrap().settings, None, "left out stays left out: the server's defaults");
        f.settings = Some(Settings { min_pairs: 0, ..Settings::default() });
        let e = check_form(&f, Lang::EN).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("Privacy threshold (pairs)"));
        assert_eq!(e.error, "Privacy threshold: a whole number of pairs from 1 to 20.");
        assert_eq!(focus_id(error_place(e.field.as_deref())), "min-pairs");
    }

    #[test]
    fn the_english_labels_are_the_field_names_errors_use() {
        use crate::i18n::{Lang, t};
        let en = Lang::EN;
        let shown = [
            t::setup_title(en),
            t::setup_site(en),
            t::setup_question(en),
            t::setup_left_pole(en),
            t::setup_right_pole(en),
            t::setup_aspects(en),
            crate::domain::session::min_pairs_label(en),
            t::setup_delete_after(en),
            crate::domain::session::deadline_label(en),
        ];
        let names = [
            "Title",
            "Site",
            "Question",
            "Left pole",
            "Right pole",
            "Aspects",
            MIN_PAIRS_LABEL,
            DELETE_AFTER_FIELD,
            DEADLINE_LABEL,
        ];
        assert_eq!(shown, names);
        for name in names {
            assert!(FIELDS.contains(&name), "{name}");
        }
        assert_ne!(t::setup_title(Lang::CY), "Title");
    }

    #[test]
    fn the_status_after_loading_says_where_from_and_how_many() {
        use crate::i18n::{Lang, t};
        assert_eq!(
            t::setup_filled_from_workshop(Lang::EN, "South", "2025-03-01", "Roles", 3),
            "Filled in from the workshop at South on 2025-03-01: “Roles”, 3 aspects. Type this site's name below and \
             check the rest. Aspects you reword stay matched with the template's; aspects you add are new."
        );
        assert_eq!(t::setup_earlier_aspects(Lang::EN, 1), "1 aspects", "as before the catalogs");
        let cy: Vec<String> = [0, 1, 2, 3, 6, 7].into_iter().map(|n| t::setup_earlier_aspects(Lang::CY, n)).collect();
        assert_eq!(cy, ["dim agweddau", "1 agwedd", "2 agwedd", "3 agwedd", "6 agwedd", "7 o agweddau"]);
        assert!(
            t::setup_filled_from_file(Lang::CY, "a.json", "Rolau", 2)
                .starts_with("Wedi'i lenwi o'r ffeil a.json: “Rolau”, 2 agwedd. ")
        );
    }

    #[test]
    fn template_ids_stay_in_step_with_the_aspects_sent() {
        let (t, a, b) = (Uuid::from_u128(1), Uuid::from_u128(11), Uuid::from_u128(12));
        let mut f = form();
        // Row 2 (blank) carried template aspect b: it leaves with its row.
        f.template = Some(TemplateRef { template_id: t, aspect_ids: vec![Some(a), Some(b), None] });
        let ok = check_form(&f, Lang::EN).unwrap();
        assert_eq!(ok.template, Some(TemplateRef { template_id: t, aspect_ids: vec![Some(a), None] }));
        f.template = Some(TemplateRef { template_id: t, aspect_ids: vec![Some(a), Some(a), None] });
        let e = check_form(&f, Lang::EN).unwrap_err();
        assert_eq!(e.field.as_deref(), Some(TEMPLATE_FIELD));
        assert_eq!(focus_id(error_place(e.field.as_deref())), "template-file");
    }
}
