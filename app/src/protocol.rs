//! The websocket protocol: one serde enum per direction, JSON text frames.
//!
//! The server is the authority. A client sends intentions ([`ClientMsg`]); the server
//! validates, commits to the database, numbers the change and fans it out ([`ServerMsg`]).
//! Every change a client makes carries a `change_id` chosen by the client, so a change resent
//! after a dropped connection is recognised and acknowledged again rather than applied twice.

#![warn(missing_docs)]

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::consent::ConsentAnswer;
use crate::domain::{Control, Event, PairAction, RefusalKind, RoomView, Viewer};

/// Largest websocket message the server accepts, in bytes. Real messages are under 300 bytes.
pub const MAX_MESSAGE_BYTES: usize = 4 * 1024;

/// Most updates a reconnecting client is sent one by one; further behind, it gets a snapshot.
pub const MAX_CATCH_UP: u64 = 500;

/// How a socket proves who it is. Sent once, in [`ClientMsg::Hello`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "as", rename_all = "snake_case")]
pub enum Auth {
    /// The facilitator, by the secret in the console URL.
    Facilitator {
        /// The facilitator secret from the console URL.
        secret: String,
    },
    /// A pair, by the join code and the token its device received when it joined.
    Pair {
        /// The join code read aloud to the room.
        code: String,
        /// The token this device received when it joined.
        token: String,
    },
    /// The projector, by the workshop's public id: it can watch, never change.
    Projector {
        /// The workshop's public id.
        workshop_id: Uuid,
    },
}

/// Messages from a browser (or test client) to the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMsg {
    /// First message on every socket: who this is, and the last sequence number it has seen
    /// (so a reconnecting screen is sent only what it missed).
    Hello {
        /// Who this is.
        auth: Auth,
        /// The last sequence number this screen has seen; `None` on its first connection.
        last_seq: Option<u64>,
    },
    /// Put an aspect on the spectrum at `position` (0–100), or move it there.
    Place {
        /// Chosen by the client; the server acknowledges the change by it.
        change_id: Uuid,
        /// The post-it.
        card_id: Uuid,
        /// Where, 0 (left pole) to 100 (right pole).
        position: f64,
    },
    /// Take an aspect off the spectrum, back into the tray.
    Unplace {
        /// Chosen by the client; the server acknowledges the change by it.
        change_id: Uuid,
        /// The post-it.
        card_id: Uuid,
    },
    /// A pair writes a new post-it (the device chooses `card_id`).
    AddCard {
        /// Chosen by the client; the server acknowledges the change by it.
        change_id: Uuid,
        /// The post-it.
        card_id: Uuid,
        /// What the post-it says.
        text: String,
    },
    /// A pair saves a post-it's sheet: outcome notes, and "can't place" with a reason.
    SaveSheet {
        /// Chosen by the client; the server acknowledges the change by it.
        change_id: Uuid,
        /// The post-it.
        card_id: Uuid,
        /// The intended outcome of that much discretion.
        intended: String,
        /// The unintended outcome.
        unintended: String,
        /// "Can't place / it depends", with its reason; `None` to place it as usual.
        cant_place: Option<String>,
        /// The language of the device it was written on (`cy`, `en`); `None` from devices
        /// older than languages.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        language: Option<String>,
    },
    /// The facilitator runs the session (phase, timer, post-its, focus, pairs).
    Control {
        /// Chosen by the client; the server acknowledges the change by it.
        change_id: Uuid,
        /// What the facilitator asked.
        control: Control,
    },
    /// Every person at a pair's tablet agreed to every statement of the current information
    /// sheet (after a new version; a pair joining agrees in its `POST /api/join`).
    GiveConsent {
        /// Chosen by the client; the server acknowledges the change by it.
        change_id: Uuid,
        /// The version read, how many people, and their ticks.
        answer: ConsentAnswer,
    },
    /// The people at a pair's tablet do not agree to a new version of the sheet: the pair is
    /// taken out of the workshop with its data.
    DeclineConsent {
        /// Chosen by the client; the server acknowledges the change by it.
        change_id: Uuid,
    },
    /// "Are you still there?": answered at once with a [`ServerMsg::Pong`] carrying the same
    /// `id`, before or after `Hello`. A tablet asks when it wakes up (screen unlocked, tab
    /// shown again, network back), because a socket the system suspended can look open while
    /// nothing gets through any more; no answer soon means reconnect and resend.
    Ping {
        /// Chosen by the client, to tell answers to successive pings apart.
        id: u32,
    },
}

impl ClientMsg {
    /// The change id of a change message.
    pub fn change_id(&self) -> Option<Uuid> {
        match self {
            ClientMsg::Hello { .. } | ClientMsg::Ping { .. } => None,
            ClientMsg::Place { change_id, .. }
            | ClientMsg::Unplace { change_id, .. }
            | ClientMsg::AddCard { change_id, .. }
            | ClientMsg::SaveSheet { change_id, .. }
            | ClientMsg::Control { change_id, .. }
            | ClientMsg::GiveConsent { change_id, .. }
            | ClientMsg::DeclineConsent { change_id } => Some(*change_id),
        }
    }

    /// The message that asks for a pair's `action` as change `change_id`; the inverse of
    /// [`ClientMsg::pair_action`].
    pub fn pair(change_id: Uuid, action: PairAction) -> ClientMsg {
        match action {
            PairAction::Place { card_id, position } => ClientMsg::Place { change_id, card_id, position },
            PairAction::Unplace { card_id } => ClientMsg::Unplace { change_id, card_id },
            PairAction::AddCard { card_id, text } => ClientMsg::AddCard { change_id, card_id, text },
            PairAction::SaveSheet { card_id, intended, unintended, cant_place, language } => {
                ClientMsg::SaveSheet { change_id, card_id, intended, unintended, cant_place, language }
            }
        }
    }

    /// The pair action this message asks for, if it is one; the inverse of [`ClientMsg::pair`].
    pub fn pair_action(&self) -> Option<PairAction> {
        Some(match self.clone() {
            ClientMsg::Place { card_id, position, .. } => PairAction::Place { card_id, position },
            ClientMsg::Unplace { card_id, .. } => PairAction::Unplace { card_id },
            ClientMsg::AddCard { card_id, text, .. } => PairAction::AddCard { card_id, text },
            ClientMsg::SaveSheet { card_id, intended, unintended, cant_place, language, .. } => {
                PairAction::SaveSheet { card_id, intended, unintended, cant_place, language }
            }
            _ => return None,
        })
    }
}

/// Why the server refused something; the `message` beside it is written for the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Not JSON, or not a message this server knows.
    Malformed,
    /// Larger than [`MAX_MESSAGE_BYTES`].
    TooLarge,
    /// A change before `Hello`, or a second `Hello`.
    NotReady,
    /// Wrong secret, token or code; or the role may not do this.
    Forbidden,
    /// No such workshop.
    UnknownWorkshop,
    /// No such aspect in this workshop.
    UnknownCard,
    /// The value failed validation (position off the spectrum, text too long, …).
    Invalid,
    /// Too many messages in a short time.
    RateLimited,
    /// The server could not store the change; nothing was changed.
    Storage,
    /// Not allowed in the current phase (placing paused, workshop closed, …).
    WrongPhase,
    /// The facilitator locked that aspect.
    Locked,
    /// The pair has not agreed to the current version of the information sheet: show it.
    ConsentNeeded,
}

impl From<RefusalKind> for ErrorCode {
    fn from(kind: RefusalKind) -> ErrorCode {
        match kind {
            RefusalKind::Forbidden => ErrorCode::Forbidden,
            RefusalKind::UnknownCard => ErrorCode::UnknownCard,
            RefusalKind::Invalid => ErrorCode::Invalid,
            RefusalKind::WrongPhase => ErrorCode::WrongPhase,
            RefusalKind::Locked => ErrorCode::Locked,
            RefusalKind::ConsentNeeded => ErrorCode::ConsentNeeded,
        }
    }
}

/// Messages from the server.
// A snapshot is much larger than the other variants; messages are built, serialised and
// dropped one at a time, so boxing it would only add an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    /// Reply to `Hello`: who the server takes this socket to be, and the server's clock (ms
    /// since the epoch) so countdowns agree across devices. Followed by either a `Snapshot` or
    /// the `Update`s the client missed.
    Welcome {
        /// Who the server takes this socket to be.
        you: Viewer,
        /// The server's clock, ms since the epoch.
        #[serde(default)]
        now: i64,
    },
    /// The whole state this viewer may see. Replaces whatever the client had.
    Snapshot {
        /// The whole state this viewer may see.
        view: RoomView,
    },
    /// One committed change, in sequence order.
    Update {
        /// Its sequence number in the workshop.
        seq: u64,
        /// The change, as this viewer may see it.
        event: Event,
    },
    /// The change `change_id` is committed to the database as sequence `seq`.
    Ack {
        /// Chosen by the client; the server acknowledges the change by it.
        change_id: Uuid,
        /// Its sequence number in the workshop.
        seq: u64,
    },
    /// A message was refused; nothing changed. `change_id` names the change, when there was one.
    Refused {
        /// The refused change, when there was one.
        change_id: Option<Uuid>,
        /// Why, by kind.
        code: ErrorCode,
        /// What happened and what to do, for the person in front of the screen.
        message: String,
    },
    /// Which pairs have a screen connected right now (facilitator only).
    Presence {
        /// The pairs with a screen connected now.
        connected: Vec<Uuid>,
    },
    /// How many pairs declined the information sheet, a count and nothing else (facilitator
    /// only; sent after the snapshot and whenever it grows).
    Declined {
        /// Pairs that chose "We do not agree".
        count: u64,
    },
    /// The answer to [`ClientMsg::Ping`]: this socket still works both ways.
    Pong {
        /// The `id` of the ping.
        id: u32,
    },
}

impl ServerMsg {
    /// Convenience for a refusal.
    pub fn refused(change_id: Option<Uuid>, code: ErrorCode, message: impl Into<String>) -> Self {
        ServerMsg::Refused { change_id, code, message: message.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_messages_have_a_stable_json_shape() {
        let msg = ClientMsg::Place { change_id: Uuid::nil(), card_id: Uuid::nil(), position: 12.5 };
        let json = serde_json::to_string(&msg).unwrap();
        assert_eq!(
            json,
            r#"{"type":"place","change_id":"00000000-0000-0000-0000-000000000000","card_id":"00000000-0000-0000-0000-000000000000","position":12.5}"#
        );
        let hello: ClientMsg =
            serde_json::from_str(r#"{"type":"hello","auth":{"as":"pair","code":"ABCDEF","token":"t"},"last_seq":3}"#)
                .unwrap();
        assert_eq!(
            hello,
            ClientMsg::Hello { auth: Auth::Pair { code: "ABCDEF".into(), token: "t".into() }, last_seq: Some(3) }
        );
    }

    #[test]
    fn pair_messages_and_actions_convert_both_ways() {
        let actions = crate::domain::fixtures::every_pair_action(Uuid::from_u128(7));
        for action in actions {
            let msg = ClientMsg::pair(Uuid::from_u128(1), action.clone());
            assert_eq!(msg.change_id(), Some(Uuid::from_u128(1)));
            assert_eq!(msg.pair_action(), Some(action));
        }
        let control = ClientMsg::Control { change_id: Uuid::nil(), control: Control::PauseTimer };
        assert_eq!(control.pair_action(), None);
    }

    #[test]
    fn unknown_or_incomplete_messages_do_not_parse() {
        for bad in [r#"{"type":"explode"}"#, r#"{"type":"place","position":1}"#, "[]", "nope"] {
            assert!(serde_json::from_str::<ClientMsg>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ping_and_pong_are_small_json() {
        let ping: ClientMsg = serde_json::from_str(r#"{"type":"ping","id":7}"#).unwrap();
        assert_eq!(ping, ClientMsg::Ping { id: 7 });
        assert_eq!(ping.change_id(), None);
        assert_eq!(serde_json::to_string(&ServerMsg::Pong { id: 7 }).unwrap(), r#"{"type":"pong","id":7}"#);
    }

    #[test]
    fn server_messages_round_trip() {
        let msg = ServerMsg::refused(Some(Uuid::nil()), ErrorCode::Invalid, "Position must be a number from 0 to 100.");
        let back: ServerMsg = serde_json::from_str(&serde_json::to_string(&msg).unwrap()).unwrap();
        assert_eq!(back, msg);
    }
}
