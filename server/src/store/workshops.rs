//! Workshops: creation (from scratch or from a template), look-ups, loading a live room, and
//! giving a workshop the template ids it is saved as a template with.

use std::collections::HashMap;

use app::api::NewSecondLanguage;
use app::domain::code::{CODE_LEN, code_from_bytes};
use app::domain::consent::ConsentSheet;
use app::domain::second_language::SecondLanguage;
use app::domain::{Card, Event, PairSummary, RoomView, Settings, WorkshopInfo};
use uuid::Uuid;

use super::audit::{AuditEntry, insert_audit};
use super::changes::{apply_all, read_events_after};
use super::database::{CODE_ATTEMPTS, EventRow, Store, insert_event};
use super::error::StoreError;
use super::sql::{Row, Sql, args, in_snapshot};

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

/// The template a new workshop is made from: it keeps the template's id, and each of its
/// aspects the template aspect it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateOrigin {
    /// The template's id.
    pub template_id: Uuid,
    /// One entry per aspect of the [`NewWorkshopRecord`], in order: its template aspect id,
    /// `None` for an aspect that is new here.
    pub aspect_ids: Vec<Option<Uuid>>,
}

/// What a new workshop is stored with besides its content: the UTC day retention deletes it
/// on (`YYYY-MM-DD`, checked by the caller), its information sheet (checked by the caller),
/// and audit rows about its creation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewWorkshopExtras {
    /// The day it is deleted on, if one.
    pub delete_after: Option<String>,
    /// Rows for the audit log (e.g. that a template was used).
    pub audit: Vec<AuditEntry>,
    /// Its information sheet (version one of it), if it has one.
    pub consent_sheet: Option<ConsentSheet>,
    /// Its texts in a second language (checked by the caller), the aspects' in the order of
    /// the record's aspects, if it has one.
    pub second_language: Option<NewSecondLanguage>,
}

/// Everything a live room needs, read in one go.
#[derive(Clone, Debug)]
pub struct LoadedRoom {
    /// The state every screen draws from.
    pub view: RoomView,
    /// Pairs by the sha256 hex of their token.
    pub pairs_by_token_hash: HashMap<String, PairSummary>,
    /// How many pairs declined the information sheet before joining (a count, nothing else).
    pub declined: u64,
}

/// The workshop as created (its row and its facilitator's aspects) with every event of its
/// log applied in order: the state every screen draws from. `None` if there is no such
/// workshop. Read on `conn`, a transaction for a consistent view.
pub(super) fn replay(conn: &mut dyn Sql, workshop_id: Uuid) -> Result<Option<RoomView>, StoreError> {
    let Some(mut view) = start_view(conn, workshop_id)? else { return Ok(None) };
    let (last, events) = read_events_after(conn, workshop_id, 0)?;
    apply_all(&mut view, &events, last);
    Ok(Some(view))
}

/// The workshop as created, before any event: its row and the facilitator's aspects from the
/// `cards` table. Post-its added later (by a pair or the facilitator) are not rows there; they
/// come from their `CardAdded` events. `None` if there is no such workshop.
pub(super) fn start_view(conn: &mut dyn Sql, workshop_id: Uuid) -> Result<Option<RoomView>, StoreError> {
    let sql = format!("SELECT {WORKSHOP_COLUMNS} FROM workshops WHERE id = ?1");
    let Some(workshop) = conn.row(&sql, args![workshop_id])? else {
        return Ok(None);
    };
    let workshop = workshop_from_row(&workshop)?;
    let cards = conn
        .rows("SELECT id, text, ord FROM cards WHERE workshop_id = ?1 ORDER BY ord", args![workshop_id])?
        .iter()
        .map(|r| Ok(Card::new(r.uuid("id")?, r.text("text")?, r.u32("ord")?)))
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(Some(RoomView::new(workshop, cards)))
}

/// A random join code no workshop here has, after at most `attempts` tries.
pub(super) fn free_join_code(tx: &mut dyn Sql, attempts: usize) -> Result<String, StoreError> {
    for _ in 0..attempts {
        let candidate = code_from_bytes(&rand::random::<[u8; CODE_LEN]>());
        let taken = tx.row("SELECT 1 FROM workshops WHERE join_code = ?1", args![&candidate])?.is_some();
        if !taken {
            return Ok(candidate);
        }
    }
    Err(StoreError::NoFreeCode)
}

/// The pairs of workshop `workshop_id` that are in `view`, by the hash of their token.
pub(super) fn pairs_by_token_hash(
    conn: &mut dyn Sql,
    workshop_id: Uuid,
    view: &RoomView,
) -> Result<HashMap<String, PairSummary>, StoreError> {
    let rows = conn.rows("SELECT id, token_hash FROM pairs WHERE workshop_id = ?1", args![workshop_id])?;
    let mut pairs = HashMap::with_capacity(rows.len());
    for row in &rows {
        if let Some(pair) = view.pair(row.uuid("id")?) {
            pairs.insert(row.text("token_hash")?, pair.clone());
        }
    }
    Ok(pairs)
}

/// The facilitator as the event log names it.
const FACILITATOR: (super::ActorKind, &str) = (super::ActorKind::Facilitator, "Facilitator");

/// The columns of `workshops` that [`workshop_from_row`] reads: all but the secret's hash.
pub(super) const WORKSHOP_COLUMNS: &str =
    "id, title, site, question, left_pole, right_pole, join_code, created_at, template_id";

/// A workshop's public facts from a row with its [`WORKSHOP_COLUMNS`].
pub(super) fn workshop_from_row(row: &Row) -> Result<WorkshopInfo, StoreError> {
    Ok(WorkshopInfo {
        id: row.uuid("id")?,
        title: row.text("title")?,
        site: row.text("site")?,
        question: row.text("question")?,
        left_pole: row.text("left_pole")?,
        right_pole: row.text("right_pole")?,
        join_code: row.text("join_code")?,
        created_at: row.int("created_at")?,
        template_id: row.opt_uuid("template_id")?,
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

    /// Stores a new workshop from scratch; see [`Store::create_workshop_from`].
    pub fn create_workshop_with_settings(
        &self,
        new: &NewWorkshopRecord,
        settings: Settings,
        secret_hash: &str,
        now: i64,
    ) -> Result<WorkshopInfo, StoreError> {
        self.create_workshop_from(new, None, settings, None, secret_hash, now)
    }

    /// Stores a new workshop with a fresh unique join code, its cards (with their template
    /// aspect ids when it is made from `template`, whose ids were checked), event 1
    /// (`workshop_created`, naming the template) and, when `settings` (already checked) are
    /// not the defaults, event 2 (`settings_changed` by the facilitator), and, with an
    /// information sheet (already checked), the next event (`consent_sheet_set`), all in one
    /// transaction. Only the hash of the facilitator's secret is stored.
    pub fn create_workshop_from(
        &self,
        new: &NewWorkshopRecord,
        template: Option<&TemplateOrigin>,
        settings: Settings,
        sheet: Option<&ConsentSheet>,
        secret_hash: &str,
        now: i64,
    ) -> Result<WorkshopInfo, StoreError> {
        let extras = NewWorkshopExtras { consent_sheet: sheet.cloned(), ..NewWorkshopExtras::default() };
        self.create_workshop_with(new, template, settings, secret_hash, now, extras)
    }

    /// [`Store::create_workshop_from`] with a retention day (checked by the caller), an
    /// information sheet, and audit rows about the new workshop (their workshop id is set to
    /// its id), in the same transaction.
    pub fn create_workshop_with(
        &self,
        new: &NewWorkshopRecord,
        template: Option<&TemplateOrigin>,
        settings: Settings,
        secret_hash: &str,
        now: i64,
        retention: NewWorkshopExtras,
    ) -> Result<WorkshopInfo, StoreError> {
        let (new, secret_hash) = (new.clone(), secret_hash.to_string());
        let template = template.cloned();
        let sheet = retention.consent_sheet.clone();
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
                template_id: template.as_ref().map(|t| t.template_id),
            };
            tx.exec(
                "INSERT INTO workshops (id, title, site, question, left_pole, right_pole, join_code,
                                    facilitator_secret_hash, created_at, template_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                args![
                    info.id,
                    &info.title,
                    &info.site,
                    &info.question,
                    &info.left_pole,
                    &info.right_pole,
                    &info.join_code,
                    &secret_hash,
                    now,
                    info.template_id,
                ],
            )?;
            if retention.delete_after.is_some() {
                tx.exec(
                    "UPDATE workshops SET delete_after = ?1 WHERE id = ?2",
                    args![retention.delete_after.clone(), info.id],
                )?;
            }
            for entry in &retention.audit {
                insert_audit(tx, &AuditEntry { workshop_id: Some(info.id), ..entry.clone() }, now)?;
            }
            let template_aspects = template.as_ref().map(|t| t.aspect_ids.as_slice()).unwrap_or_default();
            let mut card_ids = Vec::with_capacity(new.aspects.len());
            for (ord, text) in new.aspects.iter().enumerate() {
                let template_aspect = template_aspects.get(ord).copied().flatten();
                let id = Uuid::new_v4();
                card_ids.push(id);
                tx.exec(
                    "INSERT INTO cards (id, workshop_id, text, ord, created_at, template_aspect_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    args![id, info.id, text, ord, now, template_aspect],
                )?;
            }
            let mut after = serde_json::json!({
                "title": info.title, "site": info.site, "question": info.question,
                "left_pole": info.left_pole, "right_pole": info.right_pole,
                "join_code": info.join_code, "aspects": new.aspects,
            });
            if let (Some(id), Some(object)) = (info.template_id, after.as_object_mut()) {
                // Only when there is one, so a workshop from scratch logs what it always did.
                object.insert("template_id".into(), id.to_string().into());
            }
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
            let mut seq = if settings == Settings::default() { 2 } else { 3 };
            if let Some(sheet) = sheet {
                let after = serde_json::json!({ "version": sheet.version, "title": sheet.title });
                let event = Event::ConsentSheetSet { sheet, at: now };
                insert_event(
                    tx,
                    EventRow {
                        after: Some(after),
                        payload: Some(&event),
                        ..EventRow::new(info.id, seq, now, FACILITATOR, "consent_sheet_set")
                    },
                )?;
                seq += 1;
            }
            if let Some(second) = &retention.second_language {
                // Logged like a later change from the console, so every screen, the replay and
                // the exports take the second language from the event log.
                let second = SecondLanguage {
                    language: second.language.clone(),
                    question: second.question.clone(),
                    left_pole: second.left_pole.clone(),
                    right_pole: second.right_pole.clone(),
                    aspects: card_ids
                        .iter()
                        .zip(&second.aspects)
                        .filter(|(_, text)| !text.is_empty())
                        .map(|(id, text)| (*id, text.clone()))
                        .collect(),
                };
                let after = serde_json::json!({ "language": second.language });
                let event = Event::SecondLanguageSet { second: Some(second), at: now };
                insert_event(
                    tx,
                    EventRow {
                        after: Some(after),
                        payload: Some(&event),
                        ..EventRow::new(info.id, seq, now, FACILITATOR, "second_language_set")
                    },
                )?;
            }
            Ok(info)
        })
    }

    /// Gives each of `workshops` what it needs to be saved as a template, in one transaction:
    /// a template id if it has none, and a template aspect id for each aspect it was created
    /// with that has none. Ids it already has are kept, so a workshop made from a template is
    /// saved with that template's ids, and saving twice gives the same ids. The workshop
    /// thereby becomes "of" its template, as every workshop later made from it will be. Not in
    /// the event log: the ids are facts about the workshop, not changes in its session.
    /// Returns how many of the workshops exist.
    pub fn assign_template_ids(&self, workshops: Vec<Uuid>) -> Result<usize, StoreError> {
        self.write(move |tx| {
            let mut found = 0;
            for workshop in workshops {
                let Some(row) = tx.row("SELECT template_id FROM workshops WHERE id = ?1", args![workshop])? else {
                    continue;
                };
                if row.opt_text("template_id")?.is_none() {
                    let sql = "UPDATE workshops SET template_id = ?1 WHERE id = ?2";
                    tx.exec(sql, args![Uuid::new_v4(), workshop])?;
                }
                found += 1;
                let cards = tx.rows(
                    "SELECT id FROM cards WHERE workshop_id = ?1 AND template_aspect_id IS NULL",
                    args![workshop],
                )?;
                for card in cards {
                    let sql = "UPDATE cards SET template_aspect_id = ?1 WHERE id = ?2";
                    tx.exec(sql, args![Uuid::new_v4(), card.text("id")?])?;
                }
            }
            Ok(found)
        })
    }

    /// The public facts of the workshop with this (normalised) join code.
    pub fn workshop_by_code(&self, code: &str) -> Result<Option<WorkshopInfo>, StoreError> {
        let sql = format!("SELECT {WORKSHOP_COLUMNS} FROM workshops WHERE join_code = ?1");
        self.read(|db| db.row(&sql, args![code])?.map(|r| workshop_from_row(&r)).transpose())
    }

    /// The workshop whose facilitator secret hashes to `secret_hash`.
    pub fn workshop_by_secret_hash(&self, secret_hash: &str) -> Result<Option<WorkshopInfo>, StoreError> {
        let sql = format!("SELECT {WORKSHOP_COLUMNS} FROM workshops WHERE facilitator_secret_hash = ?1");
        self.read(|db| db.row(&sql, args![secret_hash])?.map(|r| workshop_from_row(&r)).transpose())
    }

    /// Loads the whole state of a workshop, or `None` if there is no such workshop: the
    /// workshop as created, with its event log replayed on top. Read in one transaction so
    /// the view is consistent with its `seq`.
    pub fn load_room(&self, workshop_id: Uuid) -> Result<Option<LoadedRoom>, StoreError> {
        self.read(|db| {
            in_snapshot(db, |tx| {
                let Some(view) = replay(tx, workshop_id)? else { return Ok(None) };
                let pairs_by_token_hash = pairs_by_token_hash(tx, workshop_id, &view)?;
                let declined = super::changes::declined(tx, workshop_id)?;
                Ok(Some(LoadedRoom { view, pairs_by_token_hash, declined }))
            })
        })
    }

    /// The pairs of workshop `workshop_id` that are in `view`, by the hash of their token:
    /// what a room that caught up with another instance's changes signs pairs in with.
    pub fn pairs_by_token_hash(
        &self,
        workshop_id: Uuid,
        view: &RoomView,
    ) -> Result<HashMap<String, PairSummary>, StoreError> {
        self.read(|db| pairs_by_token_hash(db, workshop_id, view))
    }
}
