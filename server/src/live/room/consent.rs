//! A live room's information sheet: its versions, pairs agreeing to the current one, and a
//! pair that does not agree to a new version, which is taken out as a withdrawal takes a pair
//! out ([`Room::remove_pair_that_declined`]).

use std::sync::atomic::Ordering;

use app::domain::consent::{ConsentAnswer, ConsentSheet};
use app::domain::{PairSummary, Refusal, RefusalKind, RefusalText, RoomView};
use uuid::Uuid;

use super::{Room, RoomError, RoomMsg};
use crate::store::{Actor, AuditActor, AuditEntry, WithdrawnBy};
use crate::time::now_ms;

impl Room {
    /// Records that every person at `pair`'s tablet agreed to the current information sheet
    /// (a pair asked again after a new version).
    pub async fn give_consent(
        &self,
        pair: &PairSummary,
        change_id: Uuid,
        answer: ConsentAnswer,
    ) -> Result<u64, RoomError> {
        let pair_id = pair.id;
        let decide = move |view: &RoomView, now| view.decide_consent(pair_id, &answer, now);
        self.act(Actor::Pair(pair.clone()), change_id, decide).await
    }

    /// The people at a pair's tablet do not agree to a new version of the information sheet.
    /// Nobody may keep data of people who did not agree, so the pair is taken out exactly as a
    /// withdrawal takes it out ([`crate::store::erase_pair`], one content-free
    /// `pair_withdrawn` row by `system`), whatever the withdrawal deadline; the workshop's
    /// declined count grows by one in the same transaction, an audit row says so (no label,
    /// no reference), the consoles are told the new count and the pair's screens that it is
    /// out. Refused, changing nothing, when the pair is not being asked (the workshop has no
    /// sheet, or the pair already agreed to the current version: leaving then is a
    /// withdrawal). Answered with the `pair_withdrawn` row's sequence number.
    pub async fn remove_pair_that_declined(&self, pair_id: Uuid) -> Result<u64, RoomError> {
        let mut state = self.state.lock().await;
        if state.view.current_sheet().is_none() {
            return Err(RoomError::ConsentNeeded(RefusalText::NothingToDecline));
        }
        if state.view.pair_has_consent(pair_id) {
            return Err(RoomError::ConsentNeeded(RefusalText::AlreadyAgreed));
        }
        let version = state.view.current_sheet().map(|v| v.sheet.version.clone()).unwrap_or_default();
        let id = self.workshop_id;
        let now = now_ms();
        let Some((seq, erased)) =
            self.store.withdraw_pair_async(id, pair_id, WithdrawnBy::DeclinedConsent, now).await?
        else {
            return Err(RoomError::UnknownPair);
        };
        let _ = self.tx.send(RoomMsg::Withdrawn(pair_id));
        self.reload_locked(&mut state).await?;
        drop(state);
        let entry = AuditEntry::new(
            AuditActor::System,
            "consent_declined",
            Some(id),
            format!(
                "a pair did not agree to version {version} of the information sheet and was taken out \
                 ({} event-log rows removed)",
                erased.event_rows
            ),
        );
        let count = self
            .store
            .run(move |s| {
                s.record_audit(entry, now)?;
                s.declined_count(id)
            })
            .await?;
        self.note_declined(count);
        Ok(seq)
    }

    /// Sets a new version of the information sheet (checked by
    /// [`RoomView::decide_sheet`]); `None` when it is the current version word for word and
    /// nothing was stored.
    pub async fn set_consent_sheet(&self, sheet: ConsentSheet) -> Result<Option<u64>, RoomError> {
        // Checked first on the room's view, so an unchanged sheet writes nothing; decided
        // again in the writing transaction, on the state it follows.
        if self.state.lock().await.view.decide_sheet(&sheet, now_ms())?.is_none() {
            return Ok(None);
        }
        let decide = move |view: &RoomView, now| match view.decide_sheet(&sheet, now) {
            Ok(Some(event)) => Ok(event),
            Ok(None) => Err(Refusal::untranslated(RefusalKind::Invalid, "The sheet did not change.")),
            Err(problem) => Err(Refusal::untranslated(RefusalKind::Invalid, problem.message)),
        };
        self.act(crate::store::Actor::Facilitator, Uuid::new_v4(), decide).await.map(Some)
    }

    /// The current version of the information sheet, if the workshop has one.
    pub async fn current_sheet(&self) -> Option<ConsentSheet> {
        self.state.lock().await.view.current_sheet().map(|v| v.sheet.clone())
    }

    /// How many pairs declined the information sheet.
    pub fn declined(&self) -> u64 {
        self.declined.load(Ordering::Relaxed)
    }

    /// The declined count is now `count` (just written): the consoles are told.
    pub fn note_declined(&self, count: u64) {
        self.declined.fetch_max(count, Ordering::Relaxed);
        let _ = self.tx.send(RoomMsg::Declined(self.declined()));
    }
}
