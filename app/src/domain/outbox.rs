//! A device's queue of changes the server has not yet committed, and what the pair sees
//! meanwhile. Flaky venue Wi-Fi is the normal case: every change is queued (and kept in the
//! browser's storage) until the server acknowledges it, resent in order after every reconnect,
//! and shown optimistically on top of the last committed view. The `change_id` makes a resend
//! harmless: the server acknowledges a change it already has instead of applying it twice.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::model::RoomView;
use super::rules::PairAction;
use crate::i18n::{Lang, t};

/// One change made on this device: what the pair asked, under the id the server will
/// acknowledge it by.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "SavedChange")]
pub struct PendingChange {
    /// Chosen by the device (UUID v4); the server acknowledges by it.
    pub change_id: Uuid,
    /// What the pair asked.
    pub action: PairAction,
    /// Set when the server acknowledged it as sequence `seq`, before the matching update has
    /// reached this screen. Kept on display until then, so the post-it does not flicker back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acked_seq: Option<u64>,
}

impl PendingChange {
    /// The post-it it is about.
    pub fn card_id(&self) -> Uuid {
        self.action.card_id()
    }
}

/// A change as kept in the browser's storage: today's form, or the form of earlier releases
/// (the post-it beside a `kind` that did not name it). Both are read, so changes queued on a
/// tablet across an upgrade are not lost; only today's form is written.
#[derive(Deserialize)]
#[serde(untagged)]
enum SavedChange {
    Now {
        change_id: Uuid,
        action: PairAction,
        #[serde(default)]
        acked_seq: Option<u64>,
    },
    Earlier {
        change_id: Uuid,
        card_id: Uuid,
        kind: EarlierKind,
        #[serde(default)]
        acked_seq: Option<u64>,
    },
}

/// What a change did to its post-it, in the stored form of earlier releases.
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum EarlierKind {
    Place {
        position: f64,
    },
    Unplace,
    AddCard {
        text: String,
    },
    SaveSheet {
        intended: String,
        unintended: String,
        cant_place: Option<String>,
        #[serde(default)]
        language: Option<String>,
    },
}

impl From<SavedChange> for PendingChange {
    fn from(saved: SavedChange) -> PendingChange {
        match saved {
            SavedChange::Now { change_id, action, acked_seq } => PendingChange { change_id, action, acked_seq },
            SavedChange::Earlier { change_id, card_id, kind, acked_seq } => {
                let action = match kind {
                    EarlierKind::Place { position } => PairAction::Place { card_id, position },
                    EarlierKind::Unplace => PairAction::Unplace { card_id },
                    EarlierKind::AddCard { text } => PairAction::AddCard { card_id, text },
                    EarlierKind::SaveSheet { intended, unintended, cant_place, language } => {
                        PairAction::SaveSheet { card_id, intended, unintended, cant_place, language }
                    }
                };
                PendingChange { change_id, action, acked_seq }
            }
        }
    }
}

/// The device's queue, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
    items: Vec<PendingChange>,
}

impl Outbox {
    /// A queue restored from storage, beside a restored view at `view_seq`: changes not yet
    /// acknowledged are unsaved (and resent); acknowledged ones stay on display until the view
    /// shows them, so a board reopened offline right after "Saved" still has them. (Storage
    /// from before acknowledged changes were kept holds only unsaved ones: read the same.)
    pub fn from_saved(items: Vec<PendingChange>, view_seq: u64) -> Self {
        let mut outbox = Outbox { items };
        outbox.prune(view_seq);
        outbox
    }

    /// Everything the view does not show yet, acknowledged or not: what to keep in storage.
    pub fn kept(&self) -> &[PendingChange] {
        &self.items
    }

    /// Queues a new change at the end.
    pub fn push(&mut self, change_id: Uuid, action: PairAction) {
        self.items.push(PendingChange { change_id, action, acked_seq: None });
    }

    /// The server committed `change_id` as `seq`. If the view already reflects `seq` the change
    /// is dropped; otherwise it stays on display (not counted as unsaved) until it does.
    /// Returns whether the change was in the queue.
    pub fn ack(&mut self, change_id: Uuid, seq: u64, view_seq: u64) -> bool {
        let Some(item) = self.items.iter_mut().find(|c| c.change_id == change_id) else {
            return false;
        };
        item.acked_seq = Some(seq);
        self.prune(view_seq);
        true
    }

    /// The server refused `change_id` for good: drop it. Returns it, if it was queued.
    pub fn refuse(&mut self, change_id: Uuid) -> Option<PendingChange> {
        let index = self.items.iter().position(|c| c.change_id == change_id)?;
        Some(self.items.remove(index))
    }

    /// Drops acknowledged changes that the view (now at `view_seq`) already shows.
    pub fn prune(&mut self, view_seq: u64) {
        self.items.retain(|c| c.acked_seq.is_none_or(|seq| seq > view_seq));
    }

    /// Changes not yet acknowledged, oldest first: what to (re)send and to keep in storage.
    pub fn unsaved(&self) -> Vec<PendingChange> {
        self.items.iter().filter(|c| c.acked_seq.is_none()).cloned().collect()
    }

    /// How many changes are not yet acknowledged.
    pub fn unsaved_count(&self) -> usize {
        self.items.iter().filter(|c| c.acked_seq.is_none()).count()
    }

    /// Whether nothing at all is queued.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// What the pair should see: the committed `view` with this device's queued changes for
    /// `pair_id` applied in order on top, each as the server would decide it (a change the
    /// server would refuse shows nothing).
    pub fn apply_to(&self, view: &RoomView, pair_id: Uuid) -> RoomView {
        let mut shown = view.clone();
        for change in &self.items {
            if let Ok(event) = shown.decide_pair(pair_id, &change.action, 0) {
                shown.apply_unnumbered(&event);
            }
        }
        shown
    }
}

/// The state of a screen's connection, as far as the person in front of it cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    /// Trying to connect for the first time since the page opened.
    Connecting,
    /// Connected and welcomed by the server.
    Online,
    /// Not connected; retrying (or waiting for the network to come back).
    Offline,
    /// The server refused this screen for good (wrong key, workshop gone): not retrying.
    Stopped,
}

/// The words in a pair's sync status, exactly: "Connecting…", "Saved", "Saving…",
/// "Offline — everything is saved", each followed by " — k changes not yet saved" whenever
/// this device holds `k` > 0 changes the server has not acknowledged (so the count is on screen
/// for as long as there is one). "Saved" only when the server has acknowledged everything this
/// device did (acknowledged means durable).
pub fn sync_status_text(l: Lang, link: Link, unsaved: usize) -> String {
    let state = match link {
        Link::Connecting => t::sync_connecting(l),
        Link::Online if unsaved == 0 => t::sync_saved(l),
        Link::Online => t::sync_saving(l),
        Link::Offline | Link::Stopped if unsaved == 0 => t::sync_offline_saved(l),
        Link::Offline | Link::Stopped => t::sync_offline(l),
    };
    match unsaved {
        0 => state.to_string(),
        k => t::sync_with_unsaved(l, state, k),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{every_pair_action, id};
    use crate::domain::{Card, Event, PairSummary, Phase, WorkshopInfo};

    const ME: u128 = 100;

    fn view() -> RoomView {
        let mut v = RoomView::new(
            WorkshopInfo::for_tests(),
            [10, 11, 12, 20].into_iter().map(|n| Card::new(id(n), format!("Card {n}"), n as u32)).collect(),
        );
        v.phase = Phase::Placing;
        let me = PairSummary { id: id(ME), label: "Me".into(), joined_at: 0, last_active: 0, reference: None };
        v.apply(1, &Event::PairJoined { pair: me });
        v
    }

    fn place(card: u128, position: f64) -> PairAction {
        PairAction::Place { card_id: id(card), position }
    }

    fn position(v: &RoomView, card: u128) -> Option<f64> {
        v.placement(id(ME), id(card)).map(|p| p.position)
    }

    #[test]
    fn queued_changes_show_in_order_on_top_of_the_view() {
        let mut out = Outbox::default();
        out.push(id(1), place(10, 40.0));
        out.push(id(2), place(10, 60.0));
        out.push(id(3), place(20, 5.0));
        out.push(id(4), PairAction::Unplace { card_id: id(20) });
        let shown = out.apply_to(&view(), id(ME));
        assert_eq!(position(&shown, 10), Some(60.0));
        assert_eq!(position(&shown, 20), None);
        assert_eq!(out.unsaved_count(), 4);
    }

    #[test]
    fn ack_before_update_keeps_the_card_still_until_the_update_arrives() {
        let mut v = view();
        let mut out = Outbox::default();
        out.push(id(1), place(10, 69.0));
        assert!(out.ack(id(1), 5, v.seq));
        // Saved, but still shown from the queue: the view is at 0.
        assert_eq!(out.unsaved_count(), 0);
        assert_eq!(position(&out.apply_to(&v, id(ME)), 10), Some(69.0));
        v.apply(5, &Event::Placed { pair_id: id(ME), card_id: id(10), round: 1, position: Some(69.0), at: 1 });
        out.prune(v.seq);
        assert!(out.is_empty());
        assert_eq!(position(&out.apply_to(&v, id(ME)), 10), Some(69.0));
    }

    #[test]
    fn ack_after_update_drops_the_change_at_once() {
        let mut out = Outbox::default();
        out.push(id(1), PairAction::Unplace { card_id: id(10) });
        assert!(out.ack(id(1), 3, 7));
        assert!(out.is_empty());
        assert!(!out.ack(id(9), 8, 7), "unknown change ids are ignored");
    }

    #[test]
    fn refused_changes_are_dropped_and_the_rest_kept_in_order() {
        let mut out = Outbox::default();
        out.push(id(1), place(10, 1.0));
        out.push(id(2), place(11, 2.0));
        out.push(id(3), place(12, 3.0));
        assert_eq!(out.refuse(id(2)).map(|c| c.card_id()), Some(id(11)));
        assert_eq!(out.refuse(id(2)), None);
        let left: Vec<Uuid> = out.unsaved().iter().map(|c| c.change_id).collect();
        assert_eq!(left, vec![id(1), id(3)]);
    }

    #[test]
    fn the_queue_survives_storage_as_unsaved() {
        let mut out = Outbox::default();
        out.push(id(1), place(10, 12.5));
        out.push(id(2), PairAction::Unplace { card_id: id(10) });
        let json = serde_json::to_string(out.kept()).unwrap();
        let back = Outbox::from_saved(serde_json::from_str(&json).unwrap(), 0);
        assert_eq!(back, out);
        assert!(json.contains(r#""action":{"action":"place","card_id":"#), "{json}");
    }

    #[test]
    fn an_acknowledged_change_not_yet_in_the_view_survives_storage_but_is_not_resent() {
        // Acked as seq 8 while the view was at 7: "Saved", but the update had not arrived
        // when the tablet was closed.
        let mut out = Outbox::default();
        out.push(id(1), place(10, 40.0));
        out.push(id(2), place(11, 60.0));
        out.ack(id(1), 8, 7);
        let json = serde_json::to_string(out.kept()).unwrap();
        let back = Outbox::from_saved(serde_json::from_str(&json).unwrap(), 7);
        assert_eq!(back, out, "both kept, the first still acknowledged");
        assert_eq!(back.unsaved_count(), 1);
        assert_eq!(back.unsaved().iter().map(|c| c.change_id).collect::<Vec<_>>(), vec![id(2)]);
        // A view restored at seq 8 already shows it: dropped.
        let newer = Outbox::from_saved(serde_json::from_str(&json).unwrap(), 8);
        assert_eq!(newer.kept().len(), 1);
    }

    /// Storage written by earlier releases: the post-it beside a `kind`, with or without
    /// `acked_seq`. A tablet upgraded with changes queued keeps every one of them.
    #[test]
    fn changes_queued_by_an_earlier_release_are_read() {
        let card = "00000000-0000-0000-0000-00000000000b";
        let change = |n: u8| format!("00000000-0000-0000-0000-00000000000{n}");
        let old = format!(
            r#"[{{"change_id":"{}","card_id":"{card}","kind":{{"kind":"place","position":60.0}}}},
               {{"change_id":"{}","card_id":"{card}","kind":{{"kind":"unplace"}},"acked_seq":9}},
               {{"change_id":"{}","card_id":"{card}","kind":{{"kind":"add_card","text":"Home visits"}}}},
               {{"change_id":"{}","card_id":"{card}","kind":{{"kind":"save_sheet","intended":"Reach","unintended":"","cant_place":"Depends"}}}}]"#,
            change(2),
            change(3),
            change(4),
            change(5)
        );
        let read = Outbox::from_saved(serde_json::from_str(&old).unwrap(), 7);
        let card_id = id(11);
        let actions: Vec<PairAction> = read.kept().iter().map(|c| c.action.clone()).collect();
        assert_eq!(actions, every_pair_action(card_id));
        assert_eq!(read.unsaved().iter().map(|c| c.change_id).collect::<Vec<_>>(), vec![id(2), id(4), id(5)]);
        assert_eq!(read.kept()[1].acked_seq, Some(9), "acknowledged, not yet shown: kept, not resent");
        // Written back in today's form, it reads the same again.
        let json = serde_json::to_string(read.kept()).unwrap();
        assert_eq!(Outbox::from_saved(serde_json::from_str(&json).unwrap(), 7), read);
    }

    #[test]
    fn status_words_are_exact() {
        assert_eq!(sync_status_text(Lang::EN, Link::Connecting, 0), "Connecting…");
        assert_eq!(sync_status_text(Lang::EN, Link::Online, 0), "Saved");
        assert_eq!(sync_status_text(Lang::EN, Link::Offline, 0), "Offline — everything is saved");
        assert_eq!(sync_status_text(Lang::EN, Link::Stopped, 0), "Offline — everything is saved");
    }

    #[test]
    fn the_status_counts_unsaved_changes_whenever_there_are_any() {
        assert_eq!(sync_status_text(Lang::EN, Link::Offline, 1), "Offline — 1 change not yet saved");
        assert_eq!(sync_status_text(Lang::EN, Link::Stopped, 3), "Offline — 3 changes not yet saved");
        assert_eq!(sync_status_text(Lang::EN, Link::Online, 1), "Saving… — 1 change not yet saved");
        assert_eq!(sync_status_text(Lang::EN, Link::Connecting, 2), "Connecting… — 2 changes not yet saved");
        assert_eq!(sync_status_text(Lang::CY, Link::Online, 0), "Wedi'i gadw");
        assert_eq!(sync_status_text(Lang::CY, Link::Offline, 3), "All-lein — 3 newid heb eu cadw eto");
    }
}
