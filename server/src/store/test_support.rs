//! What only tests use: writing a change decided beforehand (the server decides each change
//! inside its writing transaction, [`Store::decide_and_append_async`]). Compiled for the
//! server's own tests only.

use uuid::Uuid;

use super::changes::{take_turn, write_change};
use super::database::Store;
use super::error::StoreError;
use super::event_log::NewEvent;
use super::sql::Sql;

/// What [`Store::append`] did.
#[derive(Clone, Debug, PartialEq)]
pub enum ChangeOutcome {
    /// Stored as sequence `seq`.
    Committed {
        /// Its sequence number.
        seq: u64,
    },
    /// This change id was already committed as `seq`; nothing was changed.
    AlreadyCommitted {
        /// The original sequence number.
        seq: u64,
    },
}

/// The write behind [`Store::append`], run by the writer inside its batch.
pub(super) fn append(
    workshop_id: Uuid,
    new: NewEvent,
    now: i64,
) -> impl FnOnce(&mut dyn Sql) -> Result<ChangeOutcome, StoreError> + Send + 'static {
    move |tx| {
        // Numbered (and on PostgreSQL the workshop locked) first, so the change id is looked
        // up with no other instance able to commit the same change meanwhile; and before a
        // removal deletes rows, so a sequence number is never used twice.
        let (seq, earlier) = take_turn(tx, workshop_id, Some((new.change_id, &new.actor)))?;
        if let Some(seq) = earlier {
            return Ok(ChangeOutcome::AlreadyCommitted { seq });
        }
        write_change(tx, workshop_id, seq, &new, now)?;
        Ok(ChangeOutcome::Committed { seq })
    }
}

impl Store {
    /// Writes one decided change with its event-log row, in one transaction. A `change_id`
    /// this actor already committed is answered with the original sequence and changes
    /// nothing. Removing a pair also deletes the pair (its token stops working) and every
    /// event-log row of its work, so replaying the log no longer contains it.
    pub fn append(&self, workshop_id: Uuid, new: &NewEvent, now: i64) -> Result<ChangeOutcome, StoreError> {
        self.write(append(workshop_id, new.clone(), now))
    }

    /// [`Store::append`] for async callers: waits for the batch's commit without a thread.
    pub async fn append_async(&self, workshop_id: Uuid, new: NewEvent, now: i64) -> Result<ChangeOutcome, StoreError> {
        self.write_async(append(workshop_id, new, now)).await
    }
}
