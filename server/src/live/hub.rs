//! The live rooms: one [`Room`] per workshop in use, loaded from the database the first time
//! someone needs it, then kept in memory (a workshop is a few kilobytes).

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::watch;

use app::domain::WorkshopInfo;
use uuid::Uuid;

use super::room::Room;
use crate::secret::hash_secret;
use crate::store::{AuditEntry, Notice, Store, StoreError};
use crate::telemetry;

/// How often an instance on a shared database looks for instances that died, so that their
/// pairs stop showing as connected.
const SWEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

/// Finds or loads rooms. Cheap to share: clone the `Arc`.
pub struct Hub {
    store: Arc<Store>,
    max_pairs: usize,
    rooms: Mutex<HashMap<Uuid, Arc<Room>>>,
    /// Turns `true` when the server stops: every socket then closes with "service restart".
    stopping: watch::Sender<bool>,
    /// Websockets open now (see [`Hub::socket_opened`]).
    sockets: Arc<AtomicUsize>,
}

/// Counts one open websocket for as long as it lives.
pub struct OpenSocket(Arc<AtomicUsize>);

impl Drop for OpenSocket {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Hub {
    /// An empty hub over `store`, whose workshops take at most `max_pairs` pairs each.
    pub fn new(store: Arc<Store>, max_pairs: usize) -> Hub {
        Hub {
            store,
            max_pairs,
            rooms: Mutex::new(HashMap::new()),
            stopping: watch::channel(false).0,
            sockets: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// The server is stopping: every screen is told to reconnect (close code 1012), after
    /// the change it is sending, if any, was committed and acknowledged.
    pub fn stop(&self) {
        self.stopping.send_replace(true);
    }

    /// Turns `true` when the server stops ([`Hub::stop`]).
    pub fn stopping(&self) -> watch::Receiver<bool> {
        self.stopping.subscribe()
    }

    /// Counts a websocket as open until the returned guard is dropped.
    pub fn socket_opened(&self) -> OpenSocket {
        self.sockets.fetch_add(1, Ordering::Relaxed);
        OpenSocket(Arc::clone(&self.sockets))
    }

    /// How many websockets are open.
    pub fn open_sockets(&self) -> usize {
        self.sockets.load(Ordering::Relaxed)
    }

    /// This hub, following what other instances on the same PostgreSQL database commit: a
    /// room loaded here catches up with their changes and presence as they happen, and
    /// instances that died are swept away ([`Store::sweep_dead_instances`]). Nothing to do
    /// on SQLite. Needs a tokio runtime.
    pub fn follow_other_instances(self) -> Arc<Hub> {
        let hub = Arc::new(self);
        let Some(mut notices) = hub.store.listen() else { return hub };
        let weak = Arc::downgrade(&hub);
        tokio::spawn(async move {
            while let Some(notice) = notices.recv().await {
                let Some(hub) = weak.upgrade() else { return };
                tokio::spawn(async move { hub.hear(notice).await });
            }
        });
        let weak = Arc::downgrade(&hub);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(SWEEP_EVERY);
            loop {
                every.tick().await;
                let Some(hub) = weak.upgrade() else { return };
                if let Err(e) = hub.store.run(|s| s.sweep_dead_instances()).await {
                    tracing::warn!(error = %e, "could not look for instances that stopped");
                }
            }
        });
        hub
    }

    /// Acts on what another instance did, for the room concerned if it is loaded here.
    async fn hear(&self, notice: Notice) {
        let outcome = match notice {
            Notice::Changed { workshop_id, seq } => match self.cached(workshop_id) {
                Some(room) if room.seq().await < seq => room.catch_up().await,
                _ => Ok(()),
            },
            Notice::Presence { workshop_id } => match self.cached(workshop_id) {
                Some(room) => room.refresh_remote_presence().await,
                None => Ok(()),
            },
            Notice::Deleted { workshop_id } => {
                if let Some(room) = self.unload(workshop_id) {
                    room.deleted_elsewhere();
                }
                Ok(())
            }
            Notice::Resync => {
                let rooms: Vec<Arc<Room>> =
                    self.rooms.lock().unwrap_or_else(|p| p.into_inner()).values().cloned().collect();
                let mut outcome = Ok(());
                for room in rooms {
                    room.republish_presence();
                    let caught_up = room.catch_up().await;
                    let refreshed = room.refresh_remote_presence().await;
                    outcome = outcome.and(caught_up).and(refreshed);
                }
                outcome
            }
        };
        if let Err(e) = outcome {
            tracing::warn!(error = %e, "could not take another instance's change; screens catch up when they reconnect");
        }
    }

    /// The database behind the rooms.
    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    /// Unloads workshop `id`'s room, if it is loaded (it was deleted).
    fn unload(&self, id: Uuid) -> Option<Arc<Room>> {
        let mut rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
        let room = rooms.remove(&id);
        telemetry::rooms_loaded(rooms.len());
        room
    }

    fn cached(&self, id: Uuid) -> Option<Arc<Room>> {
        self.rooms.lock().unwrap_or_else(|p| p.into_inner()).get(&id).cloned()
    }

    /// The live room of workshop `id`, loading it if needed; `None` if there is no such
    /// workshop. The std lock is only taken in short sections, never across the load.
    pub async fn room(&self, id: Uuid) -> Result<Option<Arc<Room>>, StoreError> {
        if let Some(room) = self.cached(id) {
            return Ok(Some(room));
        }
        let Some(loaded) = self.store.run(move |s| s.load_room(id)).await? else {
            return Ok(None);
        };
        let room = {
            let mut rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
            // Someone else may have loaded it meanwhile; theirs may already have changes, so it wins.
            let room = rooms
                .entry(id)
                .or_insert_with(|| Arc::new(Room::with_max_pairs(id, Arc::clone(&self.store), loaded, self.max_pairs)));
            let room = Arc::clone(room);
            telemetry::rooms_loaded(rooms.len());
            room
        };
        if self.store.is_shared() {
            // A change another instance announced while this room was loading found no room
            // to tell; and the pairs connected elsewhere are not known yet.
            room.catch_up().await?;
            room.refresh_remote_presence().await?;
        }
        Ok(Some(room))
    }

    /// Unloads the rooms nobody is using (no screen connected, no request under way): they
    /// are rebuilt from the event log the next time someone needs them, as after a restart,
    /// so a server whose workshops have ended shrinks back. Returns how many were unloaded.
    ///
    /// A room is in use exactly when something besides this map holds it: every screen's feed
    /// and every request keeps an `Arc` of it, and they can only get one from this map under
    /// the same lock, so a room counted as unused here cannot be picked up meanwhile.
    pub fn unload_idle(&self) -> usize {
        let mut rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
        let before = rooms.len();
        rooms.retain(|_, room| Arc::strong_count(room) > 1);
        telemetry::rooms_loaded(rooms.len());
        before - rooms.len()
    }

    /// Deletes workshop `id` with every row that belongs to it and unloads its room, whose
    /// screens are told and disconnected; `audit` (at `at`) goes into the audit log in the
    /// same transaction, if this call deleted it. Returns whether there was such a workshop.
    pub async fn delete_workshop_recorded(&self, id: Uuid, audit: AuditEntry, at: i64) -> Result<bool, StoreError> {
        let loaded = self.unload(id);
        let removed = match loaded {
            Some(room) => room.delete(audit, at).await?,
            None => self.store.run(move |s| s.delete_workshop_recorded(id, audit, at)).await?,
        };
        // A request may have loaded the room again meanwhile; it must not outlive the data.
        let again = self.unload(id);
        if let Some(again) = again {
            again.deleted_elsewhere();
        }
        Ok(removed)
    }

    /// The workshop with this normalised join code.
    pub async fn workshop_by_code(&self, code: String) -> Result<Option<WorkshopInfo>, StoreError> {
        self.store.run(move |s| s.workshop_by_code(&code)).await
    }

    /// The workshop whose facilitator secret this is.
    pub async fn workshop_by_secret(&self, secret: &str) -> Result<Option<WorkshopInfo>, StoreError> {
        let hash = hash_secret(secret);
        self.store.run(move |s| s.workshop_by_secret_hash(&hash)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::NewWorkshopRecord;

    #[tokio::test]
    async fn only_rooms_nobody_holds_are_unloaded_and_they_load_again_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(&dir.path().join("db.sqlite3")).unwrap());
        let new = |title: &str| NewWorkshopRecord {
            title: title.into(),
            site: "S".into(),
            question: "Q".into(),
            left_pole: "L".into(),
            right_pole: "R".into(),
            aspects: vec!["A".into()],
        };
        let a = store.create_workshop(&new("A"), "ha", 0).unwrap().id;
        let b = store.create_workshop(&new("B"), "hb", 0).unwrap().id;
        let hub = Hub::new(Arc::clone(&store), 10);
        let held = hub.room(a).await.unwrap().unwrap();
        hub.room(b).await.unwrap().unwrap().join("Pair 1".into(), None).await.unwrap();
        assert_eq!(hub.unload_idle(), 1, "b is not held by anyone");
        let again = hub.room(a).await.unwrap().unwrap();
        assert!(Arc::ptr_eq(&held, &again), "a room in use stays the one loaded");
        let b_again = hub.room(b).await.unwrap().unwrap();
        let view = b_again.snapshot(&app::domain::Viewer::Facilitator).await;
        assert_eq!((view.seq, view.pairs.len()), (2, 1), "rebuilt from the event log");
        drop((held, again, b_again));
        assert_eq!(hub.unload_idle(), 2);
        assert_eq!(hub.unload_idle(), 0);
    }
}
