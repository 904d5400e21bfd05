//! Validation of everything a person can type or send. Each failure says what to do about it,
//! in words a facilitator or a pair can act on; the server uses these before touching storage.

use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

use crate::i18n::{Lang, t};

/// Longest aspect (post-it) text, in characters.
pub const ASPECT_MAX: usize = 120;
/// Longest pair label, in characters.
pub const PAIR_LABEL_MAX: usize = 40;
/// Longest workshop title, in characters.
pub const TITLE_MAX: usize = 120;
/// Longest site label, in characters.
pub const SITE_MAX: usize = 60;
/// Longest question, in characters.
pub const QUESTION_MAX: usize = 300;
/// Longest pole label, in characters.
pub const POLE_MAX: usize = 60;
/// Most aspect cards in one workshop.
pub const MAX_ASPECTS: usize = 60;

/// Why a piece of input was refused. The `Display` text is the English sentence (the server's);
/// [`InvalidInput::text`] is the sentence in a page's language.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum InvalidInput {
    /// A required text was empty after trimming.
    #[error("{field} is empty: please write something.")]
    Empty {
        /// The form field, by its visible label.
        field: &'static str,
    },
    /// A text was longer than its limit.
    #[error("{field} is too long: {len} characters, at most {max}. Please shorten it.")]
    TooLong {
        /// The form field, by its visible label.
        field: &'static str,
        /// How many characters were given.
        len: usize,
        /// The most allowed.
        max: usize,
    },
    /// A text contained control characters (other than ordinary spaces).
    #[error("{field} contains control characters; please type plain text.")]
    ControlChars {
        /// The form field, by its visible label.
        field: &'static str,
    },
    /// A position was not a number between 0 and 100.
    #[error("Position must be a number from 0 to 100.")]
    PositionOutOfRange,
    /// Too few or too many aspects.
    #[error("A workshop needs between 1 and {max} aspects; it has {count}.")]
    AspectCount {
        /// How many were given.
        count: usize,
        /// The most allowed.
        max: usize,
    },
    /// Two aspects with the same text.
    #[error("The aspect \"{text}\" appears twice; remove one.")]
    DuplicateAspect {
        /// The text given twice.
        text: String,
    },
    /// A second language the app does not have.
    #[error("“{code}” is not a language of this app: choose one of the list.")]
    UnknownLanguage {
        /// The code given.
        code: String,
    },
}

impl InvalidInput {
    /// The sentence in `l` (the `Display` text is the English one, for the server).
    pub fn text(&self, l: Lang) -> String {
        match self {
            InvalidInput::Empty { field } => t::domain_input_empty(l, field_name(l, field)),
            InvalidInput::TooLong { field, len, max } => t::domain_input_too_long(l, field_name(l, field), len, max),
            InvalidInput::ControlChars { field } => t::domain_input_control_chars(l, field_name(l, field)),
            InvalidInput::PositionOutOfRange => t::domain_input_position(l).to_string(),
            InvalidInput::AspectCount { count, max } => t::domain_input_aspect_count(l, max, count),
            InvalidInput::DuplicateAspect { text } => t::domain_input_duplicate_aspect(l, text),
            InvalidInput::UnknownLanguage { code } => t::domain_input_unknown_language(l, code),
        }
    }
}

/// The information sheet's form fields, as its refusals name them (`consent::field`).
pub mod sheet_field {
    /// The sheet's title.
    pub const TITLE: &str = "Sheet title";
    /// The sheet's version.
    pub const VERSION: &str = "Sheet version";
    /// The sheet's text.
    pub const TEXT: &str = "Information sheet text";
    /// The consent statements.
    pub const STATEMENTS: &str = "Consent statements";
}

/// A field's name in `l`, from its English name (what [`InvalidInput`] carries); a field not
/// known here keeps its English name.
pub fn field_name(l: Lang, field: &'static str) -> &'static str {
    use sheet_field as sheet;
    match field {
        "Title" => t::domain_field_title(l),
        "Site" => t::domain_field_site(l),
        "Question" => t::domain_field_question(l),
        "Left pole" => t::domain_field_left_pole(l),
        "Right pole" => t::domain_field_right_pole(l),
        "Aspect" => t::domain_field_aspect(l),
        "Aspects" => t::domain_field_aspects(l),
        "Post-it text" => t::domain_field_post_it_text(l),
        "Pair name" => t::domain_field_pair_name(l),
        "Reason" => t::domain_field_reason(l),
        "Intended outcome" => t::domain_field_intended(l),
        "Unintended outcome" => t::domain_field_unintended(l),
        "Note" => t::domain_field_note(l),
        sheet::TITLE => t::domain_field_sheet_title(l),
        sheet::VERSION => t::domain_field_sheet_version(l),
        sheet::TEXT => t::domain_field_sheet_text(l),
        sheet::STATEMENTS => t::domain_field_statements(l),
        other => other,
    }
}

/// Characters that change how text looks or reads without being seen: zero-width spaces and
/// joiners, the byte-order mark, and the bidirectional controls that can make a label read
/// backwards. They are removed from everything typed.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}'
            | '\u{061C}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Text as it is stored: Unicode NFC, invisible characters removed, every run of spaces
/// (including no-break and other wide spaces) one ordinary space, trimmed. Control
/// characters (new lines, tabs) are kept, for [`clean_text`] to refuse.
pub fn normalise_text(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut space = false;
    for c in input.nfc().filter(|c| !is_invisible(*c)) {
        if c.is_whitespace() && !c.is_control() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// A text of several lines as it is stored (a note, a reason): line breaks (`\r\n`, `\r` or
/// `\n`) become `\n`, a tab is a space, each line is [`normalise_text`]ed, and blank lines at
/// the start and the end are dropped. Blank lines between paragraphs are kept, at most one in
/// a row. Other control characters are kept, for [`clean_multiline`] to refuse.
pub fn normalise_multiline(input: &str) -> String {
    let unified = input.replace("\r\n", "\n").replace(['\r', '\u{2028}', '\u{2029}'], "\n").replace('\t', " ");
    let mut lines: Vec<String> = Vec::new();
    for line in unified.split('\n').map(normalise_text) {
        let blank_after_blank = line.is_empty() && lines.last().is_some_and(String::is_empty);
        if !(blank_after_blank || line.is_empty() && lines.is_empty()) {
            lines.push(line);
        }
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines.join("\n")
}

/// What two labels or aspect texts are compared by: the same after compatibility
/// normalisation (full-width letters are ordinary ones) and case folding.
pub fn comparison_key(text: &str) -> String {
    normalise_text(text).nfkc().flat_map(char::to_lowercase).collect()
}

/// Normalises `input` ([`normalise_text`]) and checks it is non-empty, within `max`
/// characters and free of control characters. Returns the normalised text, which is what
/// gets stored.
pub fn clean_text(field: &'static str, input: &str, max: usize) -> Result<String, InvalidInput> {
    let text = normalise_text(input);
    let text = text.as_str();
    if text.is_empty() {
        return Err(InvalidInput::Empty { field });
    }
    let len = text.chars().count();
    if len > max {
        return Err(InvalidInput::TooLong { field, len, max });
    }
    if text.chars().any(char::is_control) {
        return Err(InvalidInput::ControlChars { field });
    }
    Ok(text.to_string())
}

/// Like [`clean_text`] for a text of several lines ([`normalise_multiline`]): line breaks are
/// kept (as `\n`, each counting as one character), every other control character is refused.
/// Like [`clean_text`], but an empty (or all-space) text is allowed and gives `""`.
pub fn optional_clean_text(field: &'static str, input: &str, max: usize) -> Result<String, InvalidInput> {
    if normalise_text(input).is_empty() { Ok(String::new()) } else { clean_text(field, input, max) }
}

/// Like [`clean_text`] for multi-line text (see [`normalise_multiline`]).
pub fn clean_multiline(field: &'static str, input: &str, max: usize) -> Result<String, InvalidInput> {
    let text = normalise_multiline(input);
    if text.is_empty() {
        return Err(InvalidInput::Empty { field });
    }
    let len = text.chars().count();
    if len > max {
        return Err(InvalidInput::TooLong { field, len, max });
    }
    if text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(InvalidInput::ControlChars { field });
    }
    Ok(text)
}

/// Checks a position and rounds it to one decimal place, the precision the tool stores
/// (a 1000-step scale is finer than any finger or arrow key can set).
pub fn clean_position(position: f64) -> Result<f64, InvalidInput> {
    if !position.is_finite() || !(0.0..=100.0).contains(&position) {
        return Err(InvalidInput::PositionOutOfRange);
    }
    // `+ 0.0` turns -0 into 0: it is stored and exported as `0`.
    Ok((position * 10.0).round() / 10.0 + 0.0)
}

/// Whether an entry of a new workshop's aspect list is left out rather than refused: the
/// form's empty rows. One rule, so whatever travels beside each aspect (a template aspect id)
/// is left out with it (the template aspect ids of `api::TemplateRef`).
pub fn is_blank_aspect(text: &str) -> bool {
    text.trim().is_empty()
}

/// Checks the list of aspect texts for a new workshop: blank entries ([`is_blank_aspect`])
/// left out, each other cleaned, no duplicates (compared case-insensitively), between 1 and
/// [`MAX_ASPECTS`].
pub fn clean_aspects(aspects: &[String]) -> Result<Vec<String>, InvalidInput> {
    let cleaned: Vec<String> = aspects
        .iter()
        .filter(|a| !is_blank_aspect(a))
        .map(|a| clean_text("Aspect", a, ASPECT_MAX))
        .collect::<Result<_, _>>()?;
    if cleaned.is_empty() || cleaned.len() > MAX_ASPECTS {
        return Err(InvalidInput::AspectCount { count: cleaned.len(), max: MAX_ASPECTS });
    }
    let mut seen = std::collections::HashSet::new();
    for text in &cleaned {
        if !seen.insert(comparison_key(text)) {
            return Err(InvalidInput::DuplicateAspect { text: text.clone() });
        }
    }
    Ok(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_kept() {
        assert_eq!(clean_text("Title", "  Site visit  ", 20).unwrap(), "Site visit");
    }

    #[test]
    fn empty_text_is_refused() {
        assert_eq!(clean_text("Title", "   ", 20), Err(InvalidInput::Empty { field: "Title" }));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // 40 Welsh/emoji characters are fine even though they are more than 40 bytes.
        let label = "ŵŷ🙂".repeat(13) + "a";
        assert_eq!(label.chars().count(), 40);
        assert!(clean_text("Pair name", &label, PAIR_LABEL_MAX).is_ok());
        let long = "a".repeat(41);
        assert_eq!(
            clean_text("Pair name", &long, PAIR_LABEL_MAX),
            Err(InvalidInput::TooLong { field: "Pair name", len: 41, max: 40 })
        );
    }

    #[test]
    fn control_characters_are_refused() {
        assert!(clean_text("Aspect", "a\u{0}b", 20).is_err());
        assert!(clean_text("Aspect", "a\nb", 20).is_err());
    }

    #[test]
    fn notes_keep_their_line_breaks_and_refuse_other_controls() {
        let note = "  First line  \r\nsecond\u{00A0}\u{00A0}line\r\n\r\n\r\n\rlast\tword\n\n";
        assert_eq!(clean_multiline("Note", note, 100).unwrap(), "First line\nsecond line\n\nlast word");
        assert_eq!(clean_multiline("Note", "\n\n  \r\n", 100), Err(InvalidInput::Empty { field: "Note" }));
        assert_eq!(clean_multiline("Note", "a\u{0}b\nc", 100), Err(InvalidInput::ControlChars { field: "Note" }));
        assert_eq!(clean_multiline("Note", "a\u{1b}[31m", 100), Err(InvalidInput::ControlChars { field: "Note" }));
        // A line break counts as one character of the limit.
        assert!(clean_multiline("Note", "ab\ncd", 5).is_ok());
        assert_eq!(
            clean_multiline("Note", "ab\r\ncd\ne", 5),
            Err(InvalidInput::TooLong { field: "Note", len: 7, max: 5 })
        );
        // Welsh, curly quotes and emoji are kept as typed (NFC).
        assert_eq!(clean_multiline("Note", "Gŵyl “dda”\n🙂", 100).unwrap(), "Gŵyl “dda”\n🙂");
    }

    #[test]
    fn look_alike_text_is_normalised_and_compares_equal() {
        // A zero-width space, a no-break space, a bidi override, a decomposed accent.
        assert_eq!(clean_text("Pair name", "Pair\u{200B} A", 40).unwrap(), "Pair A");
        assert_eq!(clean_text("Pair name", "Pair\u{00A0}\u{00A0}A ", 40).unwrap(), "Pair A");
        assert_eq!(clean_text("Pair name", "\u{202E}Pair A\u{202C}", 40).unwrap(), "Pair A");
        assert_eq!(clean_text("Pair name", "Pa\u{0302}r", 40).unwrap(), "Pâr");
        assert_eq!(clean_text("Pair name", "\u{200B}\u{FEFF}", 40), Err(InvalidInput::Empty { field: "Pair name" }));
        // Full-width letters and case: a different text, the same pair.
        assert_eq!(comparison_key("ＰＡＩＲ　a"), comparison_key("pair A"));
        assert_ne!(comparison_key("Pair A"), comparison_key("Pair B"));
        assert!(clean_text("Pair name", "Pair\tA", 40).is_err(), "tabs are still refused");
    }

    #[test]
    fn positions_are_checked_and_rounded() {
        assert_eq!(clean_position(-0.0).unwrap().to_string(), "0");
        assert_eq!(clean_position(0.0), Ok(0.0));
        assert_eq!(clean_position(100.0), Ok(100.0));
        assert_eq!(clean_position(42.26), Ok(42.3));
        for bad in [-0.1, 100.01, f64::NAN, f64::INFINITY] {
            assert_eq!(clean_position(bad), Err(InvalidInput::PositionOutOfRange), "{bad}");
        }
    }

    #[test]
    fn aspects_are_checked() {
        let ok = clean_aspects(&["A".into(), " ".into(), " B ".into()]).unwrap();
        assert_eq!(ok, vec!["A".to_string(), "B".to_string()]);
        assert!(matches!(clean_aspects(&[]), Err(InvalidInput::AspectCount { count: 0, .. })));
        assert!(matches!(
            clean_aspects(&["Holding".into(), "holding".into()]),
            Err(InvalidInput::DuplicateAspect { .. })
        ));
        let too_many: Vec<String> = (0..61).map(|i| format!("aspect {i}")).collect();
        assert!(matches!(clean_aspects(&too_many), Err(InvalidInput::AspectCount { count: 61, .. })));
    }

    #[test]
    fn the_sentence_is_the_display_text_in_english_and_welsh_in_welsh() {
        let cases = [
            InvalidInput::Empty { field: "Title" },
            InvalidInput::TooLong { field: "Post-it text", len: 130, max: 120 },
            InvalidInput::ControlChars { field: "Site" },
            InvalidInput::PositionOutOfRange,
            InvalidInput::AspectCount { count: 61, max: 60 },
            InvalidInput::DuplicateAspect { text: "Holding".into() },
            InvalidInput::Empty { field: "Something new" },
        ];
        for e in &cases {
            assert_eq!(e.text(Lang::EN), e.to_string());
            assert_ne!(e.text(Lang::CY), e.to_string());
        }
        assert_eq!(InvalidInput::Empty { field: "Title" }.text(Lang::CY), "Teitl: mae'n wag; ysgrifennwch rywbeth.");
        assert!(cases[1].text(Lang::CY).contains("130") && cases[1].text(Lang::CY).contains("120"));
    }
}
