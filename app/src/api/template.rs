//! Templates: the same exercise at every site. A template is a small JSON file
//! ([`WorkshopTemplate`]) saved from a workshop's console or the research area; a workshop
//! set up from it says so with a [`TemplateRef`] in its [`super::NewWorkshop`], so it keeps
//! the template's id and each aspect its template aspect id. Exports carry both ids, and the
//! comparison across sites matches aspects by them before it matches by text, so a site that
//! reworded an aspect (or ran it in Welsh) is still compared with the others.
//!
//! The file is read by the browser (the "Start from a template file" input of `/new`) and
//! written by the server, so both use these types and checks.

use serde::{Deserialize, Serialize};
use thiserror::Error;
use uuid::Uuid;

use crate::domain::Settings;
use crate::domain::validate::is_blank_aspect;
use crate::i18n::{Lang, t};

/// `format` of a template file: tells a template from any other JSON file.
pub const TEMPLATE_FORMAT: &str = "discretion-spectrum-template";
/// Version of the template file's layout; raised whenever a field changes meaning or goes.
pub const TEMPLATE_VERSION: u32 = 1;
/// The visible label a refusal about a template points at (the file input on `/new`).
pub const TEMPLATE_FIELD: &str = "Template file";
/// Largest template file read: one with 60 aspects of 120 characters is about 12 KiB, so a
/// larger file is something else.
pub const TEMPLATE_MAX_BYTES: usize = 64 * 1024;

/// A template file: everything a facilitator sets up, except the site (typed at each site).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkshopTemplate {
    /// [`TEMPLATE_FORMAT`].
    pub format: String,
    /// [`TEMPLATE_VERSION`].
    pub version: u32,
    /// The exercise's id: the same in every workshop made from this template.
    pub template_id: Uuid,
    /// Title of the meeting.
    pub title: String,
    /// Question shown above the spectrum.
    pub question: String,
    /// Label of the 0 end.
    pub left_pole: String,
    /// Label of the 100 end.
    pub right_pole: String,
    /// The facilitator's aspects, in display order.
    pub aspects: Vec<TemplateAspect>,
    /// The session settings to start with (the defaults when left out).
    #[serde(default)]
    pub settings: Settings,
    /// The question, poles and aspects in a second language (its `aspects` in the order of
    /// [`Self::aspects`]); left out for a workshop in one language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_language: Option<super::NewSecondLanguage>,
}

/// One aspect of a template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemplateAspect {
    /// Its template aspect id: what the same aspect carries at every site, whatever its words.
    pub aspect_id: Uuid,
    /// What the post-it says.
    pub text: String,
}

/// Which template a new workshop is made from (`POST /api/workshops`, `template`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateRef {
    /// The template's id.
    pub template_id: Uuid,
    /// One entry per entry of the workshop's `aspects`, in the same order: the template aspect
    /// that aspect stands for, `None` for an aspect added after the template was loaded. An
    /// aspect keeps its id when its words are edited (a site may reword or translate it);
    /// removing it removes its id, and an aspect added instead is a new aspect.
    pub aspect_ids: Vec<Option<Uuid>>,
}

/// Why a template file or a template reference was refused. `Display` is the English sentence
/// (the server's); [`TemplateError::text`] the sentence in a page's language.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum TemplateError {
    /// Larger than [`TEMPLATE_MAX_BYTES`].
    #[error(
        "This file is too large to be a template ({kib} KiB; a template is a few KiB). Choose a file saved \
         with \"Save as template\"."
    )]
    TooLarge {
        /// Its size, in KiB.
        kib: usize,
    },
    /// Not JSON, or not of the template's shape.
    #[error("This file is not a template that can be read ({0}). Choose a file saved with \"Save as template\".")]
    Unreadable(String),
    /// JSON of another kind (another `format`, or none).
    #[error(
        "This file is not a Discretion Spectrum template (its format is \"{0}\"). Choose a file saved with \
         \"Save as template\"."
    )]
    Format(String),
    /// A later layout than this version reads.
    #[error(
        "This template has layout version {0}; this version reads version {TEMPLATE_VERSION}. Save the \
         template again from a workshop on this server, or update the server."
    )]
    Version(u32),
    /// An aspect id used twice, in a file or a reference.
    #[error(
        "The template aspect {0} is given to two aspects; each aspect of a template is used once. Load the \
         template file again."
    )]
    DuplicateAspect(Uuid),
    /// A reference whose ids do not line up with the aspects.
    #[error(
        "The template's aspect ids do not line up with the aspects ({aspects} aspects, {ids} ids). Load the \
         template file again."
    )]
    Misaligned {
        /// Entries of `aspects`.
        aspects: usize,
        /// Entries of `aspect_ids`.
        ids: usize,
    },
}

impl TemplateError {
    /// The sentence in `l`.
    pub fn text(&self, l: Lang) -> String {
        match self {
            TemplateError::TooLarge { kib } => t::domain_template_too_large(l, kib),
            TemplateError::Unreadable(detail) => t::domain_template_unreadable(l, detail),
            TemplateError::Format(format) => t::domain_template_format(l, format),
            TemplateError::Version(version) => t::domain_template_version(l, version, TEMPLATE_VERSION),
            TemplateError::DuplicateAspect(id) => t::domain_template_duplicate_aspect(l, id),
            TemplateError::Misaligned { aspects, ids } => t::domain_template_misaligned(l, aspects, ids),
        }
    }
}

/// The first id given twice among `ids`.
fn first_repeat(ids: impl IntoIterator<Item = Uuid>) -> Option<Uuid> {
    let mut seen = std::collections::HashSet::new();
    ids.into_iter().find(|id| !seen.insert(*id))
}

impl WorkshopTemplate {
    /// Reads a template file: its size, its format and version (checked first, so another
    /// kind of JSON is named as such rather than as a missing field), then its fields, and
    /// that no aspect id is given twice. The texts are checked when the workshop is created,
    /// by the same rules as typed ones.
    pub fn parse(text: &str) -> Result<WorkshopTemplate, TemplateError> {
        if text.len() > TEMPLATE_MAX_BYTES {
            return Err(TemplateError::TooLarge { kib: text.len().div_ceil(1024) });
        }
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| TemplateError::Unreadable(e.to_string()))?;
        match value.get("format").and_then(|f| f.as_str()) {
            Some(TEMPLATE_FORMAT) => {}
            Some(other) => return Err(TemplateError::Format(other.chars().take(60).collect())),
            None => return Err(TemplateError::Format("none".into())),
        }
        match value.get("version").and_then(|v| v.as_u64()) {
            Some(v) if v == u64::from(TEMPLATE_VERSION) => {}
            Some(v) => return Err(TemplateError::Version(u32::try_from(v).unwrap_or(u32::MAX))),
            None => return Err(TemplateError::Unreadable("it has no version".into())),
        }
        let template: WorkshopTemplate =
            serde_json::from_value(value).map_err(|e| TemplateError::Unreadable(e.to_string()))?;
        if let Some(id) = first_repeat(template.aspects.iter().map(|a| a.aspect_id)) {
            return Err(TemplateError::DuplicateAspect(id));
        }
        Ok(template)
    }

    /// The file's bytes: pretty JSON with a final newline, UTF-8 without a byte-order mark.
    pub fn to_bytes(&self) -> Vec<u8> {
        // Serialising plain strings, numbers and uuids cannot fail.
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// The reference a workshop with exactly this template's aspects sends.
    pub fn reference(&self) -> TemplateRef {
        TemplateRef {
            template_id: self.template_id,
            aspect_ids: self.aspects.iter().map(|a| Some(a.aspect_id)).collect(),
        }
    }
}

impl TemplateRef {
    /// The template aspect ids of the aspects a new workshop keeps, in order: `aspects` must
    /// have one id entry each, blank entries are left out with their ids (as
    /// [`crate::domain::validate::clean_aspects`] leaves them out), and no id may be given twice.
    pub fn kept_aspect_ids(&self, aspects: &[String]) -> Result<Vec<Option<Uuid>>, TemplateError> {
        if self.aspect_ids.len() != aspects.len() {
            return Err(TemplateError::Misaligned { aspects: aspects.len(), ids: self.aspect_ids.len() });
        }
        if let Some(id) = first_repeat(self.aspect_ids.iter().flatten().copied()) {
            return Err(TemplateError::DuplicateAspect(id));
        }
        Ok(aspects.iter().zip(&self.aspect_ids).filter(|(text, _)| !is_blank_aspect(text)).map(|(_, id)| *id).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn template() -> WorkshopTemplate {
        WorkshopTemplate {
            format: TEMPLATE_FORMAT.into(),
            version: TEMPLATE_VERSION,
            template_id: id(1),
            title: "Knowledge exchange".into(),
            question: "How much discretion?".into(),
            left_pole: "Fixed".into(),
            right_pole: "Flexible".into(),
            aspects: vec![
                TemplateAspect { aspect_id: id(11), text: "Holding patients".into() },
                TemplateAspect { aspect_id: id(12), text: "Where people are seen".into() },
            ],
            settings: Settings { live_wall: true, ..Settings::default() },
            second_language: None,
        }
    }

    #[test]
    fn a_template_reads_back_what_was_written() {
        let bytes = template().to_bytes();
        assert!(bytes.ends_with(b"}\n"));
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains("\"format\": \"discretion-spectrum-template\""), "{text}");
        assert_eq!(WorkshopTemplate::parse(&text), Ok(template()));
        let reference = template().reference();
        assert_eq!(reference.aspect_ids, [Some(id(11)), Some(id(12))]);
    }

    #[test]
    fn settings_left_out_are_the_defaults() {
        let mut value = serde_json::to_value(template()).unwrap();
        value.as_object_mut().unwrap().remove("settings");
        let read = WorkshopTemplate::parse(&value.to_string()).unwrap();
        assert_eq!(read.settings, Settings::default());
    }

    #[test]
    fn other_files_are_named_for_what_they_are() {
        assert!(matches!(WorkshopTemplate::parse("not json"), Err(TemplateError::Unreadable(_))));
        let export = r#"{"format":"discretion-spectrum-export","version":1}"#;
        assert_eq!(WorkshopTemplate::parse(export), Err(TemplateError::Format("discretion-spectrum-export".into())));
        assert_eq!(WorkshopTemplate::parse(r#"{"schema_version":1}"#), Err(TemplateError::Format("none".into())));
        let later = r#"{"format":"discretion-spectrum-template","version":2}"#;
        let error = WorkshopTemplate::parse(later).unwrap_err();
        assert_eq!(error, TemplateError::Version(2));
        assert!(error.to_string().contains("reads version 1"), "{error}");
        let mut value = serde_json::to_value(template()).unwrap();
        value.as_object_mut().unwrap().remove("question");
        let missing = WorkshopTemplate::parse(&value.to_string()).unwrap_err();
        assert!(missing.to_string().contains("missing field `question`"), "{missing}");
        let huge = " ".repeat(TEMPLATE_MAX_BYTES + 1);
        assert_eq!(WorkshopTemplate::parse(&huge), Err(TemplateError::TooLarge { kib: 65 }));
    }

    #[test]
    fn an_aspect_id_given_twice_is_refused_in_a_file_and_in_a_reference() {
        let mut twice = template();
        twice.aspects[1].aspect_id = id(11);
        let text = String::from_utf8(twice.to_bytes()).unwrap();
        assert_eq!(WorkshopTemplate::parse(&text), Err(TemplateError::DuplicateAspect(id(11))));
        let reference = TemplateRef { template_id: id(1), aspect_ids: vec![Some(id(11)), None, Some(id(11))] };
        let aspects = ["A".to_string(), "B".into(), "C".into()];
        assert_eq!(reference.kept_aspect_ids(&aspects), Err(TemplateError::DuplicateAspect(id(11))));
    }

    #[test]
    fn ids_follow_their_aspects_and_blank_rows_leave_with_theirs() {
        let reference = TemplateRef { template_id: id(1), aspect_ids: vec![Some(id(11)), Some(id(12)), None] };
        let aspects = ["Holding patients, reworded".to_string(), "  ".into(), "New here".into()];
        assert_eq!(reference.kept_aspect_ids(&aspects), Ok(vec![Some(id(11)), None]));
        let error = reference.kept_aspect_ids(&aspects[..2]).unwrap_err();
        assert_eq!(error, TemplateError::Misaligned { aspects: 2, ids: 3 });
        assert!(error.to_string().contains("2 aspects, 3 ids"), "{error}");
    }

    #[test]
    fn the_sentence_is_the_display_text_in_english() {
        let errors = [
            TemplateError::TooLarge { kib: 65 },
            TemplateError::Unreadable("expected value at line 1 column 1".into()),
            TemplateError::Format("none".into()),
            TemplateError::Version(2),
            TemplateError::DuplicateAspect(id(11)),
            TemplateError::Misaligned { aspects: 2, ids: 3 },
        ];
        for e in &errors {
            assert_eq!(e.text(Lang::EN), e.to_string());
            assert_ne!(e.text(Lang::CY), e.to_string());
        }
        assert!(errors[3].text(Lang::CY).contains("fersiwn cynllun 2") && errors[3].text(Lang::CY).contains(" 1."));
    }
}
