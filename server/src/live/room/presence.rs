//! Which pairs have a screen connected to a room, here and on the other instances sharing
//! the database, and the limit of [`MAX_SCREENS_PER_PAIR`] screens a pair.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use uuid::Uuid;

use super::{MAX_SCREENS_PER_PAIR, Room, RoomMsg};
use crate::store::StoreError;

/// Which pairs have a screen connected: here (with how many screens), and on the other
/// instances sharing the database (PostgreSQL; read from it when they say it changed).
#[derive(Default)]
pub(super) struct Presence {
    pub(super) local: BTreeMap<Uuid, usize>,
    pub(super) remote: BTreeSet<Uuid>,
}

impl Presence {
    /// Every pair with a screen connected anywhere, in id order.
    pub(super) fn all(&self) -> Vec<Uuid> {
        let mut all: BTreeSet<Uuid> = self.remote.clone();
        all.extend(self.local.keys().copied());
        all.into_iter().collect()
    }
}

/// A pair already has [`MAX_SCREENS_PER_PAIR`] screens connected.
#[derive(Debug)]
pub struct TooManyScreens;

/// Counts one connected screen of a pair for as long as it lives.
pub struct PresenceGuard {
    room: Arc<Room>,
    pair_id: Uuid,
}

impl Drop for PresenceGuard {
    fn drop(&mut self) {
        self.room.disconnect(self.pair_id);
    }
}

impl Room {
    /// Counts a connected screen of `pair_id` until the guard is dropped; refused when the
    /// pair has [`MAX_SCREENS_PER_PAIR`] already.
    pub fn connect(self: &Arc<Self>, pair_id: Uuid) -> Result<PresenceGuard, TooManyScreens> {
        let mut presence = self.presence.lock().unwrap_or_else(|p| p.into_inner());
        let count = presence.local.entry(pair_id).or_insert(0);
        if *count >= MAX_SCREENS_PER_PAIR {
            return Err(TooManyScreens);
        }
        *count += 1;
        if *count == 1 {
            self.broadcast_presence(&presence);
            self.publish_presence(pair_id);
        }
        Ok(PresenceGuard { room: Arc::clone(self), pair_id })
    }

    /// Whether `pair_id` may send one more message now: its screens share one budget.
    pub fn pair_may_send(&self, pair_id: Uuid) -> bool {
        self.pair_budget.check_key(&pair_id).is_ok()
    }

    fn disconnect(self: &Arc<Self>, pair_id: Uuid) {
        let mut presence = self.presence.lock().unwrap_or_else(|p| p.into_inner());
        let Some(count) = presence.local.get_mut(&pair_id) else {
            return;
        };
        *count -= 1;
        if *count == 0 {
            presence.local.remove(&pair_id);
            self.broadcast_presence(&presence);
            self.publish_presence(pair_id);
        }
    }

    /// Writes whether `pair_id` has a screen here to a database other instances share, in
    /// the background (nothing to do on SQLite). The state written is read under the
    /// publishing lock, so however the writes interleave, the last one is the latest.
    fn publish_presence(self: &Arc<Self>, pair_id: Uuid) {
        if !self.store.is_shared() {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else { return };
        let room = Arc::clone(self);
        runtime.spawn(async move {
            let _turn = room.publishing.lock().await;
            let connected = room.presence.lock().unwrap_or_else(|p| p.into_inner()).local.contains_key(&pair_id);
            if let Err(e) = room.store.publish_presence(room.workshop_id, pair_id, connected).await {
                tracing::warn!(error = %e, "could not share a pair's presence with the other instances");
            }
        });
    }

    /// Writes every pair with a screen here again (after this instance's listening connection
    /// was lost, the others may have deleted its presence).
    pub fn republish_presence(self: &Arc<Self>) {
        let pairs: Vec<Uuid> = self.presence.lock().unwrap_or_else(|p| p.into_inner()).local.keys().copied().collect();
        for pair_id in pairs {
            self.publish_presence(pair_id);
        }
    }

    /// Reads which pairs have a screen on the other instances, and tells the screens here
    /// when that changed what they see.
    pub async fn refresh_remote_presence(&self) -> Result<(), StoreError> {
        let id = self.workshop_id;
        let remote = self.store.run(move |s| s.remote_presence(id)).await?;
        let mut presence = self.presence.lock().unwrap_or_else(|p| p.into_inner());
        let before = presence.all();
        presence.remote = remote;
        if presence.all() != before {
            self.broadcast_presence(&presence);
        }
        Ok(())
    }

    /// Pairs with at least one screen connected (here or on another instance), in id order.
    pub fn connected(&self) -> Vec<Uuid> {
        self.presence.lock().unwrap_or_else(|p| p.into_inner()).all()
    }

    /// Sent while the presence lock is held (sending never blocks), so presence messages
    /// leave in the order the changes happened.
    fn broadcast_presence(&self, presence: &Presence) {
        let _ = self.tx.send(RoomMsg::Presence(presence.all()));
    }
}
