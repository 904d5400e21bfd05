//! What one screen is sent, independent of the websocket: the initial sync (catch-up or
//! snapshot), then the room's broadcasts filtered for this viewer, in sequence order, with a
//! fresh snapshot whenever the screen fell too far behind.
//!
//! [`Feed::next`] is cancel-safe, so a socket can use it in `tokio::select!`: nothing is lost
//! if another branch wins while it waits.

use std::collections::VecDeque;
use std::sync::Arc;

use app::domain::Viewer;
use app::protocol::{ErrorCode, MAX_CATCH_UP, ServerMsg};
use tokio::sync::broadcast::{self, error::RecvError};

use super::room::{Frame, Room, RoomMsg};

/// One message for a screen: built for it, or a frame already serialised for its whole class.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // one at a time, sent at once
pub enum Outgoing {
    /// A message of this screen's own (a snapshot, a refusal, presence).
    Msg(ServerMsg),
    /// The same bytes every screen of this class is sent.
    Frame(Frame),
}

/// The outgoing stream of one screen.
pub struct Feed {
    room: Arc<Room>,
    viewer: Viewer,
    updates: broadcast::Receiver<RoomMsg>,
    /// Highest sequence number this screen has been brought up to.
    sent_seq: u64,
    /// Messages decided but not yet handed out.
    pending: VecDeque<ServerMsg>,
    /// The screen lagged: its next message must be a snapshot.
    resync: bool,
    /// The workshop was deleted, or this pair removed: after the refusal already handed out,
    /// the feed ends.
    deleted: bool,
}

impl Feed {
    /// Subscribes to the room. Do this before reading any state, so that every change
    /// committed afterwards reaches this feed.
    pub fn subscribe(room: Arc<Room>, viewer: Viewer) -> Feed {
        let updates = room.subscribe();
        Feed { room, viewer, updates, sent_seq: 0, pending: VecDeque::new(), resync: false, deleted: false }
    }

    /// Queues the initial sync: the updates missed since `last_seq` when that is at most
    /// [`MAX_CATCH_UP`] behind and not ahead of the room, otherwise a snapshot; then, for
    /// the facilitator, who is connected.
    pub async fn start(&mut self, last_seq: Option<u64>) {
        let current = self.room.seq().await;
        let caught_up = match last_seq.filter(|s| *s <= current && current - *s <= MAX_CATCH_UP) {
            Some(since) => match self.room.events_between(&self.viewer, since, current).await {
                Ok(None) => false,
                Ok(Some(events)) => {
                    self.pending.extend(events.into_iter().map(|(seq, event)| ServerMsg::Update { seq, event }));
                    self.sent_seq = current;
                    true
                }
                Err(e) => {
                    tracing::error!(error = %e, "catch-up failed; sending a snapshot instead");
                    false
                }
            },
            None => false,
        };
        if !caught_up {
            let view = self.room.snapshot(&self.viewer).await;
            self.sent_seq = view.seq;
            self.pending.push_back(ServerMsg::Snapshot { view });
        }
        self.queue_presence();
    }

    /// The next queued message, without waiting.
    pub fn pop_pending(&mut self) -> Option<ServerMsg> {
        let msg = self.pending.pop_front();
        if self.pending.is_empty() && self.pending.capacity() > 0 {
            // A connected screen keeps its feed for hours, nearly always with nothing queued:
            // the room of the initial sync (a catch-up can queue hundreds of updates, 384 bytes
            // each) is given back rather than kept by every idle socket.
            self.pending = VecDeque::new();
        }
        msg
    }

    /// The next message for this screen; `None` when the room is gone (after a deleted
    /// workshop's refusal has been handed out).
    pub async fn next(&mut self) -> Option<Outgoing> {
        loop {
            if let Some(msg) = self.pop_pending() {
                return Some(Outgoing::Msg(msg));
            }
            if self.deleted {
                return None;
            }
            if self.resync {
                // If this await is cancelled, `resync` stays set and the next call retries.
                // Rare (a screen that fell behind): on the heap, so every idle screen's task
                // does not keep room for it.
                let view = Box::pin(self.room.snapshot(&self.viewer)).await;
                self.resync = false;
                self.sent_seq = view.seq;
                self.queue_presence();
                return Some(Outgoing::Msg(ServerMsg::Snapshot { view }));
            }
            match self.updates.recv().await {
                Ok(RoomMsg::Update { seq, frames }) => {
                    if seq <= self.sent_seq {
                        continue;
                    }
                    self.sent_seq = seq;
                    if let Some(frame) = frames.for_viewer(&self.viewer) {
                        return Some(Outgoing::Frame(frame.clone()));
                    }
                }
                Ok(RoomMsg::Reset { seq, view }) => {
                    if seq <= self.sent_seq {
                        continue;
                    }
                    self.sent_seq = seq;
                    if let Some(me) = self.viewer.pair_id()
                        && view.pair(me).is_none()
                    {
                        self.deleted = true;
                        return Some(Outgoing::Msg(ServerMsg::refused(
                            None,
                            ErrorCode::Forbidden,
                            "This pair was removed from the workshop by the facilitator. Join again if that was a mistake.",
                        )));
                    }
                    return Some(Outgoing::Msg(ServerMsg::Snapshot { view: view.visible_to(&self.viewer) }));
                }
                Ok(RoomMsg::Declined(count)) => {
                    if self.viewer == Viewer::Facilitator {
                        return Some(Outgoing::Msg(ServerMsg::Declined { count }));
                    }
                }
                Ok(RoomMsg::Presence(connected)) => {
                    if self.viewer == Viewer::Facilitator {
                        return Some(Outgoing::Msg(ServerMsg::Presence { connected }));
                    }
                }
                Ok(RoomMsg::Withdrawn(pair_id)) => {
                    if self.viewer.pair_id() == Some(pair_id) {
                        self.deleted = true;
                        return Some(Outgoing::Msg(ServerMsg::refused(None, ErrorCode::Forbidden, WITHDRAWN)));
                    }
                }
                Ok(RoomMsg::Deleted) => {
                    self.deleted = true;
                    return Some(Outgoing::Msg(ServerMsg::refused(
                        None,
                        ErrorCode::UnknownWorkshop,
                        "This workshop has been deleted, with all its data. Nothing more can be saved here.",
                    )));
                }
                Err(RecvError::Lagged(missed)) => {
                    tracing::info!(workshop = %self.room.workshop_id(), missed, "slow screen; resending a snapshot");
                    self.resync = true;
                }
                Err(RecvError::Closed) => return None,
            }
        }
    }

    fn queue_presence(&mut self) {
        if self.viewer == Viewer::Facilitator {
            self.pending.push_back(ServerMsg::Presence { connected: self.room.connected() });
            // Only once there is something to count, so a console without a sheet sees nothing new.
            let declined = self.room.declined();
            if declined > 0 {
                self.pending.push_back(ServerMsg::Declined { count: declined });
            }
        }
    }
}

/// What a withdrawn pair's screens are told (when it happens, and whenever they come back).
pub const WITHDRAWN: &str = "This pair has withdrawn from the study: everything it did in this workshop was \
                             deleted. Nothing more from this tablet is saved.";

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::live::room::BROADCAST_CAPACITY;
    use crate::store::{NewWorkshopRecord, Store};

    async fn room() -> (tempfile::TempDir, Arc<Room>) {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(&dir.path().join("db.sqlite3")).unwrap());
        let new = NewWorkshopRecord {
            title: "T".into(),
            site: "S".into(),
            question: "Q".into(),
            left_pole: "L".into(),
            right_pole: "R".into(),
            aspects: vec!["A".into()],
        };
        let info = store.create_workshop(&new, "h", 0).unwrap();
        let loaded = store.load_room(info.id).unwrap().unwrap();
        (dir, Arc::new(Room::new(info.id, store, loaded)))
    }

    /// The next message, decoded as the screen would read it.
    async fn next_now(feed: &mut Feed) -> Option<ServerMsg> {
        match tokio::time::timeout(Duration::from_millis(200), feed.next()).await.ok().flatten()? {
            Outgoing::Msg(msg) => Some(msg),
            Outgoing::Frame(frame) => Some(serde_json::from_str(frame.as_str()).expect("a frame is a server message")),
        }
    }

    #[tokio::test]
    async fn changes_committed_before_the_snapshot_are_not_sent_again() {
        let (_dir, room) = room().await;
        let mut feed = Feed::subscribe(Arc::clone(&room), Viewer::Projector);
        room.join("Pair 1".into(), None).await.unwrap(); // seq 2, queued in the channel
        feed.start(None).await;
        let Some(ServerMsg::Snapshot { view }) = feed.pop_pending() else { panic!("snapshot") };
        assert_eq!((view.seq, view.pairs.len()), (2, 1));
        room.join("Pair 2".into(), None).await.unwrap();
        assert!(matches!(next_now(&mut feed).await, Some(ServerMsg::Update { seq: 3, .. })));
        assert_eq!(next_now(&mut feed).await, None);
    }

    #[tokio::test]
    async fn a_lagging_screen_gets_one_fresh_snapshot_then_live_updates() {
        let (_dir, room) = room().await;
        let mut facilitator = Feed::subscribe(Arc::clone(&room), Viewer::Facilitator);
        facilitator.start(None).await;
        assert!(matches!(facilitator.pop_pending(), Some(ServerMsg::Snapshot { .. })));
        assert!(matches!(facilitator.pop_pending(), Some(ServerMsg::Presence { .. })));
        let joins = BROADCAST_CAPACITY + 10;
        for i in 0..joins {
            room.join(format!("Pair {i}"), None).await.unwrap();
        }
        let Some(ServerMsg::Snapshot { view }) = next_now(&mut facilitator).await else {
            panic!("expected a snapshot after lagging")
        };
        assert_eq!((view.seq, view.pairs.len()), (1 + joins as u64, joins));
        assert!(matches!(next_now(&mut facilitator).await, Some(ServerMsg::Presence { .. })));
        // The backlog still in the channel is older than the snapshot: skipped, not resent.
        assert_eq!(next_now(&mut facilitator).await, None);
        room.join("Late pair".into(), None).await.unwrap();
        let next = next_now(&mut facilitator).await;
        assert!(matches!(next, Some(ServerMsg::Update { seq, .. }) if seq == 2 + joins as u64));
    }

    #[tokio::test]
    async fn a_phase_change_in_the_missed_range_means_a_snapshot() {
        let (_dir, room) = room().await;
        room.join("Pair 1".into(), None).await.unwrap();
        let start = app::domain::Control::SetPhase { phase: app::domain::Phase::Placing };
        room.act_as_facilitator(uuid::Uuid::new_v4(), start).await.unwrap();
        let mut feed = Feed::subscribe(Arc::clone(&room), Viewer::Projector);
        feed.start(Some(1)).await;
        assert!(matches!(feed.pop_pending(), Some(ServerMsg::Snapshot { view }) if view.seq == 3));
        assert_eq!(feed.pop_pending(), None);
    }

    #[tokio::test]
    async fn catch_up_is_limited_to_what_the_viewer_may_see() {
        let (_dir, room) = room().await;
        let start = app::domain::Control::SetPhase { phase: app::domain::Phase::Placing };
        room.act_as_facilitator(uuid::Uuid::new_v4(), start).await.unwrap();
        let (pair, _) = room.join("Pair 1".into(), None).await.unwrap();
        let (other, _) = room.join("Pair 2".into(), None).await.unwrap();
        let card = room.snapshot(&Viewer::Projector).await.cards[0].id;
        let place = app::domain::PairAction::Place { card_id: card, position: 50.0 };
        room.act_as_pair(&other, uuid::Uuid::new_v4(), place).await.unwrap();
        let me = Viewer::Pair { pair_id: pair.id, label: pair.label.clone() };
        let mut feed = Feed::subscribe(Arc::clone(&room), me);
        feed.start(Some(2)).await;
        let seqs: Vec<u64> = std::iter::from_fn(|| feed.pop_pending())
            .map(|m| match m {
                ServerMsg::Update { seq, .. } => seq,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(seqs, [3, 4], "both joins, not the other pair's placement");
    }
}
