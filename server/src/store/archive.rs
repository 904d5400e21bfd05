//! Writing a workshop from another server's archive: its stored rows
//! ([`StoredWorkshop`], which the research area reads from the archive's `event-log.json`
//! and checks first) become a workshop here, and the research area can give it a console
//! link.

use uuid::Uuid;

use super::database::CODE_ATTEMPTS;
use super::database::{EventRow, Store, insert_event};
use super::error::StoreError;
use super::snapshot::StoredWorkshop;
use super::sql::args;
use super::workshops::free_join_code;

/// What [`Store::import_record`] did.
#[derive(Clone, Debug, PartialEq)]
pub enum Imported {
    /// Stored under its own id, with a new join code (an archive carries none).
    Created {
        /// The join code it has here.
        join_code: String,
    },
    /// A workshop with this id is already here; nothing was changed.
    AlreadyHere,
}

impl Store {
    /// Stores the rows of a workshop from another server's archive as they were: the
    /// workshop under its own id, its first aspects, its pairs (with fresh token hashes nobody
    /// holds, so no old tablet can act in it) and every event-log row unchanged, in one
    /// transaction. The facilitator's secret hash is `secret_hash` (of a secret nobody has
    /// been given, until the research area issues a console link). Check the rows first (the
    /// research area's archive check replays them, [`StoredWorkshop::replayed`]).
    pub fn import_record(&self, rows: StoredWorkshop, secret_hash: String) -> Result<Imported, StoreError> {
        self.write(move |tx| {
            let w = &rows.workshop;
            let wid = w.id;
            if tx.row("SELECT 1 FROM workshops WHERE id = ?1", args![wid])?.is_some() {
                return Ok(Imported::AlreadyHere);
            }
            let join_code = free_join_code(tx, CODE_ATTEMPTS)?;
            tx.exec(
                "INSERT INTO workshops (id, title, site, question, left_pole, right_pole, join_code,
                                        facilitator_secret_hash, created_at, template_id, delete_after)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                args![
                    wid,
                    &w.title,
                    &w.site,
                    &w.question,
                    &w.left_pole,
                    &w.right_pole,
                    &join_code,
                    &secret_hash,
                    w.created_at,
                    w.template_id,
                    rows.delete_after.clone(),
                ],
            )?;
            for card in &rows.cards {
                tx.exec(
                    "INSERT INTO cards (id, workshop_id, text, ord, created_at, template_aspect_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    args![card.id, wid, &card.text, card.order, card.created_at, card.template_aspect_id],
                )?;
            }
            for pair in &rows.pairs {
                let unusable = crate::secret::hash_secret(&crate::secret::new_secret());
                tx.exec(
                    "INSERT INTO pairs (id, workshop_id, label, token_hash, joined_at, join_seq, reference)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    args![pair.id, wid, &pair.label, unusable, pair.joined_at, pair.join_seq, pair.reference.clone()],
                )?;
            }
            for e in &rows.events {
                insert_event(
                    tx,
                    EventRow {
                        card_id: e.card_id,
                        pair_id: e.pair_id,
                        before: e.before.clone(),
                        after: e.after.clone(),
                        change_id: e.change_id,
                        payload: e.payload.as_ref(),
                        ..EventRow::new(w.id, e.seq, e.at, (e.actor, &e.actor_label), &e.action)
                    },
                )?;
            }
            Ok(Imported::Created { join_code })
        })
    }

    /// Gives workshop `id` a new facilitator secret (stored as `secret_hash`); the old console
    /// link stops working. Returns whether there is such a workshop.
    pub fn replace_console_secret(&self, id: Uuid, secret_hash: String) -> Result<bool, StoreError> {
        self.write(move |tx| {
            let changed =
                tx.exec("UPDATE workshops SET facilitator_secret_hash = ?1 WHERE id = ?2", args![&secret_hash, id])?;
            Ok(changed > 0)
        })
    }
}
