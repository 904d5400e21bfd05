//! The join page's plain form (`POST /join`, form-encoded), as a browser without WebAssembly
//! posts it: a join answers `303` to the board with the pair in the fragment, whose token
//! opens the board's websocket; each refusal answers `303` back to the join page with what
//! was typed and the refusal's word, and stores nothing.

use app::api::Joined;
use app::api::join_form::joined_from_fragment;
use reqwest::StatusCode;
use reqwest::header::{LOCATION, SET_COOKIE};
use server::store::sql::Value;

use crate::common::TestServer;
use crate::consent::workshop_with_sheet;

/// Posts the form as a browser does (the pages' `Referrer-Policy: no-referrer` makes it send
/// `Origin: null`); the answer is not followed.
async fn post_form(server: &TestServer, code: &str, label: &str) -> (StatusCode, String) {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let response = client
        .post(server.url("/join"))
        .header("origin", "null")
        .form(&[("code", code), ("label", label)])
        .send()
        .await
        .unwrap();
    let location = response.headers().get(LOCATION).map(|l| l.to_str().unwrap().to_string()).unwrap_or_default();
    (response.status(), location)
}

/// The pair a board address carries.
fn joined_of(location: &str, code: &str) -> Joined {
    let (path, fragment) = location.split_once('#').expect("a fragment");
    assert_eq!(path, format!("/pair/{code}"));
    joined_from_fragment(fragment, code).expect("the pair in the fragment")
}

fn pairs(server: &TestServer, workshop: uuid::Uuid) -> i64 {
    server.db().int("SELECT COUNT(*) FROM pairs WHERE workshop_id = ?1", &[Value::from(workshop)])
}

#[tokio::test]
async fn the_plain_form_joins_and_the_board_opens_with_the_pair_it_carries() {
    let server = TestServer::start().await;
    let created = server.create_workshop(&["Holding patients"]).await;
    let (status, location) = post_form(&server, &format!(" {} ", created.join_code.to_lowercase()), "Pair F").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let joined = joined_of(&location, &created.join_code);
    assert_eq!(joined.label, "Pair F");
    assert!(joined.reference.is_some());
    let (_tablet, view) = server.pair(&joined).await;
    assert_eq!(view.pairs.iter().map(|p| p.label.as_str()).collect::<Vec<_>>(), ["Pair F"]);
}

#[tokio::test]
async fn a_join_sets_the_boards_cookie_for_that_workshop_and_a_refusal_sets_none() {
    let server = TestServer::start().await;
    let created = server.create_workshop(&["Holding patients"]).await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let post = |label: &'static str| {
        client
            .post(server.url("/join"))
            .header("origin", "null")
            .form(&[("code", created.join_code.as_str()), ("label", label)])
            .send()
    };
    let response = post("Pair C").await.unwrap();
    let location = response.headers()[LOCATION].to_str().unwrap().to_string();
    let joined = joined_of(&location, &created.join_code);
    let cookies: Vec<&str> = response.headers().get_all(SET_COOKIE).iter().map(|c| c.to_str().unwrap()).collect();
    assert_eq!(
        cookies,
        [format!("ds_pair={}; Path=/pair/{}; Max-Age=2592000; SameSite=Lax", joined.token, created.join_code)]
    );
    let refused = post("pair c").await.unwrap();
    assert!(refused.headers()[LOCATION].to_str().unwrap().contains("refused=taken"));
    assert!(refused.headers().get(SET_COOKIE).is_none());
}

#[tokio::test]
async fn each_refusal_goes_back_to_the_join_page_with_what_was_typed_and_stores_nothing() {
    let server = TestServer::start().await;
    let created = server.create_workshop(&["Holding patients"]).await;
    let code = created.join_code.clone();
    server.join(&code, "Pair A").await;
    for (typed, label, expected) in [
        (code.as_str(), "pair a", format!("/join?code={code}&name=pair%20a&refused=taken")),
        (code.as_str(), "   ", format!("/join?code={code}&name=%20%20%20&refused=name")),
        ("ZZZZZZ", "Pair & Z", "/join?code=ZZZZZZ&name=Pair%20%26%20Z&refused=unknown".to_string()),
        ("12", "Pair Z", "/join?code=12&name=Pair%20Z&refused=code".to_string()),
    ] {
        let (status, location) = post_form(&server, typed, label).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{typed} {label}");
        assert_eq!(location, expected);
    }
    assert_eq!(pairs(&server, created.workshop_id), 1, "only Pair A");

    // A workshop with an information sheet needs the page's own code: nothing is stored.
    let with_sheet = workshop_with_sheet(&server).await;
    let (_, location) = post_form(&server, &with_sheet.join_code, "Pair S").await;
    assert_eq!(location, format!("/join?code={}&name=Pair%20S&refused=sheet", with_sheet.join_code));
    assert_eq!(pairs(&server, with_sheet.workshop_id), 0);

    // A body that is not the form's.
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let response = client
        .post(server.url("/join"))
        .header("content-type", "application/json")
        .body("{\"code\":1}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[LOCATION], "/join?code=&name=&refused=other");
}
