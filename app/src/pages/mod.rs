//! One module per screen.

pub mod compare;
pub mod console;
pub mod device;
pub mod home;
pub mod join;
pub mod new_workshop;
pub mod pair;
pub mod projector;
pub mod replay;
pub mod research;
pub(crate) mod screens;
