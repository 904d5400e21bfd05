//! The audit log at the edge: writing a row for a request ([`Seen::record`], which fills
//! in the client's masked network and the time), and reading the log (`GET
//! /api/research/audit` for the research area's "Audit log" screen, `GET
//! /api/research/audit.csv` for everything), both with the admin key.
//!
//! A handler that serves data records its row *before* answering; if the row cannot be
//! written the request fails (500) and nothing is served, so no download goes unrecorded.

use std::net::IpAddr;

use app::api::{AuditLine, AuditLog};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use serde::Deserialize;
use uuid::Uuid;

use super::admin::Admin;
use super::limits::{ClientIp, masked};
use super::reply::{ApiFailure, attachment, failed};
use super::state::AppState;
use crate::store::{AuditActor, AuditEntry, AuditRow, StoreError};
use crate::time::iso_ms;

/// The most rows the "Audit log" screen shows; `audit.csv` has every row.
pub const SCREEN_ROWS: usize = 500;

/// Who made the request, as the audit log may keep it: the client's network only (IPv4 /24,
/// IPv6 /48, [`masked`]). Extracting it never fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    /// The masked network, when the request came from a client.
    pub client: Option<String>,
}

impl Seen {
    /// The masked network of `ip`.
    pub fn from_ip(ip: Option<IpAddr>) -> Seen {
        Seen { client: ip.map(masked) }
    }

    /// Appends a row to the audit log: `actor` did `action` to `workshop` (if one), `detail`
    /// saying exactly what (a file, a format; never a secret, a label or a note), from this
    /// client, now. Committed before it returns; the failure is the request's.
    pub async fn record(
        &self,
        state: &AppState,
        actor: AuditActor,
        action: &str,
        workshop: Option<Uuid>,
        detail: impl Into<String>,
    ) -> Result<(), ApiFailure> {
        let entry = self.entry(actor, action, workshop, detail);
        let at = state.clock.now_ms();
        state.store.run(move |s| s.record_audit(entry, at)).await.map_err(|e: StoreError| failed(&e))
    }

    /// The row [`Seen::record`] writes, for a change that writes it in its own transaction.
    pub fn entry(
        &self,
        actor: AuditActor,
        action: &str,
        workshop: Option<Uuid>,
        detail: impl Into<String>,
    ) -> AuditEntry {
        AuditEntry { client: self.client.clone(), ..AuditEntry::new(actor, action, workshop, detail) }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Seen {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Seen::from_ip(parts.extensions.get::<ClientIp>().map(|c| c.0)))
    }
}

/// The query of the audit routes.
#[derive(Debug, Default, Deserialize)]
pub struct AuditQuery {
    /// Only the rows of this workshop (its id); empty means every row.
    #[serde(default)]
    pub workshop: Option<String>,
}

impl AuditQuery {
    fn workshop(query: Result<Query<AuditQuery>, QueryRejection>) -> Result<Option<Uuid>, ApiFailure> {
        let Query(query) = query.map_err(|e| ApiFailure::new(StatusCode::BAD_REQUEST, e.body_text(), None))?;
        match query.workshop.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
            None => Ok(None),
            Some(text) => Uuid::parse_str(text).map(Some).map_err(|_| {
                ApiFailure::new(
                    StatusCode::BAD_REQUEST,
                    format!(
                        "\"{}\" is not a workshop id. Give workshop=<id> (as in the research list) or leave it out \
                         for every row.",
                        text.chars().take(40).collect::<String>()
                    ),
                    Some("Workshop"),
                )
            }),
        }
    }
}

fn line(row: AuditRow) -> AuditLine {
    AuditLine {
        id: row.id,
        at: iso_ms(row.at),
        actor: row.entry.actor.as_str().to_string(),
        action: row.entry.action,
        workshop_id: row.entry.workshop_id,
        detail: row.entry.detail,
        client: row.entry.client,
    }
}

/// `GET /api/research/audit?workshop=ID`: the newest [`SCREEN_ROWS`] rows, newest first,
/// with how many there are in all.
pub async fn audit_log(
    _: Admin,
    State(state): State<AppState>,
    query: Result<Query<AuditQuery>, QueryRejection>,
) -> Result<Json<AuditLog>, ApiFailure> {
    let workshop = AuditQuery::workshop(query)?;
    let (rows, total) = state.store.run(move |s| s.audit_log(workshop, SCREEN_ROWS)).await.map_err(|e| failed(&e))?;
    Ok(Json(AuditLog { rows: rows.into_iter().map(line).collect(), total, limit: SCREEN_ROWS as u64 }))
}

/// The columns of `audit.csv`.
pub const AUDIT_COLUMNS: [&str; 7] = ["id", "at", "actor", "action", "workshop_id", "detail", "client"];

/// `GET /api/research/audit.csv?workshop=ID`: every row (of that workshop), newest first.
/// Downloading it is itself recorded.
pub async fn audit_csv(
    _: Admin,
    seen: Seen,
    State(state): State<AppState>,
    query: Result<Query<AuditQuery>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    let workshop = AuditQuery::workshop(query)?;
    let detail = match workshop {
        Some(id) => format!("audit.csv (rows of workshop {id})"),
        None => "audit.csv (every row)".to_string(),
    };
    seen.record(&state, AuditActor::Researcher, "download", workshop, detail).await?;
    let (rows, _) = state.store.run(move |s| s.audit_log(workshop, usize::MAX)).await.map_err(|e| failed(&e))?;
    let bytes = audit_csv_bytes(rows.into_iter().map(line)).map_err(|e| failed(&e))?;
    Ok(attachment("text/csv; charset=utf-8", "audit.csv", bytes))
}

/// The CSV of `lines` (UTF-8, a header row, RFC 4180 quoting by the `csv` crate).
fn audit_csv_bytes(lines: impl Iterator<Item = AuditLine>) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(AUDIT_COLUMNS)?;
    for l in lines {
        let workshop = l.workshop_id.map(|id| id.to_string()).unwrap_or_default();
        let id = l.id.to_string();
        writer.write_record([
            id.as_str(),
            &l.at,
            &l.actor,
            &l.action,
            &workshop,
            &l.detail,
            l.client.as_deref().unwrap_or(""),
        ])?;
    }
    writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_is_kept_as_its_network_only() {
        assert_eq!(Seen::from_ip(Some("203.0.113.77".parse().unwrap())).client.as_deref(), Some("203.0.113.0/24"));
        let v6 = Seen::from_ip(Some("2001:db8:85a3:8d3:1319:8a2e:370:7348".parse().unwrap()));
        assert_eq!(v6.client.as_deref(), Some("2001:db8:85a3::/48"));
        assert_eq!(Seen::from_ip(None).client, None);
    }

    #[test]
    fn the_csv_has_a_header_and_quotes_what_needs_it() {
        let line = AuditLine {
            id: 3,
            at: "2026-11-23T19:54:00.123Z".into(),
            actor: "researcher".into(),
            action: "download".into(),
            workshop_id: None,
            detail: "workshops.zip, 2 workshops".into(),
            client: Some("198.51.100.0/24".into()),
        };
        let text = String::from_utf8(audit_csv_bytes([line].into_iter()).unwrap()).unwrap();
        assert_eq!(
            text,
            "id,at,actor,action,workshop_id,detail,client\n\
             3,2026-11-23T19:54:00.123Z,researcher,download,,\"workshops.zip, 2 workshops\",198.51.100.0/24\n"
        );
    }
}
