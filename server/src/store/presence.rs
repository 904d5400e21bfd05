//! Presence shared by the instances on one PostgreSQL database: which pairs have a screen
//! connected, whichever instance it is connected to.
//!
//! Each instance is a row of `instances`, named by its listening connection (its backend pid
//! and start time, [`super::listen`]); each pair with a screen on it is a row of `presence`.
//! When an instance's process dies, PostgreSQL ends its connection, so its rows stop counting
//! at once ([`Store::remote_presence`] only counts live connections), and the next sweep by
//! any instance ([`Store::sweep_dead_instances`]) deletes them and tells the rooms concerned.

use std::collections::BTreeSet;

use uuid::Uuid;

use super::database::Store;
use super::error::StoreError;
use super::listen::{CHANNEL, presence_payload};
use super::sql::args;

/// Instances whose listening connection is still open.
const ALIVE: &str = "(backend_pid, backend_start) IN (SELECT pid, backend_start::text FROM pg_stat_activity)";

impl Store {
    /// Records whether pair `pair_id` has a screen of workshop `workshop_id` connected to
    /// this instance, and tells the other instances. Nothing to do on SQLite.
    pub async fn publish_presence(&self, workshop_id: Uuid, pair_id: Uuid, connected: bool) -> Result<(), StoreError> {
        if !self.is_shared() {
            return Ok(());
        }
        let instance = self.instance_id;
        self.write_async(move |tx| {
            if connected {
                tx.exec(
                    "INSERT INTO presence (instance_id, workshop_id, pair_id) VALUES (?1, ?2, ?3)
                     ON CONFLICT DO NOTHING",
                    args![instance, workshop_id, pair_id],
                )?;
            } else {
                tx.exec(
                    "DELETE FROM presence WHERE instance_id = ?1 AND workshop_id = ?2 AND pair_id = ?3",
                    args![instance, workshop_id, pair_id],
                )?;
            }
            tx.notify_on_commit(CHANNEL, &presence_payload(workshop_id));
            Ok(())
        })
        .await
    }

    /// Pairs of workshop `workshop_id` with a screen connected to another live instance.
    /// Always empty on SQLite.
    pub fn remote_presence(&self, workshop_id: Uuid) -> Result<BTreeSet<Uuid>, StoreError> {
        if !self.is_shared() {
            return Ok(BTreeSet::new());
        }
        let sql = format!(
            "SELECT DISTINCT p.pair_id FROM presence p JOIN instances i ON i.id = p.instance_id
             WHERE p.workshop_id = ?1 AND p.instance_id <> ?2 AND {ALIVE}"
        );
        let rows = self.read(|db| db.rows(&sql, args![workshop_id, self.instance_id]))?;
        rows.iter().map(|r| r.uuid("pair_id")).collect()
    }

    /// Deletes the instances whose connection is gone (their process died) with their
    /// presence, and tells every instance about the workshops concerned. Returns them.
    pub fn sweep_dead_instances(&self) -> Result<Vec<Uuid>, StoreError> {
        if !self.is_shared() {
            return Ok(Vec::new());
        }
        self.write(|tx| {
            let dead = format!("SELECT id FROM instances WHERE NOT {ALIVE}");
            let workshops =
                tx.rows(&format!("SELECT DISTINCT workshop_id FROM presence WHERE instance_id IN ({dead})"), args![])?;
            tx.exec(&format!("DELETE FROM instances WHERE NOT {ALIVE}"), args![])?;
            let workshops = workshops.iter().map(|r| r.uuid("workshop_id")).collect::<Result<Vec<_>, _>>()?;
            for workshop in &workshops {
                tx.notify_on_commit(CHANNEL, &presence_payload(*workshop));
            }
            Ok(workshops)
        })
    }
}
