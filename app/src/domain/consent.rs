//! The information sheet and consent, per person and versioned: what a workshop asks each
//! person at a pair's tablet to read and agree to before the board opens ([`ConsentSheet`]),
//! the rules a new version must follow ([`check_sheet`]), and what a pair answered
//! ([`ConsentAnswer`], recorded as [`PairConsent`]).
//!
//! A sheet is optional. Once a workshop has one, a pair may place, write notes or post-its
//! only while its latest consent is to the current version (`RoomView::pair_has_consent`, in
//! [`super::room_consent`]).
//! Changing the text or the statements needs a new version; pairs are then asked again.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::validate::{InvalidInput, clean_text, normalise_text};
use crate::i18n::{Lang, t};

/// Longest title of a sheet, in characters.
pub const SHEET_TITLE_MAX: usize = 120;
/// Longest version of a sheet ("2", "1.1", "2026-03 v2"), in characters.
pub const SHEET_VERSION_MAX: usize = 20;
/// Longest text of a sheet, in characters (about six pages of A4).
pub const SHEET_TEXT_MAX: usize = 20_000;
/// Longest consent statement, in characters.
pub const STATEMENT_MAX: usize = 300;
/// Most consent statements on one sheet.
pub const MAX_STATEMENTS: usize = 12;
/// Most people who can share one tablet.
pub const MAX_PEOPLE: u8 = 4;
/// How many people share a tablet unless the pair says otherwise.
pub const DEFAULT_PEOPLE: u8 = 2;

/// The form's field names, as the refusals name them.
pub use super::validate::sheet_field as field;

/// An information sheet: what participants are told, and the statements each person agrees
/// to. Stored in the event log (`consent_sheet_set`), every version kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentSheet {
    /// Its title, e.g. "Information sheet for participants".
    pub title: String,
    /// Its version as the study names it ("2", "1.1").
    pub version: String,
    /// What participants are told; paragraphs separated by blank lines.
    pub text: String,
    /// What each person agrees to, one statement each, in order.
    pub statements: Vec<String>,
}

/// One version of a workshop's sheet and when it was set (ms since the epoch).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetVersion {
    /// The sheet.
    pub sheet: ConsentSheet,
    /// When the facilitator set it, ms since the epoch.
    pub set_at: i64,
}

/// What a pair answered on its tablet: the version it read, how many people share the
/// tablet, and each person's tick of each statement (`agreed[person][statement]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentAnswer {
    /// The version the pair read.
    pub version: String,
    /// How many people share the tablet (1 to [`MAX_PEOPLE`]).
    pub people: u8,
    /// Per person, per statement: ticked.
    pub agreed: Vec<Vec<bool>>,
}

/// A pair's recorded consent: every one of its `people` agreed to every statement of
/// `version` at `at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairConsent {
    /// The pair.
    pub pair_id: Uuid,
    /// The version agreed to.
    pub version: String,
    /// How many people agreed (one row each per statement in `consent.csv`).
    pub people: u8,
    /// When, ms since the epoch.
    pub at: i64,
}

/// Why a sheet was refused; nothing changed. `field` is the form field to fix.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SheetProblem {
    /// The form field, by its visible label.
    pub field: &'static str,
    /// What to do about it.
    pub message: String,
}

/// What [`check_sheet`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetCheck {
    /// A new version to store (cleaned).
    NewVersion(ConsentSheet),
    /// The same as the current version, word for word: nothing to store.
    Unchanged,
}

fn problem(field: &'static str, message: impl Into<String>) -> SheetProblem {
    SheetProblem { field, message: message.into() }
}

/// A sheet's text as stored: each line normalised like every other text ([`normalise_text`]),
/// Windows line ends made `\n`, more than one blank line in a row made one, trimmed.
pub fn clean_sheet_text(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut blank_lines = 0;
    for line in input.replace("\r\n", "\n").replace('\r', "\n").split('\n') {
        let line = normalise_text(line);
        if line.is_empty() {
            blank_lines += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_lines > 0 { "\n\n" } else { "\n" });
        }
        blank_lines = 0;
        out.push_str(&line);
    }
    out
}

/// Checks and cleans a sheet the facilitator sets, against the versions the workshop already
/// has (`earlier`, oldest first): a title, a version, a text within [`SHEET_TEXT_MAX`], 1 to
/// [`MAX_STATEMENTS`] statements; a version already used is refused unless it is the current
/// one word for word (then [`SheetCheck::Unchanged`]). The refusal is in `l`; its field stays
/// the English name in [`field`].
pub fn check_sheet(input: &ConsentSheet, earlier: &[SheetVersion], l: Lang) -> Result<SheetCheck, SheetProblem> {
    let title = clean_text(field::TITLE, &input.title, SHEET_TITLE_MAX).map_err(|e| match e {
        InvalidInput::Empty { .. } => problem(field::TITLE, t::domain_sheet_no_title(l)),
        other => problem(field::TITLE, other.text(l)),
    })?;
    let version = clean_text(field::VERSION, &input.version, SHEET_VERSION_MAX).map_err(|e| match e {
        InvalidInput::Empty { .. } => problem(field::VERSION, t::domain_sheet_no_version(l)),
        other => problem(field::VERSION, other.text(l)),
    })?;
    let text = clean_sheet_text(&input.text);
    if text.is_empty() {
        return Err(problem(field::TEXT, t::domain_sheet_no_text(l)));
    }
    let len = text.chars().count();
    if len > SHEET_TEXT_MAX {
        return Err(problem(field::TEXT, t::domain_sheet_text_too_long(l, len, SHEET_TEXT_MAX)));
    }
    if text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(problem(field::TEXT, t::domain_sheet_text_control(l)));
    }
    let mut statements = Vec::new();
    for (i, statement) in input.statements.iter().enumerate() {
        if statement.trim().is_empty() {
            continue;
        }
        let statement = clean_text(field::STATEMENTS, statement, STATEMENT_MAX).map_err(|e| match e {
            InvalidInput::TooLong { len, max, .. } => {
                problem(field::STATEMENTS, t::domain_sheet_statement_too_long(l, i + 1, len, max))
            }
            other => problem(field::STATEMENTS, other.text(l)),
        })?;
        statements.push(statement);
    }
    if statements.is_empty() {
        return Err(problem(field::STATEMENTS, t::domain_sheet_no_statements(l)));
    }
    if statements.len() > MAX_STATEMENTS {
        return Err(problem(
            field::STATEMENTS,
            t::domain_sheet_too_many_statements(l, MAX_STATEMENTS, statements.len()),
        ));
    }
    let sheet = ConsentSheet { title, version, text, statements };
    let current = earlier.last().map(|v| &v.sheet);
    if let Some(used) = earlier.iter().find(|v| v.sheet.version == sheet.version) {
        if current == Some(&sheet) {
            return Ok(SheetCheck::Unchanged);
        }
        let message = if current.is_some_and(|c| c.version == sheet.version) {
            t::domain_sheet_version_changed(l, &used.sheet.version, next_version(&used.sheet.version))
        } else {
            t::domain_sheet_version_earlier(
                l,
                &used.sheet.version,
                next_version(current.map_or(used.sheet.version.as_str(), |c| c.version.as_str())),
            )
        };
        return Err(problem(field::VERSION, message));
    }
    Ok(SheetCheck::NewVersion(sheet))
}

/// A suggestion for the version after `version`: its last number plus one ("1.1" → "1.2",
/// "2" → "3"), or `version` with " (2)" when it ends in no number.
pub fn next_version(version: &str) -> String {
    let digits: String = version.chars().rev().take_while(char::is_ascii_digit).collect();
    let stem = &version[..version.len() - digits.len()];
    match digits.chars().rev().collect::<String>().parse::<u64>() {
        Ok(n) => format!("{stem}{}", n + 1),
        Err(_) => format!("{version} (2)"),
    }
}

/// Sheets the unit tests build on.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::{ConsentSheet, SheetVersion};

    /// A sheet titled "Information sheet" with `version`, `text` and two statements.
    pub fn sheet(version: &str, text: &str) -> ConsentSheet {
        ConsentSheet {
            title: "Information sheet".into(),
            version: version.into(),
            text: text.into(),
            statements: vec!["I have read the sheet.".into(), "I agree to take part.".into()],
        }
    }

    /// `s`, as set at 1 ms.
    pub fn set(s: ConsentSheet) -> SheetVersion {
        SheetVersion { sheet: s, set_at: 1 }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{set, sheet};
    use super::*;

    #[test]
    fn a_good_sheet_is_cleaned_and_accepted() {
        let mut input = sheet(" 1 ", "First  paragraph.\r\nSame paragraph.\r\n\r\n\r\n\r\nSecond.  ");
        input.statements.push("   ".into());
        let SheetCheck::NewVersion(clean) = check_sheet(&input, &[], Lang::EN).unwrap() else { panic!("not new") };
        assert_eq!(clean.version, "1");
        assert_eq!(clean.text, "First paragraph.\nSame paragraph.\n\nSecond.");
        assert_eq!(clean.statements.len(), 2, "a blank statement row is left out");
    }

    #[test]
    fn blank_title_version_text_or_no_statements_are_refused_with_a_sentence() {
        let blank_title = ConsentSheet { title: " ".into(), ..sheet("1", "x") };
        let e = check_sheet(&blank_title, &[], Lang::EN).unwrap_err();
        assert_eq!(e.field, field::TITLE);
        assert!(e.message.starts_with("Give the information sheet a title"), "{e}");
        let e = check_sheet(&sheet("", "x"), &[], Lang::EN).unwrap_err();
        assert_eq!(e.field, field::VERSION);
        assert!(e.message.contains("version, e.g. 1 or 1.1"), "{e}");
        let e = check_sheet(&sheet("1", " \n "), &[], Lang::EN).unwrap_err();
        assert_eq!(e.field, field::TEXT);
        let none = ConsentSheet { statements: vec![" ".into()], ..sheet("1", "x") };
        let e = check_sheet(&none, &[], Lang::EN).unwrap_err();
        assert_eq!(e.field, field::STATEMENTS);
        assert!(e.message.contains("at least one consent statement"), "{e}");
    }

    #[test]
    fn over_long_text_and_statements_are_refused() {
        let long = "a".repeat(SHEET_TEXT_MAX + 1);
        let e = check_sheet(&sheet("1", &long), &[], Lang::EN).unwrap_err();
        assert_eq!(e.message.split(';').next(), Some("The information sheet's text is 20001 characters"));
        assert!(check_sheet(&sheet("1", &"a".repeat(SHEET_TEXT_MAX)), &[], Lang::EN).is_ok());
        let wordy = ConsentSheet { statements: vec!["ok".into(), "b".repeat(STATEMENT_MAX + 1)], ..sheet("1", "x") };
        let e = check_sheet(&wordy, &[], Lang::EN).unwrap_err();
        assert!(e.message.starts_with("Consent statement 2 is 301 characters"), "{e}");
        let many = ConsentSheet { statements: vec!["s".into(); MAX_STATEMENTS + 1], ..sheet("1", "x") };
        assert!(check_sheet(&many, &[], Lang::EN).unwrap_err().message.contains("at most 12"));
    }

    #[test]
    fn a_version_is_never_reused_with_other_text() {
        let v1 = set(sheet("1", "Old text."));
        assert_eq!(
            check_sheet(&sheet("1", "Old text."), std::slice::from_ref(&v1), Lang::EN),
            Ok(SheetCheck::Unchanged)
        );
        let e = check_sheet(&sheet("1", "New text."), std::slice::from_ref(&v1), Lang::EN).unwrap_err();
        assert_eq!(e.field, field::VERSION);
        assert!(e.message.starts_with("Version 1 already has different text"), "{e}");
        assert!(e.message.ends_with("e.g. 2."), "{e}");
        let v2 = set(sheet("2", "New text."));
        let e = check_sheet(&sheet("1", "Old text."), &[v1.clone(), v2.clone()], Lang::EN).unwrap_err();
        assert!(e.message.starts_with("Version 1 is an earlier version"), "{e}");
        assert!(matches!(check_sheet(&sheet("2.1", "Newer."), &[v1, v2], Lang::EN), Ok(SheetCheck::NewVersion(_))));
    }

    #[test]
    fn refusals_are_in_the_language_asked_for_and_name_the_english_field() {
        let blank_title = ConsentSheet { title: " ".into(), ..sheet("1", "x") };
        let e = check_sheet(&blank_title, &[], Lang::CY).unwrap_err();
        assert_eq!(e.field, field::TITLE);
        assert!(e.message.starts_with("Rhowch deitl"), "{e}");
        let v1 = set(sheet("1", "Old text."));
        let e = check_sheet(&sheet("1", "New text."), std::slice::from_ref(&v1), Lang::CY).unwrap_err();
        assert_eq!(e.field, field::VERSION);
        assert!(e.message.starts_with("Mae gan fersiwn 1 ") && e.message.ends_with("e.e. 2."), "{e}");
        let wordy = ConsentSheet { statements: vec!["ok".into(), "b".repeat(STATEMENT_MAX + 1)], ..sheet("1", "x") };
        let e = check_sheet(&wordy, &[], Lang::CY).unwrap_err();
        assert!(e.message.contains(" 2 ") && e.message.contains("301"), "{e}");
    }

    #[test]
    fn next_versions_are_suggested() {
        assert_eq!(next_version("1"), "2");
        assert_eq!(next_version("1.9"), "1.10");
        assert_eq!(next_version("v"), "v (2)");
    }
}
