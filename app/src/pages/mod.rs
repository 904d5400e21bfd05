//! One module per screen.

pub mod audit;
pub mod compare;
pub mod console;
pub mod device;
pub mod home;
pub mod join;
pub mod new_workshop;
pub mod pair;
pub mod pair_results;
pub mod projector;
pub mod replay;
pub mod research;
pub(crate) mod screens;
