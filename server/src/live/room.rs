//! One live workshop: its [`RoomView`], who may act in it, and the channel that fans committed
//! changes out to every screen. Independent of transport: the websocket and HTTP handlers only
//! call these methods.
//!
//! Order is kept by one tokio mutex per room, held from validation through the database
//! commit to the broadcast, so updates leave in sequence order. The lock is a tokio mutex
//! because it is held across the `.await` on the storage task; presence uses a std mutex that
//! is never held across an `.await`.

use std::collections::HashMap;
use std::num::NonZeroU32;

use governor::Quota;
use std::sync::{Arc, Mutex};

use app::domain::consent::{ConsentAnswer, SheetProblem};
use app::domain::day::Day;
use app::domain::validate::InvalidInput;
use app::domain::{
    Control, Event, EventCopies, PairAction, PairSummary, Phase, Refusal, RefusalText, RoomView, Viewer,
};
use app::protocol::ServerMsg;
use std::sync::atomic::AtomicU64;
use thiserror::Error;
use tokio::sync::broadcast;
use uuid::Uuid;

use crate::secret::{hash_secret, new_secret};
use crate::store::{Actor, AuditEntry, Decision, LoadedRoom, Store, StoreError};
use crate::time::now_ms;

mod consent;
mod presence;
mod withdraw;
use presence::Presence;
pub use presence::{PresenceGuard, TooManyScreens};
pub use withdraw::WithdrawalCounts;

/// Capacity of a room's broadcast channel. A screen that falls this far behind is sent a
/// fresh snapshot instead of the backlog.
pub const BROADCAST_CAPACITY: usize = 256;

/// One server message serialised as JSON text, shared by every screen it is sent to (cloning
/// it counts a reference; the bytes are not copied).
pub type Frame = tokio_tungstenite::tungstenite::Utf8Bytes;

/// What a room broadcasts to its sockets.
#[derive(Clone, Debug, PartialEq)]
pub enum RoomMsg {
    /// A committed change, in sequence order: the `update` message each class of screen is
    /// sent ([`RoomView::copies_of`]), serialised once per distinct copy.
    Update {
        /// Its sequence number.
        seq: u64,
        /// Each class's message; `None` for a class that is not told of this change.
        frames: Arc<EventCopies<Frame>>,
    },
    /// A committed change of what screens may see ([`Event::changes_visibility`]): every
    /// screen is sent a fresh snapshot of this state, filtered for it.
    Reset {
        /// Its sequence number.
        seq: u64,
        /// The state right after the change.
        view: Arc<RoomView>,
    },
    /// The set of pairs with a screen connected changed; here is the new set.
    Presence(Vec<Uuid>),
    /// One more pair declined the information sheet; here is the count (console only).
    Declined(u64),
    /// The workshop was deleted: every screen is told so and disconnected.
    Deleted,
    /// This pair withdrew: its screens are told so and disconnected (sent before the
    /// [`RoomMsg::Reset`] without it).
    Withdrawn(Uuid),
}

/// Why the room refused a change. Nothing was changed.
#[derive(Debug, Error)]
pub enum RoomError {
    /// The rules refused it (wrong phase, locked, unknown card, invalid text, …).
    #[error("{}", .0.message)]
    Refused(Refusal),
    /// The value failed validation.
    #[error(transparent)]
    Invalid(#[from] InvalidInput),
    /// The change id belongs to someone else's change.
    #[error("That change id was already used; the change was not applied.")]
    ChangeIdReused,
    /// The pair label is taken.
    #[error("A pair called '{0}' has already joined. Choose another name, or ask the facilitator.")]
    DuplicateLabel(String),
    /// The workshop has as many pairs as it takes.
    #[error("This workshop already has {0} pairs, the most it takes. Ask the facilitator.")]
    Full(usize),
    /// The workshop is closed: nobody can join.
    #[error("This workshop is closed; it no longer takes new pairs.")]
    Closed,
    /// The withdrawal deadline has passed.
    #[error(
        "The withdrawal deadline of this workshop was {0} (UTC); after it, a pair can no longer be withdrawn. \
         Nothing was changed."
    )]
    DeadlinePassed(Day),
    /// No pair of this workshop is the one to withdraw.
    #[error("That pair is not in this workshop (it may already have been withdrawn or removed). Nothing was changed.")]
    UnknownPair,
    /// The information sheet was refused (its field and sentence); nothing was changed.
    #[error(transparent)]
    Sheet(#[from] SheetProblem),
    /// The workshop asks for consent to its information sheet first (or the answer given
    /// does not agree to it): the sentence says which.
    #[error("{0}")]
    ConsentNeeded(RefusalText),
    /// Storage failed; nothing was changed.
    #[error("The server could not save this; nothing was changed. Please try again.")]
    Storage(StoreError),
}

impl From<StoreError> for RoomError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::ChangeIdReused => RoomError::ChangeIdReused,
            StoreError::DuplicateLabel(label) => RoomError::DuplicateLabel(label),
            other => RoomError::Storage(other),
        }
    }
}

/// The mutable part of a room, behind its ordering lock.
struct RoomState {
    /// Shared with the write deciding the next change ([`Store::decide_and_append_async`]),
    /// which is over before the view changes again: so it is not copied.
    view: Arc<RoomView>,
    pairs_by_token_hash: HashMap<String, PairSummary>,
}

/// What a pair agrees to when it joins a workshop with an information sheet (checked
/// against the room's current sheet before anything is stored).
pub type JoinAnswer = Option<ConsentAnswer>;

/// A live workshop.
pub struct Room {
    workshop_id: Uuid,
    store: Arc<Store>,
    state: tokio::sync::Mutex<RoomState>,
    tx: broadcast::Sender<RoomMsg>,
    presence: Mutex<Presence>,
    /// Held while this instance's presence of one pair is written to a shared database, so
    /// the last write is always of the latest state.
    publishing: tokio::sync::Mutex<()>,
    max_pairs: usize,
    /// One message budget per pair, shared by all of its screens.
    pair_budget: governor::DefaultKeyedRateLimiter<Uuid>,
    /// How many pairs declined the information sheet (as last read or counted here).
    declined: AtomicU64,
}

/// Default most pairs one workshop takes (`DS_MAX_PAIRS`): far more than a room holds.
pub const DEFAULT_MAX_PAIRS: usize = 300;
/// Most screens one pair's token may have connected at once.
pub const MAX_SCREENS_PER_PAIR: usize = 4;

/// Messages per second a connection may send, sustained.
const RATE_PER_SECOND: NonZeroU32 = NonZeroU32::new(20).expect("20 is not zero");
/// Messages a connection may send in a burst.
const RATE_BURST: NonZeroU32 = NonZeroU32::new(40).expect("40 is not zero");

/// How many messages a socket, and a pair over all its screens, may send: 20 a second,
/// bursts of 40.
pub fn message_quota() -> Quota {
    Quota::per_second(RATE_PER_SECOND).allow_burst(RATE_BURST)
}

impl Room {
    /// A room over state loaded from the database.
    pub fn new(workshop_id: Uuid, store: Arc<Store>, loaded: LoadedRoom) -> Room {
        Room::with_max_pairs(workshop_id, store, loaded, DEFAULT_MAX_PAIRS)
    }

    /// A room that takes at most `max_pairs` pairs.
    pub fn with_max_pairs(workshop_id: Uuid, store: Arc<Store>, loaded: LoadedRoom, max_pairs: usize) -> Room {
        let (tx, _) = broadcast::channel(BROADCAST_CAPACITY);
        let declined = AtomicU64::new(loaded.declined);
        Room {
            declined,
            workshop_id,
            store,
            state: tokio::sync::Mutex::new(RoomState {
                view: Arc::new(loaded.view),
                pairs_by_token_hash: loaded.pairs_by_token_hash,
            }),
            tx,
            presence: Mutex::new(Presence::default()),
            publishing: tokio::sync::Mutex::new(()),
            max_pairs,
            pair_budget: governor::RateLimiter::keyed(message_quota()),
        }
    }

    /// The workshop's public id.
    pub fn workshop_id(&self) -> Uuid {
        self.workshop_id
    }

    /// Receives every later broadcast. Subscribe *before* reading a snapshot or the current
    /// sequence, so that nothing can fall between the two.
    pub fn subscribe(&self) -> broadcast::Receiver<RoomMsg> {
        self.tx.subscribe()
    }

    /// What `viewer` may see now, with its sequence number.
    pub async fn snapshot(&self, viewer: &Viewer) -> RoomView {
        self.state.lock().await.view.visible_to(viewer)
    }

    /// Sequence number of the last committed change.
    pub async fn seq(&self) -> u64 {
        self.state.lock().await.view.seq
    }

    /// The pair holding this token, if it belongs to this workshop.
    pub async fn pair_by_token(&self, token: &str) -> Option<PairSummary> {
        let hash = hash_secret(token);
        self.state.lock().await.pairs_by_token_hash.get(&hash).cloned()
    }

    /// `viewer`'s copies of the events with `after < seq <= up_to`, from the event log; `None`
    /// when one of them changed what screens may see (send a snapshot instead).
    pub async fn events_between(
        &self,
        viewer: &Viewer,
        after: u64,
        up_to: u64,
    ) -> Result<Option<Vec<(u64, Event)>>, StoreError> {
        let id = self.workshop_id;
        let events = self.store.run(move |s| s.events_between(id, after, up_to)).await?;
        if events.iter().any(|(_, e)| e.changes_visibility()) {
            return Ok(None);
        }
        let state = self.state.lock().await;
        Ok(Some(events.into_iter().filter_map(|(seq, e)| state.view.event_for(viewer, &e).map(|e| (seq, e))).collect()))
    }

    /// Adds a pair with a cleaned label. Returns the pair and its new token (shown once).
    /// When the workshop has an information sheet, `consent` must be every person's
    /// agreement to its current version: the pair and its consent are stored together, and
    /// without it nothing is stored at all ([`RoomError::ConsentNeeded`]).
    pub async fn join(&self, label: String, consent: JoinAnswer) -> Result<(PairSummary, String), RoomError> {
        let token = new_secret();
        let token_hash = hash_secret(&token);
        let mut state = self.state.lock().await;
        if state.view.phase == Phase::Closed {
            return Err(RoomError::Closed);
        }
        if state.view.pairs.len() >= self.max_pairs {
            return Err(RoomError::Full(self.max_pairs));
        }
        let agreed = match (state.view.current_sheet(), consent) {
            (None, _) => None,
            (Some(current), None) => {
                return Err(RoomError::ConsentNeeded(RefusalText::SheetBeforeJoining {
                    version: current.sheet.version.clone(),
                }));
            }
            (Some(_), Some(answer)) => {
                Some(state.view.check_consent_answer(&answer).map_err(RoomError::ConsentNeeded)?)
            }
        };
        let now = now_ms();
        let (seq, pair) =
            self.store.join_pair_async(self.workshop_id, label, token_hash.clone(), agreed.clone(), now).await?;
        if seq > state.view.seq + 1 {
            // Another instance committed to this workshop meanwhile: its changes come first.
            self.catch_up_locked(&mut state, Some(seq - 1)).await?;
        }
        state.pairs_by_token_hash.insert(token_hash, pair.clone());
        self.commit(&mut state, seq, Event::PairJoined { pair: pair.clone() });
        if let Some((version, people)) = agreed {
            self.commit(&mut state, seq + 1, Event::ConsentGiven { pair_id: pair.id, version, people, at: now });
        }
        Ok((pair, token))
    }

    /// Decides and commits one pair's change; returns its sequence number (the original one
    /// when this change id was already committed). The pair is the authenticated one, so a
    /// pair can only ever change its own work.
    pub async fn act_as_pair(&self, pair: &PairSummary, change_id: Uuid, action: PairAction) -> Result<u64, RoomError> {
        let actor = Actor::Pair(pair.clone());
        let pair_id = pair.id;
        self.act(actor, change_id, move |view, now| view.decide_pair(pair_id, &action, now)).await
    }

    /// Decides and commits one of the facilitator's controls. Withdrawing a pair is not a
    /// change like the others (its data is erased, [`Room::withdraw`]); it is answered with
    /// the `pair_withdrawn` row's sequence number.
    pub async fn act_as_facilitator(&self, change_id: Uuid, control: Control) -> Result<u64, RoomError> {
        if let Control::WithdrawPair { pair_id } = control {
            return self.withdraw_from_console(pair_id).await;
        }
        self.act(Actor::Facilitator, change_id, move |view, now| view.decide_control(&control, now)).await
    }

    /// Decides and commits one change in one database transaction, holding the room's lock
    /// (and, on PostgreSQL, the workshop's row, so other instances wait): the changes other
    /// instances committed first are taken and sent to the screens before it.
    async fn act(
        &self,
        actor: Actor,
        change_id: Uuid,
        decide: impl FnOnce(&RoomView, i64) -> Result<Event, Refusal> + Send + 'static,
    ) -> Result<u64, RoomError> {
        let arrived = std::time::Instant::now();
        let mut state = self.state.lock().await;
        let id = self.workshop_id;
        let view = Arc::clone(&state.view);
        // Committed with whatever other rooms are writing at the same moment (group commit).
        let decided = self.store.decide_and_append_async(id, view, (actor, change_id), now_ms(), decide).await?;
        self.take_missed(&mut state, decided.missed).await?;
        match decided.decision {
            Decision::AlreadyCommitted { seq } => Ok(seq),
            Decision::Refused(refusal) => Err(RoomError::Refused(refusal)),
            Decision::Committed { seq, event } => {
                crate::telemetry::change_committed(arrived.elapsed());
                if let Event::PairRemoved { pair_id, .. } = &event {
                    state.pairs_by_token_hash.retain(|_, p| p.id != *pair_id);
                }
                self.commit(&mut state, seq, event);
                Ok(seq)
            }
        }
    }

    /// Takes the changes other instances committed to this workshop since this room's view,
    /// and sends them to its screens in order ([`Room::catch_up_locked`]).
    pub async fn catch_up(&self) -> Result<(), StoreError> {
        let mut state = self.state.lock().await;
        self.catch_up_locked(&mut state, None).await
    }

    /// Applies and broadcasts every change committed after the view's sequence number (up to
    /// `up_to` when given), as if this room had committed them itself.
    async fn catch_up_locked(&self, state: &mut RoomState, up_to: Option<u64>) -> Result<(), StoreError> {
        let id = self.workshop_id;
        let after = state.view.seq;
        let (last, mut events) = self.store.run(move |s| s.events_after(id, after)).await?;
        if let Some(up_to) = up_to {
            events.retain(|(seq, _)| *seq <= up_to);
        }
        self.take_missed(state, events).await?;
        // A row without an event (or a removed pair's deleted rows) still moves the count.
        let last = up_to.map_or(last, |up_to| last.min(up_to));
        if last > state.view.seq {
            Arc::make_mut(&mut state.view).seq = last;
        }
        Ok(())
    }

    /// Applies and broadcasts changes another instance committed, in order. Pairs who joined
    /// or were removed there are signed in or out here too.
    async fn take_missed(&self, state: &mut RoomState, missed: Vec<(u64, Event)>) -> Result<(), StoreError> {
        let mut pairs_changed = false;
        let mut withdrawn = false;
        for (seq, event) in missed {
            if seq <= state.view.seq {
                continue;
            }
            pairs_changed |= matches!(event, Event::PairJoined { .. } | Event::PairRemoved { .. });
            if let Event::PairWithdrawn { pair_id, .. } = event {
                // Not broadcast: the screens are sent the state read back below.
                let _ = self.tx.send(RoomMsg::Withdrawn(pair_id));
                Arc::make_mut(&mut state.view).apply(seq, &event);
                withdrawn = true;
                continue;
            }
            self.commit(state, seq, event);
        }
        if withdrawn {
            // Another instance withdrew a pair: what is left is read back whole, as there.
            self.reload_locked(state).await?;
        } else if pairs_changed {
            let (id, view) = (self.workshop_id, Arc::clone(&state.view));
            state.pairs_by_token_hash = self.store.run(move |s| s.pairs_by_token_hash(id, &view)).await?;
        }
        Ok(())
    }

    /// After the database commit: update the view and broadcast, still under the lock.
    fn commit(&self, state: &mut RoomState, seq: u64, event: Event) {
        Arc::make_mut(&mut state.view).apply(seq, &event);
        let reset = || RoomMsg::Reset { seq, view: Arc::clone(&state.view) };
        let msg = if event.changes_visibility() {
            reset()
        } else {
            // Serialised here, once per distinct copy, not once per screen.
            let frames = state.view.copies_of(&event).map_distinct(|copy| {
                serde_json::to_string(&ServerMsg::Update { seq, event: copy.clone() })
                    .map(Frame::from)
                    .map_err(|e| e.to_string())
            });
            match frames.transpose() {
                Ok(frames) => RoomMsg::Update { seq, frames: Arc::new(frames) },
                Err(e) => {
                    // Cannot happen with these types; if it did, screens still get the change.
                    tracing::error!(error = %e, seq, "could not serialise an update; sending snapshots");
                    reset()
                }
            }
        };
        // An error only means nobody is listening right now.
        let _ = self.tx.send(msg);
    }

    /// Deletes the workshop and all its rows, with `audit` in the audit log (at `at`), under
    /// the ordering lock so no change can interleave, then tells every screen. Returns whether
    /// the workshop still existed.
    pub async fn delete(&self, audit: AuditEntry, at: i64) -> Result<bool, StoreError> {
        let _state = self.state.lock().await;
        let id = self.workshop_id;
        let removed = self.store.run(move |s| s.delete_workshop_recorded(id, audit, at)).await?;
        let _ = self.tx.send(RoomMsg::Deleted);
        Ok(removed)
    }

    /// The workshop was deleted by another instance: tells every screen here.
    pub fn deleted_elsewhere(&self) {
        let _ = self.tx.send(RoomMsg::Deleted);
    }
}
