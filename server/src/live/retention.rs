//! Retention: deleting every workshop whose "Delete after" day has come, exactly as "Delete"
//! does ([`Hub::delete_workshop_recorded`]: every screen told, every row removed), with a
//! `system` row in the audit log. [`sweep`] runs once when the server starts (so a server that
//! was off on the day deletes at its next start) and then every [`CHECK_EVERY`] ([`keep_checking`]),
//! until the server stops.
//!
//! Several instances on one PostgreSQL database all check: each deletion locks the
//! workshop's row, so the first deletes it and writes the audit row, and the others find
//! nothing, change nothing and write nothing.

use std::sync::Arc;
use std::time::Duration;

use uuid::Uuid;

use super::hub::Hub;
use crate::store::{AuditActor, AuditEntry, StoreError};
use crate::time::Clock;

/// How often a running server looks for workshops due.
pub const CHECK_EVERY: Duration = Duration::from_secs(60 * 60);

/// Deletes every workshop due by `clock`'s today. Returns those this call deleted (a
/// workshop another instance deleted meanwhile is not among them).
pub async fn sweep(hub: &Hub, clock: &dyn Clock) -> Result<Vec<Uuid>, StoreError> {
    let today = clock.today();
    let due = {
        let today = today.clone();
        hub.store().run(move |s| s.due_for_deletion(&today)).await?
    };
    let mut deleted = Vec::new();
    for (id, day) in due {
        let audit = AuditEntry::new(
            AuditActor::System,
            "retention_delete",
            Some(id),
            format!("deleted with all its data: its delete-after day was {day} (checked on {today}, UTC)"),
        );
        if hub.delete_workshop_recorded(id, audit, clock.now_ms()).await? {
            tracing::info!(workshop = %id, delete_after = %day, "workshop deleted: its retention day has come");
            deleted.push(id);
        }
    }
    Ok(deleted)
}

/// Sweeps every `every` until the hub stops ([`Hub::stop`]); the first sweep is one `every`
/// from now (the server sweeps once itself before it serves). A failed sweep is logged and
/// tried again at the next check.
pub fn keep_checking(hub: Arc<Hub>, clock: Arc<dyn Clock>, every: Duration) -> tokio::task::JoinHandle<()> {
    let mut stopping = hub.stopping();
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = ticks.tick() => {}
                _ = stopping.wait_for(|stop| *stop) => return,
            }
            if let Err(e) = sweep(&hub, clock.as_ref()).await {
                tracing::warn!(error = %e, "could not delete the workshops whose retention day has come; trying again later");
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sql::{Backend, test_backend, test_postgres_database};
    use crate::store::{AuditRow, NewWorkshopRecord, Store};
    use crate::time::SetClock;

    /// 2026-11-23T19:54:00Z.
    const NOV_23: i64 = 1_795_463_640_000;
    const DAY: i64 = 24 * 60 * 60 * 1000;

    /// The test's database, opened off the async threads (the PostgreSQL client blocks).
    async fn store(dir: &tempfile::TempDir) -> Arc<Store> {
        let path = dir.path().join("db.sqlite3");
        let store = tokio::task::spawn_blocking(move || match test_backend() {
            Backend::Sqlite => Store::open(&path).unwrap(),
            Backend::Postgres => Store::open_postgres(&test_postgres_database()).unwrap(),
        });
        Arc::new(store.await.unwrap())
    }

    async fn workshop(store: &Arc<Store>, day: Option<&'static str>) -> Uuid {
        let new = NewWorkshopRecord {
            title: "T".into(),
            site: "S".into(),
            question: "Q".into(),
            left_pole: "L".into(),
            right_pole: "R".into(),
            aspects: vec!["A".into()],
        };
        let made = store.run(move |s| {
            let id = s.create_workshop(&new, &Uuid::new_v4().to_string(), NOV_23)?.id;
            if let Some(day) = day {
                let audit = AuditEntry::new(AuditActor::Researcher, "retention_set", Some(id), day);
                s.set_delete_after(id, Some(day.into()), audit, NOV_23)?;
            }
            Ok::<_, StoreError>(id)
        });
        made.await.unwrap()
    }

    async fn exists(store: &Arc<Store>, id: Uuid) -> bool {
        store.run(move |s| s.delete_after(id)).await.unwrap().is_some()
    }

    async fn audit_of(store: &Arc<Store>, id: Uuid) -> Vec<AuditRow> {
        store.run(move |s| s.audit_log(Some(id), 10)).await.unwrap().0
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn the_hourly_check_deletes_on_the_day_with_a_system_row_and_stops_with_the_server() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(&dir).await;
        let soon = workshop(&store, Some("2026-11-25")).await;
        let later = workshop(&store, Some("2026-12-01")).await;
        let kept = workshop(&store, None).await;
        let hub = Hub::new(Arc::clone(&store), 10).follow_other_instances();
        // A screen has the room open: it is told, as with "Delete".
        let room = hub.room(soon).await.unwrap().unwrap();
        let mut screen = room.subscribe();
        let clock = Arc::new(SetClock::at(NOV_23));
        assert!(sweep(&hub, clock.as_ref()).await.unwrap().is_empty(), "nothing due on the 23rd");

        let task = keep_checking(Arc::clone(&hub), clock.clone(), Duration::from_millis(20));
        clock.set(NOV_23 + 2 * DAY);
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while exists(&store, soon).await {
            assert!(tokio::time::Instant::now() < deadline, "deleted on its day");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert!(matches!(screen.recv().await, Ok(crate::live::room::RoomMsg::Deleted)));
        let rows = audit_of(&store, soon).await;
        assert_eq!(rows[0].entry.actor, AuditActor::System);
        assert_eq!(rows[0].entry.action, "retention_delete");
        assert_eq!(rows[0].entry.client, None);
        assert!(rows[0].entry.detail.contains("2026-11-25"), "{}", rows[0].entry.detail);
        assert!(exists(&store, later).await && exists(&store, kept).await);

        hub.stop();
        tokio::time::timeout(Duration::from_secs(5), task).await.expect("stops with the server").unwrap();
        clock.set(NOV_23 + 30 * DAY);
        tokio::time::sleep(Duration::from_millis(60)).await;
        assert!(exists(&store, later).await, "no check after the server stopped");
        // The next start's check deletes what came due while it was off.
        assert_eq!(sweep(&hub, clock.as_ref()).await.unwrap(), [later]);
        assert!(exists(&store, kept).await, "a workshop without a day is kept");
    }
}
