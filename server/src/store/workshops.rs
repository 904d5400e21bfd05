//! Workshops: creation, look-ups, loading a live room, and the rows of the CSV export.

use std::collections::HashMap;

use app::domain::code::{CODE_LEN, code_from_bytes};
use app::domain::{Card, Event, PairSummary, RoomView, Settings, WorkshopInfo};
use rusqlite::OptionalExtension;
use uuid::Uuid;

use super::{EventRow, Store, StoreError, insert_event, seq_at, uuid_at};

/// How many random join codes to try before giving up (with a billion codes and a handful of
/// workshops, the second try practically never happens).
pub(super) const CODE_ATTEMPTS: usize = 32;

/// A validated new workshop, ready to store.
#[derive(Clone, Debug)]
pub struct NewWorkshopRecord {
    /// Title.
    pub title: String,
    /// Study site.
    pub site: String,
    /// Question above the spectrum.
    pub question: String,
    /// Label of the 0 end.
    pub left_pole: String,
    /// Label of the 100 end.
    pub right_pole: String,
    /// Aspect texts in display order.
    pub aspects: Vec<String>,
}

/// Everything a live room needs, read in one go.
#[derive(Clone, Debug)]
pub struct LoadedRoom {
    /// The state every screen draws from.
    pub view: RoomView,
    /// Pairs by the sha256 hex of their token.
    pub pairs_by_token_hash: HashMap<String, PairSummary>,
}

/// The workshop as created (its row and its facilitator's aspects) with every event of its
/// log applied in order: the state every screen draws from. `None` if there is no such
/// workshop. Read on `conn`, a transaction for a consistent view.
pub(super) fn replay(conn: &rusqlite::Connection, workshop_id: Uuid) -> Result<Option<RoomView>, StoreError> {
    let id = workshop_id.to_string();
    let Some(mut view) = start_view(conn, workshop_id)? else { return Ok(None) };
    let mut stmt = conn.prepare("SELECT seq, payload_json FROM events WHERE workshop_id = ?1 ORDER BY seq")?;
    let mut rows = stmt.query([&id])?;
    while let Some(row) = rows.next()? {
        let seq = seq_at(row, 0)?;
        if let Some(json) = row.get::<_, Option<String>>(1)? {
            let event: Event =
                serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("event {seq}: {e}")))?;
            view.apply(seq, &event);
        }
        view.seq = seq;
    }
    Ok(Some(view))
}

/// The workshop as created, before any event: its row and the facilitator's aspects from the
/// `cards` table. Post-its added later (by a pair or the facilitator) are not rows there; they
/// come from their `CardAdded` events. `None` if there is no such workshop.
pub(super) fn start_view(conn: &rusqlite::Connection, workshop_id: Uuid) -> Result<Option<RoomView>, StoreError> {
    let id = workshop_id.to_string();
    let sql = format!("SELECT {WORKSHOP_COLUMNS} FROM workshops WHERE id = ?1");
    let Some(workshop) = conn.query_row(&sql, [&id], workshop_from_row).optional()? else {
        return Ok(None);
    };
    let cards = conn
        .prepare("SELECT id, text, ord FROM cards WHERE workshop_id = ?1 ORDER BY ord")?
        .query_map([&id], |r| Ok(Card::new(uuid_at(r, 0)?, r.get::<_, String>(1)?, r.get(2)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(RoomView::new(workshop, cards)))
}

/// A random join code no workshop here has, after at most `attempts` tries.
pub(super) fn free_join_code(tx: &rusqlite::Connection, attempts: usize) -> Result<String, StoreError> {
    for _ in 0..attempts {
        let candidate = code_from_bytes(&rand::random::<[u8; CODE_LEN]>());
        let taken = tx
            .query_row("SELECT 1 FROM workshops WHERE join_code = ?1", [&candidate], |_| Ok(()))
            .optional()?
            .is_some();
        if !taken {
            return Ok(candidate);
        }
    }
    Err(StoreError::NoFreeCode)
}

/// The facilitator as the event log names it.
const FACILITATOR: (super::ActorKind, &str) = (super::ActorKind::Facilitator, "Facilitator");

pub(super) const WORKSHOP_COLUMNS: &str = "id, title, site, question, left_pole, right_pole, join_code, created_at";

pub(super) fn workshop_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<WorkshopInfo> {
    Ok(WorkshopInfo {
        id: uuid_at(row, 0)?,
        title: row.get(1)?,
        site: row.get(2)?,
        question: row.get(3)?,
        left_pole: row.get(4)?,
        right_pole: row.get(5)?,
        join_code: row.get(6)?,
        created_at: row.get(7)?,
    })
}

impl Store {
    /// Stores a new workshop with the default settings; see
    /// [`Store::create_workshop_with_settings`].
    pub fn create_workshop(
        &self,
        new: &NewWorkshopRecord,
        secret_hash: &str,
        now: i64,
    ) -> Result<WorkshopInfo, StoreError> {
        self.create_workshop_with_settings(new, Settings::default(), secret_hash, now)
    }

    /// Stores a new workshop with a fresh unique join code, its cards, event 1
    /// (`workshop_created`) and, when `settings` (already checked) are not the defaults,
    /// event 2 (`settings_changed` by the facilitator), all in one transaction. Only the hash
    /// of the facilitator's secret is stored.
    pub fn create_workshop_with_settings(
        &self,
        new: &NewWorkshopRecord,
        settings: Settings,
        secret_hash: &str,
        now: i64,
    ) -> Result<WorkshopInfo, StoreError> {
        let (new, secret_hash) = (new.clone(), secret_hash.to_string());
        self.write(move |tx| {
            let join_code = free_join_code(tx, CODE_ATTEMPTS)?;
            let info = WorkshopInfo {
                id: Uuid::new_v4(),
                title: new.title.clone(),
                site: new.site.clone(),
                question: new.question.clone(),
                left_pole: new.left_pole.clone(),
                right_pole: new.right_pole.clone(),
                join_code,
                created_at: now,
            };
            tx.execute(
                "INSERT INTO workshops (id, title, site, question, left_pole, right_pole, join_code,
                                    facilitator_secret_hash, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                rusqlite::params![
                    info.id.to_string(),
                    info.title,
                    info.site,
                    info.question,
                    info.left_pole,
                    info.right_pole,
                    info.join_code,
                    secret_hash,
                    now,
                ],
            )?;
            for (ord, text) in new.aspects.iter().enumerate() {
                tx.execute(
                    "INSERT INTO cards (id, workshop_id, text, ord, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                    rusqlite::params![Uuid::new_v4().to_string(), info.id.to_string(), text, ord, now],
                )?;
            }
            let after = serde_json::json!({
                "title": info.title, "site": info.site, "question": info.question,
                "left_pole": info.left_pole, "right_pole": info.right_pole,
                "join_code": info.join_code, "aspects": new.aspects,
            });
            insert_event(
                tx,
                EventRow { after: Some(after), ..EventRow::new(info.id, 1, now, FACILITATOR, "workshop_created") },
            )?;
            if settings != Settings::default() {
                // Logged as the facilitator's first change, so the replay, the exports and every
                // screen take the settings from the event log like any later change.
                let event = Event::SettingsChanged { settings, at: now };
                insert_event(
                    tx,
                    EventRow {
                        after: Some(serde_json::json!({ "settings": settings })),
                        payload: Some(&event),
                        ..EventRow::new(info.id, 2, now, FACILITATOR, "settings_changed")
                    },
                )?;
            }
            Ok(info)
        })
    }

    /// The public facts of the workshop with this (normalised) join code.
    pub fn workshop_by_code(&self, code: &str) -> Result<Option<WorkshopInfo>, StoreError> {
        let sql = format!("SELECT {WORKSHOP_COLUMNS} FROM workshops WHERE join_code = ?1");
        Ok(self.conn().query_row(&sql, [code], workshop_from_row).optional()?)
    }

    /// The workshop whose facilitator secret hashes to `secret_hash`.
    pub fn workshop_by_secret_hash(&self, secret_hash: &str) -> Result<Option<WorkshopInfo>, StoreError> {
        let sql = format!("SELECT {WORKSHOP_COLUMNS} FROM workshops WHERE facilitator_secret_hash = ?1");
        Ok(self.conn().query_row(&sql, [secret_hash], workshop_from_row).optional()?)
    }

    /// Loads the whole state of a workshop, or `None` if there is no such workshop: the
    /// workshop as created, with its event log replayed on top. Read in one transaction so
    /// the view is consistent with its `seq`.
    pub fn load_room(&self, workshop_id: Uuid) -> Result<Option<LoadedRoom>, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let Some(view) = replay(&tx, workshop_id)? else { return Ok(None) };
        let pairs_by_token_hash = tx
            .prepare("SELECT id, token_hash FROM pairs WHERE workshop_id = ?1")?
            .query_map([workshop_id.to_string()], |r| Ok((uuid_at(r, 0)?, r.get::<_, String>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter_map(|(id, hash)| view.pair(id).map(|pair| (hash, pair.clone())))
            .collect();
        Ok(Some(LoadedRoom { view, pairs_by_token_hash }))
    }
}
