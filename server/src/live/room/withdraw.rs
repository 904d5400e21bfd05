//! Withdrawing a pair from a live room: the store erases its data, the room reloads what is
//! left, and its screens are told ([`Room::withdraw`]).

use std::sync::Arc;

use uuid::Uuid;

use super::{Room, RoomError, RoomMsg, RoomState};
use crate::store::{AuditActor, AuditEntry, StoreError, WithdrawnBy};
use crate::time::now_ms;

/// What a withdrawal removed, as the API answers it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct WithdrawalCounts {
    /// The `pair_withdrawn` row's sequence number.
    pub seq: u64,
    /// Placements removed (every round).
    pub placements: usize,
    /// Outcome notes and "can't place" reasons removed.
    pub notes: usize,
    /// Post-its the pair wrote, removed.
    pub post_its: usize,
    /// Event-log rows deleted.
    pub event_rows: u64,
}

impl WithdrawalCounts {
    /// What was removed, in words and numbers, as the audit log keeps it (no content).
    pub fn describe(&self) -> String {
        format!(
            "{} placements, {} notes, {} post-its, {} event-log rows removed",
            self.placements, self.notes, self.post_its, self.event_rows
        )
    }
}

impl Room {
    /// The console's "Withdraw": [`Room::withdraw`] by the facilitator, with its row in the
    /// audit log (the console's socket has no client address to keep); answered with the
    /// `pair_withdrawn` row's sequence number.
    pub(super) async fn withdraw_from_console(&self, pair_id: Uuid) -> Result<u64, RoomError> {
        let counts = self.withdraw(pair_id, WithdrawnBy::Facilitator).await?;
        let entry = AuditEntry {
            actor: AuditActor::Facilitator,
            action: "withdraw".into(),
            workshop_id: Some(self.workshop_id),
            detail: format!("a pair withdrawn from the console ({})", counts.describe()),
            client: None,
        };
        self.store.run(move |s| s.record_audit(entry, now_ms())).await?;
        Ok(counts.seq)
    }

    /// Withdraws pair `pair_id` ([`Store::withdraw_pair_async`]: its data erased, one
    /// content-free `pair_withdrawn` row), under the ordering lock. The room then takes its
    /// state from the database again (the replay of what is left, so it is exactly what a
    /// restart would load), its screens are sent it, and the pair's screens are told and
    /// closed. Refused, changing nothing, after the workshop's withdrawal deadline or when it
    /// has no such pair. Allowed in every phase (a closed workshop's data is still the
    /// pair's to withdraw).
    ///
    /// Where the audit log is wired, withdrawal's row ("withdraw", by whom, which workshop)
    /// is written by the caller (the HTTP handler or the console's control).
    pub async fn withdraw(&self, pair_id: Uuid, by: WithdrawnBy) -> Result<WithdrawalCounts, RoomError> {
        let mut state = self.state.lock().await;
        let id = self.workshop_id;
        let now = now_ms();
        if let Some(day) = state.view.settings.withdrawal_deadline
            && now >= day.end_ms()
        {
            return Err(RoomError::DeadlinePassed(day));
        }
        let before = Arc::clone(&state.view);
        let Some((seq, erased)) = self.store.withdraw_pair_async(id, pair_id, by, now).await? else {
            return Err(RoomError::UnknownPair);
        };
        let counts = WithdrawalCounts {
            seq,
            placements: before.placements.iter().filter(|p| p.pair_id == pair_id).count(),
            notes: before.notes.iter().filter(|n| n.pair_id == pair_id).count(),
            post_its: before.cards.iter().filter(|c| c.author == Some(pair_id)).count(),
            event_rows: erased.event_rows,
        };
        let _ = self.tx.send(RoomMsg::Withdrawn(pair_id));
        self.reload_locked(&mut state).await?;
        Ok(counts)
    }

    /// Takes the room's state from the database again (after a withdrawal here or on
    /// another instance) and sends every screen a fresh snapshot of it.
    pub(super) async fn reload_locked(&self, state: &mut RoomState) -> Result<(), StoreError> {
        let id = self.workshop_id;
        let Some(loaded) = self.store.run(move |s| s.load_room(id)).await? else { return Ok(()) };
        state.view = Arc::new(loaded.view);
        state.pairs_by_token_hash = loaded.pairs_by_token_hash;
        let _ = self.tx.send(RoomMsg::Reset { seq: state.view.seq, view: Arc::clone(&state.view) });
        Ok(())
    }
}
