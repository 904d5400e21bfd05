//! Pieces shared by several screens.
//!
//! - [`room_picture`]: the room's aggregate picture (projector, and smaller on the console).
//! - [`join_info`]: the join code, address and QR code.
//! - [`board`]: a pair's spectrum and tray, with drag and drop, keyboard placement and nudge
//!   buttons, writing a post-it, and a post-it's sheet.
//! - [`session_bar`]: the phase by name and the countdown, on every screen.
//! - [`spotlight`]: the spotlighted aspect, large on the projector.
//! - [`opinion_groups`]: the projector's opinion groups, when switched on.
//! - [`sync_status`]: a pair's "Saved" / "Saving…" / "Offline" line.
//! - [`field`]: a form's labelled field (label, control, hint, error) and its alert.
//! - [`consent_form`]: the information sheet and each person's consent, on a pair's tablet.
//! - [`confirm`]: the inline "are you sure?" with "Yes, …" and "Cancel".
//! - [`wake_lock`]: keeping a tablet's screen on while its pair is placing.

pub mod board;
pub mod confirm;
pub mod consent_form;
pub mod field;
pub mod join_info;
pub mod opinion_groups;
pub mod room_picture;
pub mod session_bar;
pub mod sheet_editor;
pub mod spotlight;
pub mod sync_status;
pub mod wake_lock;

use leptos::prelude::*;

/// `false` while the page is only server-rendered HTML, `true` once the WebAssembly has
/// hydrated it. Forms submit through the WebAssembly, so their buttons stay disabled until
/// then: a tap before hydration would otherwise be lost without a word.
pub fn use_hydrated() -> ReadSignal<bool> {
    let (hydrated, set_hydrated) = signal(false);
    // Effects run only in the browser, after hydration.
    Effect::new(move |_| set_hydrated.set(true));
    hydrated
}
