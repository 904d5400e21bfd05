//! The one SQL vocabulary both backends speak, so every query of the store is written once.
//!
//! - Statements are written with numbered placeholders (`?1`, `?2`, …). SQLite reads them as
//!   they are; PostgreSQL gets them rewritten to `$1`, `$2`, … ([`postgres_placeholders`]).
//! - Values travel as [`Value`]s (NULL, a 64-bit integer, a double, text). Rows come back as
//!   [`Row`]s of them, each column read by its name ([`value`]).
//! - What the two databases do differently (beginning a transaction, locking a row,
//!   announcing a change) is a method of [`Sql`], so no caller asks which one it talks to.
//! - Each backend keeps its prepared statements per connection, so a statement run for every
//!   change is parsed once ([`lite`], [`pg`]).

mod connection;
mod lite;
mod pg;
mod value;

pub use connection::{Backend, Column, Sql, in_snapshot, in_transaction, test_backend};
pub use lite::Lite;
pub use pg::{Pg, create_postgres_database, postgres_placeholders, test_postgres_database, with_database};
pub(crate) use value::args;
pub use value::{Row, Value};
