//! The live rooms: each workshop's state while screens are connected, and the websocket
//! that carries it. Independent of HTTP routing: the HTTP edge mounts
//! [`socket::upgrade`] and asks the [`hub::Hub`] for rooms; nothing here knows the router.
//!
//! - [`room`]: one workshop's authority (validate, commit through the store, number, fan out).
//! - [`hub`]: the rooms of this process, loaded on demand and unloaded when unused; with a
//!   shared database, it follows the changes other instances commit.
//! - [`feed`]: what one screen is sent (snapshot, catch-up, changes), apart from transport.
//! - [`socket`]: `GET /ws`, mapping protocol messages to room calls.
//! - [`retention`]: deleting the workshops whose "Delete after" day has come.

pub mod feed;
pub mod hub;
pub mod retention;
pub mod room;
pub mod socket;
