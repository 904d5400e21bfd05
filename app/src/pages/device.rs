//! What a pair's tablet keeps in `localStorage`, by join code: the pair it joined as, the
//! last view of its board, and its queued changes (so a reload, even offline, loses nothing).

use crate::api::Joined;
use crate::api::join_form::{JOINED_FRAGMENT, joined_from_fragment};
use crate::api::urls;
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

/// Keeps the pair that the join page's plain form joined (`/pair/{code}#joined=…`, see
/// [`crate::api::join_form`]) as this device's pair for `code`, and takes it out of the address
/// (and so out of the history), whether or not it was one.
pub fn keep_joined_from_address(code: &str) {
    let fragment = browser::address_fragment();
    if !fragment.trim_start_matches('#').starts_with(JOINED_FRAGMENT) {
        return;
    }
    if let Some(joined) = joined_from_fragment(&fragment, code)
        && let Ok(json) = serde_json::to_string(&joined)
    {
        browser::local_set(&pair_key(code), &json);
    }
    browser::replace_address(&urls::pair_page(code));
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
