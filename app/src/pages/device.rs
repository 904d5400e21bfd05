//! What a pair's tablet keeps in `localStorage`, by join code: the pair it joined as, the
//! last view of its board, and its queued changes (so a reload, even offline, loses nothing).
//! And one cookie, [`PAIR_COOKIE`], which lets the server draw the pair's board before the
//! page's code runs (issue 25).

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

/// The cookie holding the token of the pair this device joined as, scoped to that workshop's
/// board (`Path=/pair/{code}`): with it, the server draws the pair's post-its into the board's
/// page, so the board is readable before (or without) the WebAssembly. It carries nothing
/// `localStorage` does not; it authorises nothing (every change goes over the websocket with
/// the token from storage); `SameSite=Lax`, so another site's page gets no board drawn.
pub const PAIR_COOKIE: &str = "ds_pair";

/// How long the board's cookie lasts without a visit: 30 days, the pair's results included.
pub const PAIR_COOKIE_MAX_AGE: u32 = 30 * 24 * 60 * 60;

/// The `Set-Cookie` (or `document.cookie`) value that keeps `token` as this device's pair for
/// `code`. `None` for a token that is not the server's hex (so nothing odd enters a header).
pub fn pair_cookie(code: &str, token: &str, secure: bool) -> Option<String> {
    if token.is_empty() || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let secure = if secure { "; Secure" } else { "" };
    Some(format!(
        "{PAIR_COOKIE}={token}; Path={}; Max-Age={PAIR_COOKIE_MAX_AGE}; SameSite=Lax{secure}",
        urls::pair_page(code)
    ))
}

/// The `document.cookie` value that removes the board's cookie for `code`.
pub fn pair_cookie_removal(code: &str) -> String {
    format!("{PAIR_COOKIE}=; Path={}; Max-Age=0; SameSite=Lax", urls::pair_page(code))
}

/// Keeps `joined` in the board's cookie (renewing it), so the server draws its board next time.
pub fn keep_pair_cookie(joined: &Joined) {
    if let Some(cookie) = pair_cookie(&joined.code, &joined.token, browser::is_https()) {
        browser::set_cookie(&cookie);
    }
}

/// Forgets the pair this device joined as for `code`: its storage entry and the board's cookie.
pub fn forget_pair(code: &str) {
    browser::local_remove(&pair_key(code));
    browser::set_cookie(&pair_cookie_removal(code));
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

    #[test]
    fn the_boards_cookie_is_scoped_to_its_workshop_and_takes_only_a_hex_token() {
        assert_eq!(
            pair_cookie("ABC234", "00ff", false).as_deref(),
            Some("ds_pair=00ff; Path=/pair/ABC234; Max-Age=2592000; SameSite=Lax")
        );
        assert!(pair_cookie("ABC234", "00ff", true).unwrap().ends_with("; SameSite=Lax; Secure"));
        assert_eq!(pair_cookie("ABC234", "00ff; Path=/", false), None);
        assert_eq!(pair_cookie("ABC234", "", false), None);
        assert_eq!(pair_cookie_removal("ABC234"), "ds_pair=; Path=/pair/ABC234; Max-Age=0; SameSite=Lax");
    }
}
