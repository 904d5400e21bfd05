//! A new workshop's texts in a second language, as the new-workshop form, `POST
//! /api/workshops` and template files carry them: the aspects' texts by position, beside the
//! aspects (the workshop's [`SecondLanguage`] names them by aspect id once they exist).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::Card;
use crate::domain::second_language::SecondLanguage;
use crate::domain::validate::{InvalidInput, is_blank_aspect};

/// The form field a refused second-language text points at.
pub const SECOND_LANGUAGE_FIELD: &str = "Second language";

/// A new workshop's texts in a second language (`POST /api/workshops`, `second_language`;
/// the same in a template file). Empty texts are shown in the first language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSecondLanguage {
    /// The language's code (`cy`).
    pub language: String,
    /// The question in it.
    #[serde(default)]
    pub question: String,
    /// The 0 end's label in it.
    #[serde(default)]
    pub left_pole: String,
    /// The 100 end's label in it.
    #[serde(default)]
    pub right_pole: String,
    /// One entry per entry of the aspects, in the same order (missing ones are empty).
    #[serde(default)]
    pub aspects: Vec<String>,
}

impl NewSecondLanguage {
    /// The second texts of the aspects that are kept from `aspects` (blank aspects are left
    /// out, with their second texts), in order.
    pub fn kept_aspects(&self, aspects: &[String]) -> Vec<String> {
        aspects
            .iter()
            .enumerate()
            .filter(|(_, a)| !is_blank_aspect(a))
            .map(|(i, _)| self.aspects.get(i).cloned().unwrap_or_default())
            .collect()
    }

    /// These texts checked as the workshop's will be ([`SecondLanguage::checked`]: the
    /// language one of the app's, each text trimmed and within its length), their aspects
    /// aligned with the aspects kept from `aspects` (the form's rows, blank ones included);
    /// what the server stores, and what the form checks before sending.
    pub fn checked(&self, aspects: &[String]) -> Result<NewSecondLanguage, InvalidInput> {
        let texts = self.kept_aspects(aspects);
        // Stand-in ids, one per kept aspect, in order: the store gives the real ones.
        let cards: Vec<Card> =
            (0..texts.len()).map(|i| Card::new(Uuid::from_u128(i as u128 + 1), String::new(), i as u32)).collect();
        let checked = SecondLanguage {
            language: self.language.clone(),
            question: self.question.clone(),
            left_pole: self.left_pole.clone(),
            right_pole: self.right_pole.clone(),
            aspects: cards.iter().zip(texts).map(|(c, t)| (c.id, t)).collect(),
        }
        .checked(&cards)?;
        Ok(NewSecondLanguage {
            aspects: cards.iter().map(|c| checked.aspects.get(&c.id).cloned().unwrap_or_default()).collect(),
            language: checked.language,
            question: checked.question,
            left_pole: checked.left_pole,
            right_pole: checked.right_pole,
        })
    }
}
