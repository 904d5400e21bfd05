//! Hearing what the other instances on one PostgreSQL database do, through the database
//! itself (`LISTEN`/`NOTIFY`): no other server to run.
//!
//! Every transaction that commits a change to a workshop also sends a notification on
//! [`CHANNEL`] naming the workshop and the change's sequence number (PostgreSQL delivers it
//! when, and only if, the transaction commits). The notification only says *that* something
//! changed: an instance that hears it reads the committed rows after the last sequence
//! number its room has, so a lost or merged notification costs nothing but a moment.
//!
//! One thread per instance holds a connection that listens. If that connection breaks, it
//! connects again and says [`Notice::Resync`]: whatever was missed meanwhile is read back the
//! same way.

use std::time::Duration;

use postgres::fallible_iterator::FallibleIterator;
use tokio::sync::mpsc;
use uuid::Uuid;

use super::error::StoreError;
use super::sql::{Pg, Sql, args};

/// The notification channel of this server's changes.
pub const CHANNEL: &str = "ds_changes";

/// How long the listener waits for a notification before it checks whether anyone still
/// listens to it (the store was dropped) and whether its connection is alive.
const POLL: Duration = Duration::from_millis(500);

/// How long the listener waits before connecting again after its connection broke.
const RECONNECT: Duration = Duration::from_millis(500);

/// Something another instance (or this one) committed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Workshop `workshop_id` has changes committed up to `seq`.
    Changed {
        /// The workshop.
        workshop_id: Uuid,
        /// Its last committed sequence number.
        seq: u64,
    },
    /// Workshop `workshop_id` was deleted.
    Deleted {
        /// The workshop.
        workshop_id: Uuid,
    },
    /// Which pairs have a screen connected to workshop `workshop_id` changed on some instance.
    Presence {
        /// The workshop.
        workshop_id: Uuid,
    },
    /// The listener was disconnected and is listening again: notifications may have been
    /// missed, so every live room should read what it may have missed.
    Resync,
}

/// The text of a notification: the workshop and its sequence number, or `deleted`.
pub(super) fn payload(workshop_id: Uuid, seq: Option<u64>) -> String {
    match seq {
        Some(seq) => format!("{workshop_id} {seq}"),
        None => format!("{workshop_id} deleted"),
    }
}

/// The text of a presence notification.
pub(super) fn presence_payload(workshop_id: Uuid) -> String {
    format!("{workshop_id} presence")
}

/// The notice a notification's text stands for; `None` for text this server never sends.
pub fn parse(payload: &str) -> Option<Notice> {
    let (workshop, what) = payload.split_once(' ')?;
    let workshop_id = Uuid::parse_str(workshop).ok()?;
    match what {
        "deleted" => Some(Notice::Deleted { workshop_id }),
        "presence" => Some(Notice::Presence { workshop_id }),
        seq => seq.parse().ok().map(|seq| Notice::Changed { workshop_id, seq }),
    }
}

/// How long opening the store waits for the listener's first connection.
const FIRST_CONNECTION: Duration = Duration::from_secs(10);

/// Starts the listening thread on `url`; its notices arrive on the returned channel. The
/// thread ends soon after the receiver is dropped. `on_connect` runs on every new listening
/// connection, with it, before the first notice is read (the instance registers itself
/// there, see [`super::presence`]). Returns once the first connection listens (or failed to
/// within [`FIRST_CONNECTION`]), so that the instance is registered before it serves anyone.
pub(super) fn start(
    url: String,
    on_connect: impl Fn(&mut Pg) + Send + 'static,
) -> Result<mpsc::UnboundedReceiver<Notice>, StoreError> {
    let (tx, rx) = mpsc::unbounded_channel();
    let (ready_tx, ready_rx) = std::sync::mpsc::sync_channel::<Result<(), String>>(1);
    std::thread::Builder::new()
        .name("ds-listen".into())
        .spawn(move || {
            let mut connected_before = false;
            while !tx.is_closed() {
                let listening = Pg::connect(&url).and_then(|mut pg| pg.batch(&format!("LISTEN {CHANNEL}")).map(|_| pg));
                let mut pg = match listening {
                    Ok(pg) => pg,
                    Err(e) => {
                        if !connected_before {
                            let _ = ready_tx.try_send(Err(e.to_string()));
                        }
                        tracing::warn!(error = %e, "cannot listen for other instances' changes; trying again");
                        std::thread::sleep(RECONNECT);
                        continue;
                    }
                };
                on_connect(&mut pg);
                if connected_before {
                    if tx.send(Notice::Resync).is_err() {
                        return;
                    }
                } else {
                    let _ = ready_tx.try_send(Ok(()));
                }
                connected_before = true;
                listen(&mut pg, &tx);
            }
        })
        .map_err(|e| StoreError::TaskFailed(format!("cannot start the listening thread: {e}")))?;
    match ready_rx.recv_timeout(FIRST_CONNECTION) {
        Ok(Ok(())) => Ok(rx),
        Ok(Err(why)) => Err(StoreError::TaskFailed(format!("cannot listen for other instances' changes: {why}"))),
        Err(_) => Err(StoreError::TaskFailed("the listening connection did not open in time".into())),
    }
}

/// Forwards notifications until the connection breaks or nobody listens any more.
fn listen(pg: &mut Pg, tx: &mpsc::UnboundedSender<Notice>) {
    loop {
        let Some(client) = pg.client() else {
            tracing::warn!("the listening connection broke; connecting again");
            return;
        };
        let next = client.notifications().timeout_iter(POLL).next();
        match next {
            Ok(Some(notification)) => {
                if let Some(notice) = parse(notification.payload())
                    && tx.send(notice).is_err()
                {
                    return;
                }
            }
            Ok(None) => {
                if tx.is_closed() {
                    return;
                }
                // A quiet connection may be a dead one: a cheap query finds out.
                if pg.client().is_none_or(|client| client.is_valid(POLL).is_err()) {
                    tracing::warn!("the listening connection broke; connecting again");
                    return;
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "the listening connection broke; connecting again");
                return;
            }
        }
    }
}

/// Records this instance as the owner of the listening connection `pg` (again, after a
/// reconnection): its presence counts while that connection is open.
pub(super) fn register(pg: &mut Pg, instance_id: Uuid) {
    let registered = pg.exec(
        "INSERT INTO instances (id, backend_pid, backend_start)
         SELECT ?1, pid, backend_start::text FROM pg_stat_activity WHERE pid = pg_backend_pid()
         ON CONFLICT (id) DO UPDATE SET backend_pid = EXCLUDED.backend_pid, backend_start = EXCLUDED.backend_start",
        args![instance_id],
    );
    if let Err(e) = registered {
        tracing::warn!(error = %e, "could not register this instance; other instances may not see its screens");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_read_back_and_strangers_are_ignored() {
        let id = Uuid::new_v4();
        assert_eq!(parse(&payload(id, Some(42))), Some(Notice::Changed { workshop_id: id, seq: 42 }));
        assert_eq!(parse(&payload(id, None)), Some(Notice::Deleted { workshop_id: id }));
        assert_eq!(parse(&presence_payload(id)), Some(Notice::Presence { workshop_id: id }));
        for stranger in ["", "x 1", &format!("{id}"), &format!("{id} -1"), &format!("{id} soon")] {
            assert_eq!(parse(stranger), None, "{stranger:?}");
        }
    }
}
