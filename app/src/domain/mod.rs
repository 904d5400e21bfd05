//! Pure domain logic shared by the server and the browser: the workshop model, validation,
//! join codes and the statistics shown to the room. No Leptos, no I/O, so it is tested with
//! plain `#[test]`s and reused unchanged on both sides of the socket.

#![warn(missing_docs)]

pub mod agreement;
pub mod apply;
pub mod aspect_stats;
pub mod board;
pub mod code;
pub mod compare;
pub mod consent;
pub mod copies;
pub mod day;
pub mod event;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod groups;
pub mod model;
pub mod movement;
pub mod opinion;
pub mod outbox;
pub mod pair_results;
pub mod placements;
pub mod reference;
pub mod refusal;
pub mod replay;
pub mod room_consent;
pub mod rows;
pub mod rules;
pub mod second_language;
mod serde_helpers;
pub mod session;
pub mod stats;
pub mod validate;
pub mod visibility;

pub use copies::EventCopies;
pub use event::Event;
pub use model::*;
pub use placements::{Placement, Placements};
pub use rows::AspectRow;
pub use rules::{Control, PairAction, Refusal, RefusalKind, RefusalText};
pub use session::{AspectOrder, Focus, Phase, Settings, Timer};
