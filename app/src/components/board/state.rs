//! The state of a pair's board shared by its pieces: which post-it is held (keyboard), which
//! is being dragged (pointer), which is selected (nudge buttons), what was last announced, and
//! the actions that turn those into changes.

use crate::i18n::t;
use leptos::html::Div;
use leptos::prelude::*;
use uuid::Uuid;

use crate::browser;
use crate::domain::board::{PICK_UP_POSITION, assign_lanes, format_position, min_gap, post_it_width_pct};
use crate::domain::session::Phase;
use crate::domain::{PairAction, RoomView};
use crate::live::Live;

/// One post-it as the pair's screen shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CardState {
    pub id: Uuid,
    pub text: String,
    /// Where it is on the spectrum (committed or queued), if anywhere.
    pub position: Option<f64>,
    /// The facilitator locked it: it cannot be moved.
    pub locked: bool,
    /// This pair wrote it.
    pub mine: bool,
    /// Marked "can't place / it depends", with this reason (maybe empty).
    pub cant_place: Option<String>,
    /// The pair wrote notes on it.
    pub has_notes: bool,
}

/// The post-its on `pair_id`'s board, in display order: active cards only (hidden and merged
/// ones disappear), with where the pair put each in the current round, each with its text in
/// `lang` when the workshop has it.
pub fn board_cards(view: &RoomView, pair_id: Uuid, lang: crate::i18n::Lang) -> Vec<CardState> {
    view.active_cards()
        .into_iter()
        .filter(|c| view.pair_may_use(pair_id, c))
        .map(|c| {
            let placement = view.placement(pair_id, c.id);
            CardState {
                position: placement.and_then(|p| p.shown_position()),
                cant_place: placement.filter(|p| p.cant_place).map(|p| p.reason.clone()),
                has_notes: view.note(pair_id, c.id).is_some(),
                locked: c.locked,
                mine: c.author == Some(pair_id),
                id: c.id,
                text: view.card_text_in(c.id, lang).to_string(),
            }
        })
        .collect()
}

/// Where the rest of the room put one aspect, drawn behind the pair's own post-it once
/// positions are revealed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RoomMarks {
    /// The other pairs' positions, ascending.
    pub others: Vec<f64>,
    /// The room's median (every pair, this one included).
    pub median: Option<f64>,
}

/// The room's marks for `card_id` as `pair_id` may see them: `None` until positions are revealed.
pub fn room_marks(view: &RoomView, pair_id: Uuid, card_id: Uuid) -> Option<RoomMarks> {
    if !view.revealed() {
        return None;
    }
    let row = view.aspect_rows().into_iter().find(|r| r.card.id == card_id)?;
    Some(RoomMarks {
        others: row.positions.iter().filter(|(p, _)| *p != pair_id).map(|(_, v)| *v).collect(),
        median: row.summary.map(|s| s.median),
    })
}

/// "12/120": how much of a text field's limit is used, counted in characters as the server does.
pub fn char_count(text: &str, max: usize) -> String {
    format!("{}/{max}", text.chars().count())
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
    /// Whether the post-it may move (phase, lock); if not, a drag only explains why.
    pub movable: bool,
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

/// The post-its at these positions in their lanes, for post-its `width_pct` wide: the lowest
/// lane each fits in without overlapping another ([`assign_lanes`]).
pub fn slots_of(placed: Vec<(Uuid, f64)>, width_pct: f64) -> Vec<Slot> {
    let positions: Vec<f64> = placed.iter().map(|(_, p)| *p).collect();
    let lanes = assign_lanes(&positions, min_gap(width_pct));
    placed.into_iter().zip(lanes).map(|((card_id, position), lane)| Slot { card_id, position, lane }).collect()
}

/// How many lanes `slots` take (one when there is none).
pub fn lane_count(slots: &[Slot]) -> usize {
    slots.iter().map(|s| s.lane + 1).max().unwrap_or(1)
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
    /// Width of a post-it on the spectrum, in % of its width (wider on a phone).
    pub width_pct: Memo<f64>,
    /// The pair whose board this is.
    pub pair_id: Uuid,
    /// The post-it whose sheet is open.
    pub sheet: RwSignal<Option<Uuid>>,
    /// The session's phase (Joining until the view arrives).
    pub phase: Memo<Phase>,
}

/// The DOM id of a post-it's button (to give focus back after it moves between regions).
pub fn post_it_dom_id(card_id: Uuid) -> String {
    format!("post-it-{card_id}")
}

impl BoardCtx {
    /// Builds the board's state over `cards` (the pair's view with queued changes applied).
    pub fn new(live: Live, pair_id: Uuid, cards: Memo<Vec<CardState>>) -> Self {
        let held = RwSignal::new(None::<Hold>);
        let spectrum = NodeRef::<Div>::new();
        // The spectrum's width in pixels: read once it is laid out, and again when the window
        // changes size (a phone turned sideways).
        let spectrum_px = RwSignal::new(0.0_f64);
        let measure = move || {
            if let Some(element) = spectrum.get_untracked() {
                spectrum_px.set(browser::rect_of(&element).width);
            }
        };
        Effect::new(move |_| {
            if spectrum.get().is_some() {
                measure();
            }
        });
        let resize = window_event_listener(leptos::ev::resize, move |_| measure());
        on_cleanup(move || resize.remove());
        let width_pct = Memo::new(move |_| post_it_width_pct(spectrum_px.get()));
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
            slots_of(placed, width_pct.get())
        });
        BoardCtx {
            live,
            cards,
            slots,
            held,
            drag: RwSignal::new(None),
            selected: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            spectrum,
            width_pct,
            pair_id,
            sheet: RwSignal::new(None),
            phase: Memo::new(move |_| live.view.with(|v| v.as_ref().map(|v| v.phase).unwrap_or_default())),
        }
    }

    /// Whether the server would accept `action` now, judged on what this screen shows
    /// (committed view plus queued changes). If not, says why (role="alert") and returns
    /// `false`, so nothing the server will refuse is queued.
    pub fn allowed(&self, action: &PairAction) -> bool {
        let verdict = self.live.view.with_untracked(|v| {
            let view = v.as_ref()?;
            let shown = self.live.outbox.with_untracked(|o| o.apply_to(view, self.pair_id));
            Some(shown.decide_pair(self.pair_id, action, 0).map(|_| ()))
        });
        match verdict {
            Some(Err(refusal)) => {
                let message = refusal.text.message(self.live.lang);
                self.say(message.clone());
                self.live.last_error.set(Some(message));
                false
            }
            _ => true,
        }
    }

    /// Whether the post-it may be moved now (phase, lock); says why not.
    pub fn may_move(&self, card_id: Uuid) -> bool {
        self.allowed(&PairAction::Place { card_id, position: PICK_UP_POSITION })
    }

    /// Queues a change (after checking the server would take it).
    pub fn submit(&self, action: PairAction) -> bool {
        if !self.allowed(&action) {
            return false;
        }
        self.live.last_error.set(None);
        self.live.change(action);
        true
    }

    /// Opens the post-it's sheet.
    pub fn open_sheet(&self, card_id: Uuid) {
        if self.held.get_untracked().is_some() {
            self.cancel_hold();
        }
        self.selected.set(Some(card_id));
        self.sheet.set(Some(card_id));
    }

    /// Closes the sheet, giving focus back to its post-it.
    pub fn close_sheet(&self) {
        if let Some(card_id) = self.sheet.get_untracked() {
            self.sheet.set(None);
            browser::focus_later(post_it_dom_id(card_id));
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
        self.slots.with(|slots| lane_count(slots))
    }

    fn say(&self, words: String) {
        self.announcement.set(words);
    }

    /// Puts the post-it at `position` (sending a change only if that moves it).
    pub fn place(&self, card_id: Uuid, position: f64) {
        let Some(card) = self.card(card_id) else { return };
        let at = format_position(position);
        if card.position == Some(position) {
            self.say(t::board_stays(self.live.lang, &card.text, &at));
            return;
        }
        if !self.submit(PairAction::Place { card_id, position }) {
            return;
        }
        self.say(t::board_placed(self.live.lang, &card.text, &at));
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
        if !self.submit(PairAction::Unplace { card_id }) {
            return;
        }
        self.say(t::board_back(self.live.lang, &card.text));
        browser::focus_later(post_it_dom_id(card_id));
    }

    /// Picks the post-it up with the keyboard (putting down any other held one first).
    pub fn pick_up(&self, card_id: Uuid, start: f64) {
        let Some(card) = self.card(card_id) else { return };
        if !self.may_move(card_id) {
            return;
        }
        self.held.set(Some(Hold { card_id, position: start, origin: card.position }));
        self.selected.set(Some(card_id));
        self.say(t::board_holding(self.live.lang, &card.text, format_position(start)));
    }

    /// Moves the held post-it to `position`.
    pub fn hold_at(&self, position: f64) {
        let Some(hold) = self.held.get_untracked() else { return };
        self.held.set(Some(Hold { position, ..hold }));
        let text = self.card(hold.card_id).map(|c| c.text).unwrap_or_default();
        self.say(t::board_moved(self.live.lang, text, format_position(position)));
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
            Some(p) => t::board_put_back_at(self.live.lang, &text, format_position(p)),
            None => t::board_put_back(self.live.lang, &text),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::id;
    use crate::domain::{Card, Event, PairSummary, WorkshopInfo};

    fn view() -> RoomView {
        let info = WorkshopInfo::for_tests();
        let mut v = RoomView::new(info, vec![Card::new(id(10), "Ten", 0), Card::new(id(11), "Eleven", 1)]);
        v.phase = Phase::Placing;
        for (n, pair) in [(1, 100), (2, 101), (3, 102)] {
            v.apply(
                n,
                &Event::PairJoined {
                    pair: PairSummary {
                        id: id(pair),
                        label: format!("P{pair}"),
                        joined_at: 0,
                        last_active: 0,
                        reference: None,
                    },
                },
            );
        }
        v
    }

    fn place(v: &mut RoomView, seq: u64, pair: u128, card: u128, position: f64) {
        v.apply(
            seq,
            &Event::Placed { pair_id: id(pair), card_id: id(card), round: 1, position: Some(position), at: 0 },
        );
    }

    #[test]
    fn the_board_shows_active_cards_with_placements_notes_and_cant_place() {
        let mut v = view();
        place(&mut v, 4, 100, 10, 30.0);
        let sheet = |cant_place: Option<&str>| Event::SheetSaved {
            pair_id: id(100),
            card_id: id(11),
            round: 1,
            intended: "More trust".into(),
            unintended: String::new(),
            cant_place: cant_place.map(String::from),
            at: 0,
            language: None,
        };
        v.apply(5, &sheet(Some("Depends on the patient")));
        let mine = Card { author: Some(id(100)), ..Card::new(id(12), "Ours", 2) };
        let theirs = Card { author: Some(id(101)), ..Card::new(id(13), "Theirs", 3) };
        v.apply(6, &Event::CardAdded { card: mine, at: 0 });
        v.apply(7, &Event::CardAdded { card: theirs, at: 0 });
        let cards = board_cards(&v, id(100), crate::i18n::Lang::EN);
        let texts: Vec<&str> = cards.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["Ten", "Eleven", "Ours"], "another pair's post-it is not on this board");
        assert_eq!(cards[0].position, Some(30.0));
        assert_eq!(cards[1].position, None);
        assert_eq!(cards[1].cant_place.as_deref(), Some("Depends on the patient"));
        assert!(cards[1].has_notes && !cards[0].has_notes);
        assert!(cards[2].mine && !cards[0].mine);

        // Hidden cards disappear.
        let hidden = Card { hidden: true, ..Card::new(id(10), "Ten", 0) };
        v.apply(8, &Event::CardChanged { card: hidden, at: 0 });
        assert!(board_cards(&v, id(100), crate::i18n::Lang::EN).iter().all(|c| c.id != id(10)));
    }

    #[test]
    fn the_room_is_shown_only_once_revealed_without_this_pair() {
        let mut v = view();
        place(&mut v, 4, 100, 10, 20.0);
        place(&mut v, 5, 101, 10, 60.0);
        place(&mut v, 6, 102, 10, 80.0);
        assert_eq!(room_marks(&v, id(100), id(10)), None);
        v.phase = Phase::Reveal;
        let marks = room_marks(&v, id(100), id(10)).unwrap();
        assert_eq!(marks.others, vec![60.0, 80.0]);
        assert_eq!(marks.median, Some(60.0));
        assert_eq!(room_marks(&v, id(100), id(11)), Some(RoomMarks { others: vec![], median: None }));
    }

    #[test]
    fn counts_are_in_characters() {
        assert_eq!(char_count("", 120), "0/120");
        assert_eq!(char_count("Né “ok”", 500), "7/500");
    }
}
