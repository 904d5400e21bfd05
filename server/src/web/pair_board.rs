//! The pair's board drawn before the page's code runs (issue 25): for `GET /pair/{code}` with
//! the board's cookie ([`PAIR_COOKIE`], the pair's token), finds the pair as its websocket's
//! `Hello` would and puts the room as that pair sees it in the request, where the board's page
//! draws it ([`app::components::board::before_code`]). A missing or wrong cookie draws nothing
//! and refuses nothing: the page is the same as without one.

use std::sync::Arc;

use app::components::board::before_code::PairSeed;
use app::i18n::cookie_value;
use app::pages::device::PAIR_COOKIE;
use app::protocol::Auth;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::live::hub::Hub;
use crate::live::socket::hello::authenticate;

/// Middleware on the pages: seeds a board's page with its pair, when the cookie names one.
pub async fn seed_pair_board(State(hub): State<Arc<Hub>>, mut request: Request, next: Next) -> Response {
    if let Some(seed) = pair_seed(&hub, request.uri().path(), request.headers()).await {
        request.extensions_mut().insert(Arc::new(seed));
    }
    next.run(request).await
}

/// The join code of a board's address (`/pair/{code}`, not its results page).
fn board_code(path: &str) -> Option<&str> {
    let code = path.strip_prefix("/pair/")?.trim_end_matches('/');
    (!code.is_empty() && !code.contains('/')).then_some(code)
}

/// The pair the cookie's token is, with its room's view, for the board at `path`.
pub async fn pair_seed(hub: &Hub, path: &str, headers: &HeaderMap) -> Option<PairSeed> {
    let code = board_code(path)?;
    let token = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .find_map(|h| cookie_value(h, PAIR_COOKIE))
        .filter(|t| !t.is_empty())?;
    let identity = authenticate(hub, Auth::Pair { code: code.to_string(), token: token.to_string() }).await.ok()?;
    let pair = identity.pair?;
    let view = identity.room.snapshot(&identity.viewer).await;
    Some(PairSeed { view, pair_id: pair.id })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewWorkshopRecord, Store};
    use app::components::board::before_code::board_before_code;
    use app::domain::session::Phase;
    use app::domain::{Control, PairAction};
    use app::i18n::Lang;
    use axum::http::HeaderValue;

    fn cookies(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn only_a_boards_own_address_has_a_code() {
        assert_eq!(board_code("/pair/ABC234"), Some("ABC234"));
        assert_eq!(board_code("/pair/ABC234/"), Some("ABC234"));
        assert_eq!(board_code("/pair/ABC234/results"), None);
        assert_eq!(board_code("/pair/"), None);
        assert_eq!(board_code("/join"), None);
    }

    #[tokio::test]
    async fn the_cookies_pair_is_drawn_with_its_post_its_where_it_put_them() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(&dir.path().join("db.sqlite3")).unwrap());
        let record = NewWorkshopRecord {
            title: "T".into(),
            site: "S".into(),
            question: "How much discretion?".into(),
            left_pole: "Fixed".into(),
            right_pole: "Flexible".into(),
            aspects: vec!["Where people are seen".into(), "Time with each person".into()],
        };
        let workshop = store.create_workshop(&record, "hash", 0).unwrap();
        let hub = Hub::new(Arc::clone(&store), 10);
        let room = hub.room(workshop.id).await.unwrap().unwrap();
        let (pair, token) = room.join("Pair A".into(), None).await.unwrap();
        let (_, other_token) = room.join("Pair B".into(), None).await.unwrap();
        room.act_as_facilitator(uuid::Uuid::new_v4(), Control::SetPhase { phase: Phase::Placing }).await.unwrap();
        let card = room.snapshot(&app::domain::Viewer::Facilitator).await.cards[0].id;
        room.act_as_pair(&pair, uuid::Uuid::new_v4(), PairAction::Place { card_id: card, position: 62.5 })
            .await
            .unwrap();
        let path = format!("/pair/{}", workshop.join_code);

        let seed = pair_seed(&hub, &path, &cookies(&format!("ds_lang=en; {PAIR_COOKIE}={token}")))
            .await
            .expect("the cookie's pair");
        assert_eq!(seed.pair_id, pair.id);
        let html = board_before_code(Some(&seed), Lang::default());
        assert!(html.contains("Pair A") && html.contains("How much discretion?"), "{html}");
        let placed = html.split("<li").find(|li| li.contains("on-spectrum")).expect("a post-it on the spectrum");
        assert!(placed.contains("data-position=\"62.5\"") && placed.contains("Where people are seen"), "{html}");
        let tray = html.split("class=\"tray-cards\"").nth(1).expect("the tray");
        assert!(tray.contains("Time with each person") && !tray.contains("Where people are seen"), "{html}");

        // The other pair sees its own board: nothing placed.
        let other = pair_seed(&hub, &path, &cookies(&format!("{PAIR_COOKIE}={other_token}"))).await.unwrap();
        assert!(!board_before_code(Some(&other), Lang::default()).contains("on-spectrum"));
        // No cookie, a wrong token, another workshop's address, the results page: nothing.
        assert!(pair_seed(&hub, &path, &HeaderMap::new()).await.is_none());
        assert!(pair_seed(&hub, &path, &cookies(&format!("{PAIR_COOKIE}=00ff"))).await.is_none());
        assert!(pair_seed(&hub, "/pair/ZZZZZZ", &cookies(&format!("{PAIR_COOKIE}={token}"))).await.is_none());
        assert!(
            pair_seed(&hub, &format!("{path}/results"), &cookies(&format!("{PAIR_COOKIE}={token}"))).await.is_none()
        );
        assert_eq!(board_before_code(None, Lang::default()), "");
    }
}
