//! What a pair's tablet keeps in `localStorage`, by join code: the pair it joined as, the
//! last view of its board, and its queued changes (so a reload, even offline, loses nothing).

use crate::api::Joined;
use crate::browser;

/// `localStorage` key of the pair this device joined as for `code`.
pub fn pair_key(code: &str) -> String {
    format!("ds.pair.{code}")
}

/// `localStorage` key of the last view of the board this device saw for `code`.
pub fn view_key(code: &str) -> String {
    format!("ds.view.{code}")
}

/// `localStorage` key of a pair's queued, not yet acknowledged changes.
pub fn pending_key(code: &str) -> String {
    format!("ds.pending.{code}")
}

/// The pair this device joined as for `code`, if it joined.
pub fn stored_pair(code: &str) -> Option<Joined> {
    browser::local_get(&pair_key(code)).and_then(|json| serde_json::from_str(&json).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_keys() {
        assert_eq!(pair_key("ABC234"), "ds.pair.ABC234");
        assert_eq!(pending_key("ABC234"), "ds.pending.ABC234");
        assert_eq!(view_key("ABC234"), "ds.view.ABC234");
    }
}
