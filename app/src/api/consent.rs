//! The information sheet's HTTP messages: the sheet a pair reads before joining, a decline
//! before joining, and the reply to the console's change of the sheet.

use crate::domain::consent::ConsentSheet;
use serde::{Deserialize, Serialize};

/// `GET /api/workshops/by-code/{code}/consent-sheet`: the sheet a pair reads before joining.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurrentSheet {
    /// The current version; `None` when the workshop has no information sheet.
    pub sheet: Option<ConsentSheet>,
}

/// `POST /api/join/decline`: the people at a tablet do not agree to the sheet. Only the
/// code travels: nothing of the pair is sent or stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeclineRequest {
    /// The join code as typed.
    pub code: String,
}

/// Reply to `PUT /f/{secret}/consent-sheet`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetSaved {
    /// The version now current.
    pub version: String,
    /// Whether a new version was stored (`false`: it was the current one word for word).
    pub changed: bool,
}
