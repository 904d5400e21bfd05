//! What a room knows of consent: the sheet pairs are asked to agree to now, each pair's latest
//! consent, and whether a pair may work ([`RoomView::pair_has_consent`]). The sheet, its rules
//! and a pair's answer are [`super::consent`]; this is where they meet the room's view.

use uuid::Uuid;

use super::consent::{ConsentAnswer, MAX_PEOPLE, PairConsent, SheetVersion};
use super::model::RoomView;
use super::refusal::RefusalText;

impl RoomView {
    /// The sheet pairs are asked to agree to now (the latest version), if the workshop has one.
    pub fn current_sheet(&self) -> Option<&SheetVersion> {
        self.consent_sheets.last()
    }

    /// The version `version` of the sheet.
    pub fn sheet_version(&self, version: &str) -> Option<&SheetVersion> {
        self.consent_sheets.iter().find(|v| v.sheet.version == version)
    }

    /// The pair's latest consent, if it gave one.
    pub fn consent_of(&self, pair_id: Uuid) -> Option<&PairConsent> {
        self.consents.iter().rev().find(|c| c.pair_id == pair_id)
    }

    /// Whether the pair may work: the workshop has no sheet, or the pair's latest consent is
    /// to the current version.
    pub fn pair_has_consent(&self, pair_id: Uuid) -> bool {
        match self.current_sheet() {
            None => true,
            Some(current) => self.consent_of(pair_id).is_some_and(|c| c.version == current.sheet.version),
        }
    }

    /// Checks a pair's answer against the current sheet: its version, 1 to [`MAX_PEOPLE`]
    /// people, and every person ticked every statement. Returns the version and the number
    /// of people, or why not, for the people at the tablet.
    pub fn check_consent_answer(&self, answer: &ConsentAnswer) -> Result<(String, u8), RefusalText> {
        let Some(current) = self.current_sheet() else {
            return Err(RefusalText::NoSheet);
        };
        let sheet = &current.sheet;
        if answer.version != sheet.version {
            return Err(RefusalText::SheetChanged { version: sheet.version.clone() });
        }
        if !(1..=MAX_PEOPLE).contains(&answer.people) {
            return Err(RefusalText::PeopleCount { max: MAX_PEOPLE });
        }
        let everyone_agreed = answer.agreed.len() == usize::from(answer.people)
            && answer.agreed.iter().all(|ticks| ticks.len() == sheet.statements.len() && ticks.iter().all(|t| *t));
        if !everyone_agreed {
            return Err(RefusalText::EveryoneMustTick);
        }
        Ok((sheet.version.clone(), answer.people))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::consent::fixtures::{set, sheet};

    #[test]
    fn consent_needs_every_person_to_tick_every_statement_of_the_current_version() {
        let mut room = RoomView::new(crate::domain::WorkshopInfo::for_tests(), Vec::new());
        let who = Uuid::from_u128(5);
        assert!(room.pair_has_consent(who), "no sheet, no question");
        room.consent_sheets.push(set(sheet("1", "x")));
        assert!(!room.pair_has_consent(who));
        let answer = |version: &str, people: u8, agreed: Vec<Vec<bool>>| ConsentAnswer {
            version: version.into(),
            people,
            agreed,
        };
        let all = vec![vec![true, true]; 2];
        assert_eq!(room.check_consent_answer(&answer("1", 2, all.clone())), Ok(("1".into(), 2)));
        assert_eq!(
            room.check_consent_answer(&answer("0", 2, all.clone())).unwrap_err(),
            RefusalText::SheetChanged { version: "1".into() }
        );
        assert!(room.check_consent_answer(&answer("1", 5, vec![vec![true, true]; 5])).is_err());
        assert!(room.check_consent_answer(&answer("1", 0, vec![])).is_err());
        assert!(room.check_consent_answer(&answer("1", 2, vec![vec![true, true], vec![true, false]])).is_err());
        assert!(room.check_consent_answer(&answer("1", 3, all)).is_err(), "a person without ticks");
        room.consents.push(PairConsent { pair_id: who, version: "1".into(), people: 2, at: 3 });
        assert!(room.pair_has_consent(who));
        room.consent_sheets.push(set(sheet("2", "y")));
        assert!(!room.pair_has_consent(who), "a new version asks again");
    }
}
