//! Workshop content in two languages: the question, the pole labels and each aspect can have
//! a text in a second language beside the first. Each device shows the text of its own
//! language when the workshop has one, else the first ([`RoomView::question_in`] and the
//! others); the projector can show both, one above the other (the "Projector shows both
//! languages" setting). Pairs write in whatever language they like.
//!
//! The second language is an event ([`Event::SecondLanguageSet`](super::Event)), like the
//! information sheet: set when the workshop is created, changed from the console, carried by
//! archives and templates.

use std::collections::BTreeMap;

use uuid::Uuid;

use super::model::{Card, RoomView};
use super::validate::{ASPECT_MAX, InvalidInput, POLE_MAX, QUESTION_MAX, optional_clean_text};
use crate::i18n::Lang;

pub use super::model::SecondLanguage;

impl SecondLanguage {
    /// The language, if the app has it.
    pub fn lang(&self) -> Option<Lang> {
        Lang::from_code(&self.language)
    }

    /// The same texts, trimmed and checked as the first language's are (the question, the
    /// poles and each aspect within their lengths), without empty aspect texts and without
    /// aspects that are not in `cards`; refused when the language is not one the app has.
    pub fn checked(&self, cards: &[Card]) -> Result<SecondLanguage, InvalidInput> {
        let Some(lang) = self.lang().filter(|l| Lang::offered().any(|o| o == *l)) else {
            return Err(InvalidInput::UnknownLanguage { code: self.language.trim().to_string() });
        };
        let mut aspects = BTreeMap::new();
        for (id, text) in &self.aspects {
            if cards.iter().any(|c| c.id == *id) {
                let text = optional_clean_text("Aspect", text, ASPECT_MAX)?;
                if !text.is_empty() {
                    aspects.insert(*id, text);
                }
            }
        }
        Ok(SecondLanguage {
            language: lang.code().to_string(),
            question: optional_clean_text("Question", &self.question, QUESTION_MAX)?,
            left_pole: optional_clean_text("Left pole", &self.left_pole, POLE_MAX)?,
            right_pole: optional_clean_text("Right pole", &self.right_pole, POLE_MAX)?,
            aspects,
        })
    }
}

/// `second` if it is there and not empty, else `first`.
fn or_first<'a>(second: Option<&'a str>, first: &'a str) -> &'a str {
    second.filter(|s| !s.is_empty()).unwrap_or(first)
}

impl RoomView {
    /// The second language's texts, when the workshop has them in `lang`.
    pub fn second_in(&self, lang: Lang) -> Option<&SecondLanguage> {
        self.second_language.as_ref().filter(|s| s.lang() == Some(lang))
    }

    /// The question as a device in `lang` shows it.
    pub fn question_in(&self, lang: Lang) -> &str {
        or_first(self.second_in(lang).map(|s| s.question.as_str()), &self.workshop.question)
    }

    /// The 0 end's label as a device in `lang` shows it.
    pub fn left_pole_in(&self, lang: Lang) -> &str {
        or_first(self.second_in(lang).map(|s| s.left_pole.as_str()), &self.workshop.left_pole)
    }

    /// The 100 end's label as a device in `lang` shows it.
    pub fn right_pole_in(&self, lang: Lang) -> &str {
        or_first(self.second_in(lang).map(|s| s.right_pole.as_str()), &self.workshop.right_pole)
    }

    /// An aspect's text as a device in `lang` shows it (empty for an unknown id).
    pub fn card_text_in(&self, card_id: Uuid, lang: Lang) -> &str {
        let first = self.card(card_id).map_or("", |c| c.text.as_str());
        or_first(self.second_in(lang).and_then(|s| s.aspects.get(&card_id)).map(String::as_str), first)
    }

    /// An aspect's text in the second language, if it has one (for the projector's "both
    /// languages" and the exports).
    pub fn card_second_text(&self, card_id: Uuid) -> Option<&str> {
        self.second_language.as_ref()?.aspects.get(&card_id).map(String::as_str).filter(|t| !t.is_empty())
    }

    /// The second language with only what `hidden` cards allow: a hidden post-it's text is
    /// not sent to other screens, in any language.
    pub(crate) fn second_language_without(&self, hidden: impl Fn(Uuid) -> bool) -> Option<SecondLanguage> {
        self.second_language.as_ref().map(|s| SecondLanguage {
            aspects: s.aspects.iter().filter(|(id, _)| !hidden(**id)).map(|(id, t)| (*id, t.clone())).collect(),
            ..s.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::WorkshopInfo;

    fn room() -> RoomView {
        let cards =
            vec![Card::new(Uuid::from_u128(10), "Holding patients", 0), Card::new(Uuid::from_u128(11), "Caseload", 1)];
        let mut view = RoomView::new(WorkshopInfo::for_tests(), cards);
        view.second_language = Some(SecondLanguage {
            language: "cy".into(),
            question: "Faint o ryddid sydd gennych?".into(),
            left_pole: "Sefydlog".into(),
            right_pole: String::new(),
            aspects: [(Uuid::from_u128(10), "Dal cleifion".to_string())].into(),
        });
        view
    }

    #[test]
    fn each_device_shows_its_language_else_the_first() {
        let view = room();
        assert_eq!(view.question_in(Lang::CY), "Faint o ryddid sydd gennych?");
        assert_eq!(view.question_in(Lang::EN), view.workshop.question);
        assert_eq!(view.left_pole_in(Lang::CY), "Sefydlog");
        assert_eq!(view.right_pole_in(Lang::CY), view.workshop.right_pole, "empty: the first language's");
        assert_eq!(view.card_text_in(Uuid::from_u128(10), Lang::CY), "Dal cleifion");
        assert_eq!(view.card_text_in(Uuid::from_u128(11), Lang::CY), "Caseload", "no Welsh text: the first");
        assert_eq!(view.card_text_in(Uuid::from_u128(10), Lang::EN), "Holding patients");
        assert_eq!(view.card_second_text(Uuid::from_u128(11)), None);
    }

    #[test]
    fn a_second_language_is_checked_like_the_first() {
        let view = room();
        let mut second = view.second_language.clone().unwrap();
        second.aspects.insert(Uuid::from_u128(99), "Not an aspect here".into());
        second.aspects.insert(Uuid::from_u128(11), "   ".into());
        second.question = "  Faint?  ".into();
        let checked = second.checked(&view.cards).unwrap();
        assert_eq!(checked.question, "Faint?");
        assert_eq!(checked.aspects.len(), 1, "unknown and empty aspects are left out");
        let unknown = SecondLanguage { language: "xx".into(), ..second.clone() };
        assert_eq!(unknown.checked(&view.cards).unwrap_err(), InvalidInput::UnknownLanguage { code: "xx".into() });
        let pseudo = SecondLanguage { language: "ar-XB".into(), ..second.clone() };
        assert!(pseudo.checked(&view.cards).is_err(), "the test pseudo-language is not offered");
        let long = SecondLanguage { question: "x".repeat(QUESTION_MAX + 1), ..second };
        assert!(long.checked(&view.cards).is_err());
    }
}
