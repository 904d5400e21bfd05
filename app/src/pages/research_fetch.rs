//! Same-origin requests of the researcher pages (`/research` and the pages under it), which
//! carry the HTTP-only `ds_admin` cookie, and the errors they turn into.

use crate::api::ApiError;
use crate::live::browser;

/// A generic error for an answer the page did not expect.
pub fn unexpected(status: u16) -> ApiError {
    ApiError { error: format!("The server could not do that (HTTP {status}). Please try again."), field: None }
}

/// An answer's status and body text.
pub type Answer = Result<(u16, String), ApiError>;

/// A same-origin request (the `ds_admin` cookie goes with it); `body` is sent as JSON.
#[cfg(feature = "hydrate")]
pub async fn fetch(method: &str, url: &str, body: Option<String>) -> Answer {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    let failed = |_| browser::network_error();
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(&body));
        let headers = web_sys::Headers::new().map_err(failed)?;
        let _ = headers.set("Content-Type", "application/json");
        init.set_headers(&headers);
    }
    let window = web_sys::window().ok_or_else(browser::network_error)?;
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.map_err(failed)?;
    let response: web_sys::Response = response.dyn_into().map_err(failed)?;
    let text = JsFuture::from(response.text().map_err(failed)?).await.ok().and_then(|t| t.as_string());
    Ok((response.status(), text.unwrap_or_default()))
}

#[cfg(not(feature = "hydrate"))]
pub async fn fetch(_method: &str, _url: &str, _body: Option<String>) -> Answer {
    Err(browser::network_error())
}

/// The server's [`ApiError`] in a refusal, or a generic one.
pub fn refusal(status: u16, text: &str) -> ApiError {
    serde_json::from_str(text).unwrap_or_else(|_| unexpected(status))
}
