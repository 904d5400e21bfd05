//! The live rooms: one [`Room`] per workshop in use, loaded from the database the first time
//! someone needs it, then kept in memory (a workshop is a few kilobytes).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use app::domain::WorkshopInfo;
use uuid::Uuid;

use crate::room::Room;
use crate::secret::hash_secret;
use crate::store::{Store, StoreError};

/// Finds or loads rooms. Cheap to share: clone the `Arc`.
pub struct Hub {
    store: Arc<Store>,
    max_pairs: usize,
    rooms: Mutex<HashMap<Uuid, Arc<Room>>>,
}

impl Hub {
    /// An empty hub over `store`, whose workshops take at most `max_pairs` pairs each.
    pub fn new(store: Arc<Store>, max_pairs: usize) -> Hub {
        Hub { store, max_pairs, rooms: Mutex::new(HashMap::new()) }
    }

    /// The database behind the rooms.
    pub fn store(&self) -> &Arc<Store> {
        &self.store
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
        let mut rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
        // Someone else may have loaded it meanwhile; theirs may already have changes, so it wins.
        let room = rooms
            .entry(id)
            .or_insert_with(|| Arc::new(Room::with_max_pairs(id, Arc::clone(&self.store), loaded, self.max_pairs)));
        Ok(Some(Arc::clone(room)))
    }

    /// Deletes workshop `id` with every row that belongs to it and unloads its room, whose
    /// screens are told and disconnected. Returns whether there was such a workshop.
    pub async fn delete_workshop(&self, id: Uuid) -> Result<bool, StoreError> {
        let loaded = self.rooms.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
        let removed = match loaded {
            Some(room) => room.delete().await?,
            None => self.store.run(move |s| s.delete_workshop(id)).await?,
        };
        // A request may have loaded the room again meanwhile; it must not outlive the data.
        let again = self.rooms.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
        if let Some(again) = again {
            again.delete().await?;
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
