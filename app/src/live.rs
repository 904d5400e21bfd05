//! The browser's live connection to the server: one hook, [`use_live`], used by the console,
//! the projector and the pairs' tablets.
//!
//! It opens `ws(s)://{host}/ws`, says `Hello` with the last sequence number it has seen, keeps
//! the [`RoomView`] up to date with `Snapshot`s and `Update`s, and reconnects by itself with
//! exponential back-off (0.5 s doubling to 10 s, with jitter) whenever the socket closes. Changes
//! go through an [`Outbox`]: kept (optionally in `localStorage`) until the server acknowledges
//! them, resent in order after every reconnect. Pages are rendered on the server first, so
//! nothing here touches the browser outside effects; the socket itself lives in [`socket`],
//! which only exists in the WebAssembly build.

#[cfg(feature = "hydrate")]
mod socket;

use leptos::prelude::*;
use uuid::Uuid;

use crate::browser;
use crate::domain::Control;
use crate::domain::outbox::{Outbox, PendingChange, sync_status_text};
use crate::domain::{PairAction, RoomView, Viewer};
use crate::protocol::{Auth, ClientMsg};

pub use crate::domain::outbox::Link;

/// First reconnect delay, in milliseconds.
pub const BACKOFF_START_MS: f64 = 500.0;
/// Longest reconnect delay, in milliseconds.
pub const BACKOFF_MAX_MS: f64 = 10_000.0;
/// A change not acknowledged within this long means the connection is dead even if the
/// browser has not noticed (venue Wi-Fi drops TCP silently): reconnect and resend.
pub const ACK_TIMEOUT_MS: u64 = 10_000;
/// After the page wakes up (screen unlocked, tab shown again, network back), the socket must
/// answer a ping within this long, or it is replaced and the queue resent: a tablet shows
/// "Saved" truthfully again within about three seconds of being unlocked.
pub const PING_TIMEOUT_MS: u64 = 2_000;

/// Delay before reconnect attempt number `attempt` (0-based): 0.5 s doubling up to 10 s, then
/// scaled by a `jitter` in [0, 1) into its upper half, so a room full of tablets that lost the
/// Wi-Fi together does not reconnect in lock-step.
pub fn backoff_ms(attempt: u32, jitter: f64) -> u32 {
    let base = (BACKOFF_START_MS * 2f64.powi(attempt.min(16) as i32)).min(BACKOFF_MAX_MS);
    (base * (0.5 + 0.5 * jitter.clamp(0.0, 1.0))).round() as u32
}

/// What a screen connects as, and where (if anywhere) its unsaved changes are kept.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveConfig {
    /// Who this screen is.
    pub auth: Auth,
    /// `localStorage` key of the outbox (pairs only: `ds.pending.{CODE}`).
    pub pending_key: Option<String>,
    /// `localStorage` key of the last committed view (pairs only: `ds.view.{CODE}`), so a
    /// tablet opened while the Wi-Fi is down still shows the pair's board and can queue changes.
    pub view_key: Option<String>,
}

/// The live state of one screen. Copy it freely into closures.
#[derive(Clone, Copy)]
pub struct Live {
    /// The committed state, as the server last told this screen (`None` until the first
    /// snapshot).
    pub view: RwSignal<Option<RoomView>>,
    /// Who the server takes this screen to be.
    pub viewer: RwSignal<Option<Viewer>>,
    /// Connection state.
    pub link: RwSignal<Link>,
    /// Pairs with a screen connected right now (facilitator only).
    pub presence: RwSignal<Vec<Uuid>>,
    /// How many pairs declined the information sheet (facilitator only).
    pub declined: RwSignal<u64>,
    /// The last refusal or failure worth showing, in words for the user.
    pub last_error: RwSignal<Option<String>>,
    /// Changes not yet shown in `view`.
    pub outbox: RwSignal<Outbox>,
    /// The server's clock minus this device's, in ms (from `Welcome`), for countdowns.
    pub clock_offset: RwSignal<i64>,
    /// The page's language (its words for the states above).
    pub lang: crate::i18n::Lang,
    pending_key: StoredValue<Option<String>>,
    view_key: StoredValue<Option<String>>,
    #[cfg(feature = "hydrate")]
    socket: StoredValue<Option<socket::Connection>, LocalStorage>,
}

impl Live {
    /// Makes a change to one of this pair's post-its: queued, kept, shown at once, sent now if
    /// connected (otherwise on reconnect).
    pub fn change(&self, action: PairAction) {
        let change = PendingChange { change_id: browser::random_uuid(), action, acked_seq: None };
        self.outbox.update(|o| o.push(change.change_id, change.action.clone()));
        self.persist();
        #[cfg(feature = "hydrate")]
        self.socket.with_value(|s| {
            if let Some(s) = s {
                s.send_change(&change);
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = change;
    }

    /// Sends one of the facilitator's controls now. Controls are not queued: a facilitator
    /// offline is told so and tries again (the room must not jump phases minutes later).
    pub fn control(&self, control: Control) {
        let msg = ClientMsg::Control { change_id: browser::random_uuid(), control };
        #[cfg(feature = "hydrate")]
        {
            let sent = self.socket.with_value(|s| s.as_ref().is_some_and(|s| s.send_now(&msg)));
            if sent {
                self.last_error.set(None);
            } else {
                self.last_error.set(Some(crate::i18n::t::pair_console_offline(self.lang).into()));
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = msg;
    }

    /// Sends a pair's answer to the information sheet ([`ClientMsg::GiveConsent`] or
    /// [`ClientMsg::DeclineConsent`]) now. Not queued: the people at the tablet are looking
    /// at the sheet and are told at once when the tablet is offline. Returns whether it went.
    pub fn send_consent(&self, msg: ClientMsg) -> bool {
        #[cfg(feature = "hydrate")]
        {
            let sent = self.socket.with_value(|s| s.as_ref().is_some_and(|s| s.send_now(&msg)));
            if sent {
                self.last_error.set(None);
            } else {
                self.last_error.set(Some(crate::i18n::t::pair_tablet_offline(self.lang).into()));
            }
            sent
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = msg;
            false
        }
    }

    /// Writes the queued changes the view does not show yet to storage (or clears it when
    /// there are none): unsaved ones, and acknowledged ones whose update has not arrived.
    fn persist(&self) {
        let Some(key) = self.pending_key.get_value() else { return };
        let json = self.outbox.with_untracked(|o| (!o.is_empty()).then(|| serde_json::to_string(o.kept())));
        match json {
            None => browser::local_remove(&key),
            Some(Ok(json)) => browser::local_set(&key, &json),
            Some(Err(_)) => {}
        }
    }

    /// Keeps the committed view on the device (pairs only), for opening the board offline.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))] // called by the browser-only socket
    pub(crate) fn save_view(&self) {
        let Some(key) = self.view_key.get_value() else { return };
        let json = self.view.with_untracked(|v| v.as_ref().and_then(|v| serde_json::to_string(v).ok()));
        if let Some(json) = json {
            browser::local_set(&key, &json);
        }
    }

    /// Restores the unsaved changes kept in storage by an earlier visit, and the last view the
    /// device saw (its `seq` makes the server send only what happened since).
    fn restore(&self) {
        if let Some(key) = self.view_key.get_value()
            && self.view.with_untracked(Option::is_none)
        {
            let cached: Option<RoomView> = browser::local_get(&key).and_then(|json| serde_json::from_str(&json).ok());
            if cached.is_some() {
                self.view.set(cached);
            }
        }
        let Some(key) = self.pending_key.get_value() else { return };
        let saved: Vec<PendingChange> =
            browser::local_get(&key).and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default();
        let view_seq = self.view.with_untracked(|v| v.as_ref().map_or(0, |v| v.seq));
        self.outbox.set(Outbox::from_saved(saved, view_seq));
    }

    /// The pair's sync status in words (see [`sync_status_text`]).
    pub fn status_text(&self) -> String {
        sync_status_text(self.lang, self.link.get(), self.outbox.with(Outbox::unsaved_count))
    }

    /// What `pair_id`'s screen shows: the committed view with the queued changes on top.
    pub fn shown_for(&self, pair_id: Uuid) -> Option<RoomView> {
        let view = self.view.get()?;
        Some(self.outbox.with(|o| o.apply_to(&view, pair_id)))
    }
}

/// Connects this screen once `config` is known, and keeps it connected until the component
/// goes away. On the server it only creates the (empty) signals.
pub fn use_live(config: Signal<Option<LiveConfig>>) -> Live {
    let live = Live {
        view: RwSignal::new(None),
        viewer: RwSignal::new(None),
        link: RwSignal::new(Link::Connecting),
        presence: RwSignal::new(Vec::new()),
        declined: RwSignal::new(0),
        last_error: RwSignal::new(None),
        outbox: RwSignal::new(Outbox::default()),
        clock_offset: RwSignal::new(0),
        lang: crate::i18n::use_lang(),
        pending_key: StoredValue::new(None),
        view_key: StoredValue::new(None),
        #[cfg(feature = "hydrate")]
        socket: StoredValue::new_local(None),
    };
    Effect::new(move |_| {
        let Some(config) = config.get() else { return };
        live.pending_key.set_value(config.pending_key.clone());
        live.view_key.set_value(config.view_key.clone());
        live.restore();
        if config.pending_key.is_some() {
            // A pair's device: ask the browser not to evict the queue of unsaved changes.
            browser::ask_persistent_storage();
        }
        #[cfg(feature = "hydrate")]
        {
            live.socket.update_value(|old| {
                if let Some(old) = old.take() {
                    old.stop();
                }
            });
            live.socket.set_value(Some(socket::Connection::start(live, config.auth)));
        }
    });
    #[cfg(feature = "hydrate")]
    on_cleanup(move || {
        let _ = live.socket.try_update_value(|s| {
            if let Some(s) = s.take() {
                s.stop();
            }
        });
    });
    live
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_half_a_second_to_ten() {
        let upper: Vec<u32> = (0..8).map(|a| backoff_ms(a, 1.0)).collect();
        assert_eq!(upper, vec![500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
        assert_eq!(backoff_ms(u32::MAX, 1.0), 10_000);
    }

    #[test]
    fn jitter_stays_in_the_upper_half() {
        assert_eq!(backoff_ms(0, 0.0), 250);
        assert_eq!(backoff_ms(3, 0.5), 3000);
        assert_eq!(backoff_ms(10, 0.0), 5000);
        assert_eq!(backoff_ms(1, 7.0), 1000, "out-of-range jitter is clamped");
    }
}
