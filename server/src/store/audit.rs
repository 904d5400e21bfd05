//! The audit log: who saw and changed what, when, from which network (the server's own
//! record, not a workshop's). Rows are only ever appended ([`Store::record_audit`], or in the
//! same transaction as the change they record, [`insert_audit`]); nothing here updates or
//! deletes one, and the database refuses it too (triggers of schema step 4). Deleting a
//! workshop keeps its rows: the log has no foreign key to it.

use uuid::Uuid;

use super::database::Store;
use super::error::StoreError;
use super::sql::{Row, Sql, Value, args};

/// Who acted, as the audit log names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuditActor {
    /// Someone with the admin key (the research area or its API).
    Researcher,
    /// Someone with a workshop's console link (or creating a workshop).
    Facilitator,
    /// The server itself (retention).
    System,
}

impl AuditActor {
    /// As stored and exported: `researcher`, `facilitator` or `system`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditActor::Researcher => "researcher",
            AuditActor::Facilitator => "facilitator",
            AuditActor::System => "system",
        }
    }

    fn parse(text: &str) -> Result<AuditActor, StoreError> {
        match text {
            "researcher" => Ok(AuditActor::Researcher),
            "facilitator" => Ok(AuditActor::Facilitator),
            "system" => Ok(AuditActor::System),
            other => Err(StoreError::Corrupt(format!("unknown audit actor {other:?}"))),
        }
    }
}

/// One row to append: what happened, apart from when (the store stamps it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    /// Who acted.
    pub actor: AuditActor,
    /// What they did, a short fixed word (`download`, `delete`, `sign_in_failed`, …).
    pub action: String,
    /// The workshop concerned, if one.
    pub workshop_id: Option<Uuid>,
    /// What exactly (which file or format, how many workshops, …). Never a secret, a label
    /// or a note.
    pub detail: String,
    /// The client's network, already masked (IPv4 /24, IPv6 /48); `None` for the server.
    pub client: Option<String>,
}

impl AuditEntry {
    /// A row of `action` by `actor` about `workshop_id`, saying `detail`, from no client
    /// (set [`AuditEntry::client`] for a request's).
    pub fn new(actor: AuditActor, action: &str, workshop_id: Option<Uuid>, detail: impl Into<String>) -> AuditEntry {
        AuditEntry { actor, action: action.to_string(), workshop_id, detail: detail.into(), client: None }
    }
}

/// One row of the audit log as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditRow {
    /// Its place in the log (grows with every row).
    pub id: i64,
    /// When, ms since the epoch (UTC).
    pub at: i64,
    /// The row's facts.
    pub entry: AuditEntry,
}

/// Appends `entry` at time `at` on `tx` (in the transaction of the change it records).
pub(super) fn insert_audit(tx: &mut dyn Sql, entry: &AuditEntry, at: i64) -> Result<(), StoreError> {
    tx.exec(
        "INSERT INTO audit_log (at, actor, action, workshop_id, detail, client) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        args![at, entry.actor.as_str(), &entry.action, entry.workshop_id, &entry.detail, entry.client.clone()],
    )?;
    Ok(())
}

fn audit_row(row: &Row) -> Result<AuditRow, StoreError> {
    Ok(AuditRow {
        id: row.int("id")?,
        at: row.int("at")?,
        entry: AuditEntry {
            actor: AuditActor::parse(&row.text("actor")?)?,
            action: row.text("action")?,
            workshop_id: row.opt_uuid("workshop_id")?,
            detail: row.text("detail")?,
            client: row.opt_text("client")?,
        },
    })
}

impl Store {
    /// Appends `entry` to the audit log at time `at` (ms since the epoch), committed before
    /// it returns.
    pub fn record_audit(&self, entry: AuditEntry, at: i64) -> Result<(), StoreError> {
        self.write(move |tx| insert_audit(tx, &entry, at))
    }

    /// At most `limit` rows of the audit log, newest first, only those of `workshop` when
    /// given; and how many rows there are with that filter in all.
    pub fn audit_log(&self, workshop: Option<Uuid>, limit: usize) -> Result<(Vec<AuditRow>, u64), StoreError> {
        let columns = "id, at, actor, action, workshop_id, detail, client";
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.read(|db| {
            let (rows, total) = match workshop {
                Some(id) => (
                    db.rows(
                        &format!("SELECT {columns} FROM audit_log WHERE workshop_id = ?1 ORDER BY id DESC LIMIT ?2"),
                        args![id, limit],
                    )?,
                    db.row("SELECT COUNT(*) AS n FROM audit_log WHERE workshop_id = ?1", args![id])?,
                ),
                None => (
                    db.rows(&format!("SELECT {columns} FROM audit_log ORDER BY id DESC LIMIT ?1"), args![limit])?,
                    db.row("SELECT COUNT(*) AS n FROM audit_log", args![])?,
                ),
            };
            let total = total.map(|r| r.uint("n")).transpose()?.unwrap_or(0);
            Ok((rows.iter().map(audit_row).collect::<Result<Vec<_>, _>>()?, total))
        })
    }
}

/// Every row of the audit log, oldest first, without its id: what `copy-database` appends
/// to the target's log.
pub(super) fn all_audit_rows(db: &mut dyn Sql) -> Result<Vec<Vec<Value>>, StoreError> {
    let rows =
        db.rows("SELECT id, at, actor, action, workshop_id, detail, client FROM audit_log ORDER BY id", args![])?;
    rows.iter()
        .map(|r| {
            let row = audit_row(r)?;
            let e = row.entry;
            Ok(vec![
                Value::Int(row.at),
                Value::Text(e.actor.as_str().into()),
                Value::Text(e.action),
                e.workshop_id.map(|id| id.to_string()).into(),
                Value::Text(e.detail),
                e.client.into(),
            ])
        })
        .collect()
}

/// Appends `rows` (as [`all_audit_rows`] read them) to the audit log on `tx`, in order.
pub(super) fn append_audit_rows(tx: &mut dyn Sql, rows: &[Vec<Value>]) -> Result<(), StoreError> {
    for row in rows {
        tx.exec(
            "INSERT INTO audit_log (at, actor, action, workshop_id, detail, client) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            row,
        )?;
    }
    Ok(())
}
