//! The browser's URL builders (`app::api::urls`) against the server's router: every API
//! address the pages ask for or link to reaches its route and does what the page expects.

use app::api::{AdminLogin, JoinRequest, WorkshopFilter, urls};
use reqwest::{Method, StatusCode};

use crate::common::TestServer;

/// Sends `method url` with the admin key; the answer's status and content type.
async fn ask(server: &TestServer, method: Method, url: &str, body: Option<String>) -> (StatusCode, String) {
    let mut request = reqwest::Client::new().request(method, server.url(url)).bearer_auth(server.admin_key());
    if let Some(body) = body {
        request = request.header("content-type", "application/json").body(body);
    }
    let response = request.send().await.expect("the server answers");
    let kind = response.headers().get("content-type").map(|v| v.to_str().unwrap_or("").to_string());
    (response.status(), kind.unwrap_or_default())
}

#[tokio::test]
async fn every_api_address_the_pages_use_reaches_its_route() {
    let server = TestServer::start().await;
    let created = server.create_workshop(&["Where people are seen", "How long"]).await;
    let other = server.create_workshop(&["Holding"]).await;
    let (id, secret, code) = (created.workshop_id, created.facilitator_secret.clone(), created.join_code.clone());
    let ids = format!("{id},{}", other.workshop_id);
    let join =
        serde_json::to_string(&JoinRequest { code: code.clone(), label: "Pair A".into(), consent: None }).unwrap();
    let login = serde_json::to_string(&AdminLogin { key: server.admin_key() }).unwrap();
    let filter = WorkshopFilter { site: "Site 3".into(), ..WorkshopFilter::default() };

    let expected: Vec<(Method, String, Option<String>, u16, &str)> = vec![
        (Method::GET, urls::JOIN_ORIGIN.into(), None, 200, "application/json"),
        (Method::POST, urls::JOIN.into(), Some(join), 200, "application/json"),
        (Method::POST, urls::RESEARCH_LOGIN.into(), Some(login), 204, ""),
        (Method::GET, urls::RESEARCH_WORKSHOPS.into(), None, 200, "application/json"),
        (Method::GET, urls::research_export(id), None, 200, "application/zip"),
        (Method::GET, urls::research_replay(id), None, 200, "application/json"),
        (Method::GET, urls::compare(&ids), None, 200, "application/json"),
        (Method::GET, urls::compare_csv(&ids, &[]), None, 200, "text/csv; charset=utf-8"),
        (Method::GET, urls::export_all(&filter), None, 200, "application/zip"),
        (Method::GET, urls::export_chosen(&ids), None, 200, "application/zip"),
        (Method::GET, urls::placements_csv(&secret), None, 200, "text/csv; charset=utf-8"),
        (Method::GET, urls::facilitator_export(&secret), None, 200, "application/zip"),
        (Method::GET, urls::qr(&code), None, 200, "image/svg+xml"),
        (Method::POST, urls::research_close(id), None, 204, ""),
        (Method::DELETE, urls::facilitator_workshop(&secret), None, 204, ""),
        (Method::DELETE, urls::research_workshop(other.workshop_id), None, 204, ""),
        (Method::POST, urls::RESEARCH_LOGOUT.into(), None, 204, ""),
    ];
    for (method, url, body, status, kind) in expected {
        let (got, got_kind) = ask(&server, method.clone(), &url, body).await;
        assert_eq!(got.as_u16(), status, "{method} {url}");
        assert!(got_kind.starts_with(kind), "{method} {url}: {got_kind}");
    }
    // Both workshops are gone now: the list is empty.
    let list = reqwest::Client::new()
        .get(server.url(urls::RESEARCH_WORKSHOPS))
        .bearer_auth(server.admin_key())
        .send()
        .await
        .unwrap();
    assert_eq!(list.json::<Vec<app::api::ResearchWorkshop>>().await.unwrap(), vec![]);
}
