//! The state of a pair's board shared by its pieces: which post-it is held (keyboard), which
//! is being dragged (pointer), which is selected (nudge buttons), what was last announced, and
//! the actions that turn those into changes.

use leptos::html::Div;
use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::board::{POST_IT_WIDTH_PCT, assign_lanes, format_position, min_gap};
use crate::domain::outbox::ChangeKind;
use crate::live::{Live, browser};

/// One post-it as the pair's screen shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct CardState {
    pub id: Uuid,
    pub text: String,
    /// Where it is on the spectrum (committed or queued), if anywhere.
    pub position: Option<f64>,
}

/// A post-it picked up with the keyboard.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hold {
    pub card_id: Uuid,
    /// Where it is being held now.
    pub position: f64,
    /// Where it was when picked up (`None`: in the tray), for Escape.
    pub origin: Option<f64>,
}

/// A post-it being dragged with a pointer (mouse, finger or pen).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Drag {
    pub card_id: Uuid,
    pub pointer_id: i32,
    pub start: (f64, f64),
    /// Offset from the start, in CSS pixels.
    pub offset: (f64, f64),
    /// Whether it has moved far enough to be a drag rather than a tap.
    pub moved: bool,
    /// The spectrum position under the pointer, when it is over the spectrum.
    pub over: Option<f64>,
}

/// A post-it on the spectrum, with the lane it is drawn in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Slot {
    pub card_id: Uuid,
    pub position: f64,
    pub lane: usize,
}

/// Everything the board's pieces share. `Copy`, like the signals inside it.
#[derive(Clone, Copy)]
pub struct BoardCtx {
    pub live: Live,
    pub cards: Memo<Vec<CardState>>,
    pub slots: Memo<Vec<Slot>>,
    pub held: RwSignal<Option<Hold>>,
    pub drag: RwSignal<Option<Drag>>,
    pub selected: RwSignal<Option<Uuid>>,
    pub announcement: RwSignal<String>,
    pub spectrum: NodeRef<Div>,
}

/// The DOM id of a post-it's button (to give focus back after it moves between regions).
pub fn post_it_dom_id(card_id: Uuid) -> String {
    format!("post-it-{card_id}")
}

impl BoardCtx {
    /// Builds the board's state over `cards` (the pair's view with queued changes applied).
    pub fn new(live: Live, cards: Memo<Vec<CardState>>) -> Self {
        let held = RwSignal::new(None::<Hold>);
        let slots = Memo::new(move |_| {
            let held = held.get();
            let placed: Vec<(Uuid, f64)> = cards.with(|cards| {
                cards
                    .iter()
                    .filter_map(|c| {
                        let position = match held {
                            Some(h) if h.card_id == c.id && c.position.is_some() => h.position,
                            _ => c.position?,
                        };
                        Some((c.id, position))
                    })
                    .collect()
            });
            let positions: Vec<f64> = placed.iter().map(|(_, p)| *p).collect();
            let lanes = assign_lanes(&positions, min_gap(POST_IT_WIDTH_PCT));
            placed.into_iter().zip(lanes).map(|((card_id, position), lane)| Slot { card_id, position, lane }).collect()
        });
        BoardCtx {
            live,
            cards,
            slots,
            held,
            drag: RwSignal::new(None),
            selected: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            spectrum: NodeRef::new(),
        }
    }

    /// The post-it's current state (untracked: for event handlers).
    pub fn card(&self, card_id: Uuid) -> Option<CardState> {
        self.cards.with_untracked(|cards| cards.iter().find(|c| c.id == card_id).cloned())
    }

    /// The post-it's text (tracked).
    pub fn text(&self, card_id: Uuid) -> String {
        self.cards.with(|cards| cards.iter().find(|c| c.id == card_id).map(|c| c.text.clone()).unwrap_or_default())
    }

    /// Where the post-it is drawn on the spectrum, and in which lane (tracked).
    pub fn slot(&self, card_id: Uuid) -> Option<Slot> {
        self.slots.with(|slots| slots.iter().find(|s| s.card_id == card_id).copied())
    }

    /// Number of lanes in use (at least one, so the spectrum never collapses).
    pub fn lane_count(&self) -> usize {
        self.slots.with(|slots| slots.iter().map(|s| s.lane + 1).max().unwrap_or(1))
    }

    fn say(&self, words: String) {
        self.announcement.set(words);
    }

    /// Puts the post-it at `position` (sending a change only if that moves it).
    pub fn place(&self, card_id: Uuid, position: f64) {
        let Some(card) = self.card(card_id) else { return };
        let at = format_position(position);
        if card.position == Some(position) {
            self.say(format!("{} stays at {at} of 100.", card.text));
            return;
        }
        self.live.last_error.set(None);
        self.live.change(card_id, ChangeKind::Place { position });
        self.say(format!("Placed {} at {at} of 100.", card.text));
        if card.position.is_none() {
            browser::focus_later(post_it_dom_id(card_id));
        }
    }

    /// Takes the post-it back into the tray.
    pub fn take_back(&self, card_id: Uuid) {
        let Some(card) = self.card(card_id) else { return };
        if card.position.is_none() {
            return;
        }
        self.live.last_error.set(None);
        self.live.change(card_id, ChangeKind::Unplace);
        self.say(format!("{} is back with the post-its to place.", card.text));
        browser::focus_later(post_it_dom_id(card_id));
    }

    /// Picks the post-it up with the keyboard (putting down any other held one first).
    pub fn pick_up(&self, card_id: Uuid, start: f64) {
        let Some(card) = self.card(card_id) else { return };
        self.held.set(Some(Hold { card_id, position: start, origin: card.position }));
        self.selected.set(Some(card_id));
        self.say(format!(
            "Holding {} at {} of 100. Arrow keys move, Space drops, Escape cancels.",
            card.text,
            format_position(start)
        ));
    }

    /// Moves the held post-it to `position`.
    pub fn hold_at(&self, position: f64) {
        let Some(hold) = self.held.get_untracked() else { return };
        self.held.set(Some(Hold { position, ..hold }));
        let text = self.card(hold.card_id).map(|c| c.text).unwrap_or_default();
        self.say(format!("{text} at {} of 100.", format_position(position)));
    }

    /// Drops the held post-it where it is.
    pub fn drop_held(&self) {
        if let Some(hold) = self.held.get_untracked() {
            self.held.set(None);
            self.place(hold.card_id, hold.position);
        }
    }

    /// Puts the held post-it back where it was.
    pub fn cancel_hold(&self) {
        let Some(hold) = self.held.get_untracked() else { return };
        self.held.set(None);
        let text = self.card(hold.card_id).map(|c| c.text).unwrap_or_default();
        self.say(match hold.origin {
            Some(p) => format!("{text} put back at {} of 100.", format_position(p)),
            None => format!("{text} put back with the post-its to place."),
        });
    }
}
