//! What a hosting team needs of the service: health checks for the proxy and systemd.

use reqwest::StatusCode;

use crate::common::{Options, TestServer};

#[tokio::test]
async fn healthz_answers_ok_and_is_never_rate_limited() {
    let server = TestServer::start_with(Options { rate_limits: true, ..Options::default() }).await;
    // Far more checks than any budget allows, all answered.
    for _ in 0..100 {
        let answer = reqwest::get(server.url("/healthz")).await.unwrap();
        assert_eq!(answer.status(), StatusCode::OK);
        assert_eq!(answer.headers()["cache-control"], "no-store");
        assert_eq!(answer.text().await.unwrap(), "ok\n");
    }
}
