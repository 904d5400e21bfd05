//! Taking one pair out of a workshop's data, as if it had never joined ([`erase_pair`]), and
//! withdrawal, which is that plus one content-free `pair_withdrawn` row in the event log
//! ([`Store::withdraw_pair_async`]). Then the disk is cleaned ([`Store::scrub_disk`]): with
//! `secure_delete` on ([`super::database::connect`]) SQLite overwrites what it deletes, and a
//! checkpoint empties the write-ahead log, so the removed text is nowhere in the files.

use app::domain::Event;
use uuid::Uuid;

use super::changes::{payload, take_turn};
use super::database::{EventRow, Store, announce, insert_event};
use super::error::StoreError;
use super::event_log::ActorKind;
use super::sql::{Backend, Sql, args};

/// Who withdrew a pair, as the `pair_withdrawn` row records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WithdrawnBy {
    /// A researcher, in the research area or through the API (with the admin key).
    Researcher,
    /// The facilitator, from the console.
    Facilitator,
    /// Nobody: the server took the pair out because its people did not agree to a new version
    /// of the information sheet (it is counted with the pairs that declined).
    DeclinedConsent,
}

impl WithdrawnBy {
    /// The event log's `actor` and `actor_label` of the row.
    fn actor(self) -> (ActorKind, &'static str) {
        match self {
            WithdrawnBy::Researcher => (ActorKind::Researcher, "Researcher"),
            WithdrawnBy::Facilitator => (ActorKind::Facilitator, "Facilitator"),
            WithdrawnBy::DeclinedConsent => (ActorKind::System, "System"),
        }
    }
}

/// Who holds a pair's token ([`Store::token_holder`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenHolder {
    /// This pair of this workshop.
    Pair {
        /// The workshop.
        workshop_id: Uuid,
        /// The pair.
        pair_id: Uuid,
    },
    /// A pair that withdrew from the study (its token hash is all that is kept).
    Withdrawn,
    /// No pair: a wrong token, a removed pair's, or a deleted workshop's.
    Nobody,
}

/// A pair of a workshop found by its reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairByReference {
    /// The pair's id.
    pub pair_id: Uuid,
}

/// What [`erase_pair`] deleted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Erased {
    /// Event-log rows deleted: the pair's own (joining, placing, notes, its post-its) and the
    /// facilitator's about its post-its (edits, merges).
    pub event_rows: u64,
}

/// Deletes every stored trace of pair `pair_id` of workshop `workshop_id`, inside the caller's
/// transaction: its event-log rows (the rows that name it: joining, placements, notes,
/// post-its it wrote), the rows that carry the text of a post-it it wrote (the facilitator's
/// edits and merges of it, and other pairs' work on it, which cannot have existed without
/// it), and its row in `pairs`. Its token hash is kept in `withdrawn_pairs` (nothing else of
/// it), so its tablet can be told, and refused. Replaying what is left gives the workshop as
/// if the pair had never joined.
///
/// This is the one way to take a pair out: withdrawal ([`Store::withdraw_pair_async`]) adds
/// its content-free row; a pair that declines a new consent version is taken out the same
/// way ([`WithdrawnBy::DeclinedConsent`]). Writes no event-log row of its own and does not
/// announce.
pub fn erase_pair(tx: &mut dyn Sql, workshop_id: Uuid, pair_id: Uuid, now: i64) -> Result<Erased, StoreError> {
    // The post-its it wrote: the aspect of its `card_added` rows.
    let written: Vec<Uuid> = tx
        .rows(
            "SELECT card_id FROM events WHERE workshop_id = ?1 AND pair_id = ?2 AND action = 'card_added'
               AND card_id IS NOT NULL",
            args![workshop_id, pair_id],
        )?
        .iter()
        .map(|r| r.uuid("card_id"))
        .collect::<Result<_, _>>()?;
    let mut event_rows =
        tx.exec("DELETE FROM events WHERE workshop_id = ?1 AND pair_id = ?2", args![workshop_id, pair_id])?;
    for card in &written {
        event_rows +=
            tx.exec("DELETE FROM events WHERE workshop_id = ?1 AND card_id = ?2", args![workshop_id, card])?;
    }
    if !written.is_empty() {
        // A merge of another post-it *into* one of its post-its names it only in the payload.
        let merges = tx.rows(
            "SELECT seq, payload_json FROM events WHERE workshop_id = ?1 AND action = 'cards_merged'",
            args![workshop_id],
        )?;
        for row in &merges {
            if let Event::CardsMerged { into, .. } = payload(row)?
                && written.contains(&into)
            {
                let seq = row.uint("seq")?;
                event_rows +=
                    tx.exec("DELETE FROM events WHERE workshop_id = ?1 AND seq = ?2", args![workshop_id, seq])?;
            }
        }
    }
    let token =
        tx.row("SELECT token_hash FROM pairs WHERE workshop_id = ?1 AND id = ?2", args![workshop_id, pair_id])?;
    if let Some(token) = token {
        tx.exec(
            "INSERT INTO withdrawn_pairs (token_hash, workshop_id, withdrawn_at) VALUES (?1, ?2, ?3)",
            args![token.text("token_hash")?, workshop_id, now],
        )?;
    }
    tx.exec("DELETE FROM pairs WHERE workshop_id = ?1 AND id = ?2", args![workshop_id, pair_id])?;
    Ok(Erased { event_rows: event_rows as u64 })
}

/// The write behind [`Store::withdraw_pair_async`].
fn withdraw_pair(
    workshop_id: Uuid,
    pair_id: Uuid,
    by: WithdrawnBy,
    now: i64,
) -> impl FnOnce(&mut dyn Sql) -> Result<Option<(u64, Erased)>, StoreError> + Send + 'static {
    move |tx| {
        let (seq, _) = take_turn(tx, workshop_id, None)?;
        if tx.row("SELECT 1 FROM pairs WHERE workshop_id = ?1 AND id = ?2", args![workshop_id, pair_id])?.is_none() {
            return Ok(None);
        }
        let erased = erase_pair(tx, workshop_id, pair_id, now)?;
        if by == WithdrawnBy::DeclinedConsent {
            tx.exec("UPDATE workshops SET consent_declined = consent_declined + 1 WHERE id = ?1", args![workshop_id])?;
        }
        // Content-free: when and by whom; the pair only as an id that nothing names any more
        // (so the rooms of other instances can take it out too), no label, no reference.
        let event = Event::PairWithdrawn { pair_id, at: now };
        insert_event(
            tx,
            EventRow { payload: Some(&event), ..EventRow::new(workshop_id, seq, now, by.actor(), "pair_withdrawn") },
        )?;
        announce(tx, workshop_id, Some(seq))?;
        Ok(Some((seq, erased)))
    }
}

impl Store {
    /// The pair of workshop `workshop_id` with this (normalised) reference, if any.
    pub fn pair_by_reference(&self, workshop_id: Uuid, reference: &str) -> Result<Option<PairByReference>, StoreError> {
        self.read(|db| {
            db.row("SELECT id FROM pairs WHERE workshop_id = ?1 AND reference = ?2", args![workshop_id, reference])?
                .map(|r| Ok(PairByReference { pair_id: r.uuid("id")? }))
                .transpose()
        })
    }

    /// The title and site of another workshop than `workshop_id` that has a pair with this
    /// (normalised) reference, if any: so a researcher who chose the wrong workshop is told
    /// which one the reference belongs to.
    pub fn other_workshop_with_reference(
        &self,
        workshop_id: Uuid,
        reference: &str,
    ) -> Result<Option<(String, String)>, StoreError> {
        self.read(|db| {
            let sql = "SELECT w.title, w.site FROM pairs p JOIN workshops w ON w.id = p.workshop_id
                       WHERE p.reference = ?1 AND p.workshop_id <> ?2 ORDER BY w.created_at DESC LIMIT 1";
            db.row(sql, args![reference, workshop_id])?.map(|r| Ok((r.text("title")?, r.text("site")?))).transpose()
        })
    }

    /// Whether a pair of workshop `workshop_id` holding the token with this hash withdrew.
    pub fn is_withdrawn_token(&self, workshop_id: Uuid, token_hash: &str) -> Result<bool, StoreError> {
        self.read(|db| {
            let sql = "SELECT 1 FROM withdrawn_pairs WHERE workshop_id = ?1 AND token_hash = ?2";
            Ok(db.row(sql, args![workshop_id, token_hash])?.is_some())
        })
    }

    /// Who holds the token with this hash, across every workshop (tokens are unique):
    /// [`TokenHolder::Pair`], a pair that withdrew, or nobody.
    pub fn token_holder(&self, token_hash: &str) -> Result<TokenHolder, StoreError> {
        self.read(|db| {
            let pair = db.row("SELECT workshop_id, id FROM pairs WHERE token_hash = ?1", args![token_hash])?;
            if let Some(row) = pair {
                return Ok(TokenHolder::Pair { workshop_id: row.uuid("workshop_id")?, pair_id: row.uuid("id")? });
            }
            let withdrawn = db.row("SELECT 1 FROM withdrawn_pairs WHERE token_hash = ?1", args![token_hash])?;
            Ok(if withdrawn.is_some() { TokenHolder::Withdrawn } else { TokenHolder::Nobody })
        })
    }

    /// Withdraws pair `pair_id` in one transaction: [`erase_pair`], then the content-free
    /// `pair_withdrawn` row (its sequence number, when, by whom; for
    /// [`WithdrawnBy::DeclinedConsent`] the workshop's declined count grows by one in the same
    /// transaction). `None` (nothing changed)
    /// when the workshop has no such pair. Then cleans the disk ([`Store::scrub_disk`]).
    pub async fn withdraw_pair_async(
        self: &std::sync::Arc<Self>,
        workshop_id: Uuid,
        pair_id: Uuid,
        by: WithdrawnBy,
        now: i64,
    ) -> Result<Option<(u64, Erased)>, StoreError> {
        let done = self.write_async(withdraw_pair(workshop_id, pair_id, by, now)).await?;
        if done.is_some() {
            self.run(|store| store.scrub_disk()).await?;
        }
        Ok(done)
    }

    /// After a deletion, leaves the deleted text nowhere in the database's files. SQLite
    /// (with `secure_delete`, which has already overwritten the deleted rows in the pages it
    /// changed) copies the write-ahead log into the database and truncates it to zero bytes
    /// (`wal_checkpoint(TRUNCATE)`), so the old versions of those pages the log still held
    /// are gone too; it waits (up to a few seconds) for readers in the middle of a snapshot.
    /// PostgreSQL keeps dead rows until `VACUUM` reuses their space; that is left to its
    /// autovacuum and to the operator (README, "Deleting data").
    pub fn scrub_disk(&self) -> Result<(), StoreError> {
        if self.backend() != Backend::Sqlite {
            return Ok(());
        }
        for attempt in 0..20 {
            let busy = self.read(|db| {
                let row = db.row("PRAGMA wal_checkpoint(TRUNCATE)", &[])?;
                Ok(row.map(|r| r.int("busy")).transpose()?.unwrap_or(0))
            })?;
            if busy == 0 {
                return Ok(());
            }
            tracing::debug!(attempt, "the checkpoint after a deletion waited for a reader");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        tracing::warn!("the checkpoint after a deletion could not complete; the next one will");
        Ok(())
    }
}
