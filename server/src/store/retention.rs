//! Retention: the day a workshop is to be deleted on (`workshops.delete_after`, a UTC day
//! `YYYY-MM-DD`, or NULL), setting it, and finding the workshops due. The deletion itself is
//! [`Store::delete_workshop_recorded`], as for "Delete".

use uuid::Uuid;

use super::audit::{AuditEntry, insert_audit};
use super::database::Store;
use super::error::StoreError;
use super::sql::args;

impl Store {
    /// Sets (or with `None` clears) the day workshop `id` is deleted on, appending `audit` in
    /// the same transaction. The day is checked by the caller (a real day, not in the past).
    /// Returns whether there is such a workshop (nothing is written otherwise).
    pub fn set_delete_after(
        &self,
        id: Uuid,
        day: Option<String>,
        audit: AuditEntry,
        at: i64,
    ) -> Result<bool, StoreError> {
        self.write(move |tx| {
            let changed = tx.exec("UPDATE workshops SET delete_after = ?1 WHERE id = ?2", args![day, id])?;
            if changed > 0 {
                insert_audit(tx, &audit, at)?;
            }
            Ok(changed > 0)
        })
    }

    /// The day workshop `id` is deleted on: `None` when there is no such workshop, `Some(None)`
    /// when it has no date.
    pub fn delete_after(&self, id: Uuid) -> Result<Option<Option<String>>, StoreError> {
        self.read(|db| {
            db.row("SELECT delete_after FROM workshops WHERE id = ?1", args![id])?
                .map(|row| row.opt_text("delete_after"))
                .transpose()
        })
    }

    /// The workshops whose day has come by `today` (`YYYY-MM-DD`, UTC): their day is `today`
    /// or earlier (a server that was off on the day finds them at its next check). Oldest day
    /// first, with their day.
    pub fn due_for_deletion(&self, today: &str) -> Result<Vec<(Uuid, String)>, StoreError> {
        let today = today.to_string();
        self.read(move |db| {
            db.rows(
                "SELECT id, delete_after FROM workshops
                 WHERE delete_after IS NOT NULL AND delete_after <= ?1 ORDER BY delete_after, id",
                args![today],
            )?
            .iter()
            .map(|row| Ok((row.uuid("id")?, row.text("delete_after")?)))
            .collect()
        })
    }
}
