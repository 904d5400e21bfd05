//! Storage: one SQLite file in WAL mode by default, or a PostgreSQL server that several
//! instances share; every query is written once, in the SQL both speak ([`sql`]).
//!
//! Every change writes its own row(s) *and* its event-log row together (one transaction, or
//! one savepoint of the writer's transaction, [`writer`]), so the log and the state can never
//! disagree, and a change the server acknowledged is durable (SQLite `synchronous=FULL`,
//! PostgreSQL's default `synchronous_commit`). SQLite commits the writes waiting at the same
//! moment together, with one fsync; PostgreSQL runs them on several connections at once and
//! groups the flushes itself. A workshop's sequence numbers are decided inside the writing
//! transaction, after PostgreSQL locks the workshop's row, so instances sharing one database
//! number one workshop's changes contiguously. Reads use their own connection. Methods here
//! are synchronous; async callers go through [`Store::run`] (tokio's blocking pool) or, for
//! the changes of a live room, [`Store::decide_and_append_async`] and [`Store::join_pair_async`], which
//! wait for the commit without holding a thread.

mod archive;
mod audit;
mod backup;
mod changes;
mod copy;
mod database;
mod error;
mod event_log;
mod listen;
mod migrate;
mod presence;
mod research;
mod retention;
mod schema;
mod snapshot;
pub mod sql;
#[cfg(test)]
mod test_support;
mod withdraw;
mod workshops;
mod writer;

pub use archive::Imported;
pub use audit::{AuditActor, AuditEntry, AuditRow};
pub use backup::{BackupError, BackupReport, backup_sqlite};
pub use changes::{Decided, Decision, JoinConsent};
pub use copy::{CopyError, CopyReport, copy_database};
pub use database::{Location, Store};
pub use error::StoreError;
pub use event_log::{Actor, ActorKind, LoggedEvent, NewEvent};
pub use listen::Notice;
pub use migrate::Upgrade;
pub use research::WorkshopListing;
pub use schema::SCHEMA_VERSION;
pub use snapshot::{StoredCard, StoredPair, StoredWorkshop, WorkshopSnapshot, name_without_reference};
#[cfg(test)]
pub use test_support::ChangeOutcome;
pub use withdraw::{Erased, PairByReference, TokenHolder, WithdrawnBy, erase_pair};
pub use workshops::{LoadedRoom, NewWorkshopExtras, NewWorkshopRecord, TemplateOrigin};
#[cfg(test)]
mod audit_tests;
#[cfg(test)]
mod tests;
