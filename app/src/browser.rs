//! The few browser services the screens use (storage, randomness, fetch, focus, geometry),
//! behind plain functions. In the WebAssembly build they call the browser; in the server
//! build they are inert stand-ins, because nothing browser-only may run while rendering HTML
//! (they are only ever called from effects and event handlers, which never run there).

use uuid::Uuid;

/// A box on screen, in CSS pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    /// Whether the point lies inside (edges included).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.left && x <= self.left + self.width && y >= self.top && y <= self.top + self.height
    }
}

/// The server could not be reached at all (offline, or the request failed on the way).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unreachable;

#[cfg(not(feature = "hydrate"))]
pub use inert::*;
#[cfg(feature = "hydrate")]
pub use real::*;

#[cfg(feature = "hydrate")]
mod real {
    use super::*;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    /// `localStorage[key]`, if there is one (and storage is allowed).
    pub fn local_get(key: &str) -> Option<String> {
        storage()?.get_item(key).ok().flatten()
    }

    /// Sets `localStorage[key]`. Failure (private mode, full) is ignored: the screen still works
    /// for this page's lifetime.
    pub fn local_set(key: &str, value: &str) {
        if let Some(s) = storage() {
            let _ = s.set_item(key, value);
        }
    }

    /// Removes `localStorage[key]`.
    pub fn local_remove(key: &str) {
        if let Some(s) = storage() {
            let _ = s.remove_item(key);
        }
    }

    /// The current value of the `<input>` or `<textarea>` with this id, as the person typed
    /// it, including anything typed before the page was hydrated.
    pub fn field_value(id: &str) -> Option<String> {
        let element = web_sys::window()?.document()?.get_element_by_id(id)?;
        match element.dyn_into::<web_sys::HtmlInputElement>() {
            Ok(input) => Some(input.value()),
            Err(element) => element.dyn_into::<web_sys::HtmlTextAreaElement>().ok().map(|t| t.value()),
        }
    }

    /// A version 4 UUID from `crypto.getRandomValues`, which (unlike `crypto.randomUUID`) also
    /// works on plain-http LAN addresses such as `http://192.168.1.20:3000`.
    pub fn random_uuid() -> Uuid {
        let mut bytes = [0u8; 16];
        let filled = web_sys::window()
            .and_then(|w| w.crypto().ok())
            .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
        if !filled {
            for b in &mut bytes {
                *b = (js_sys::Math::random() * 256.0) as u8;
            }
        }
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }

    /// A number in [0, 1) for jitter.
    pub fn random_unit() -> f64 {
        js_sys::Math::random()
    }

    /// Whether the browser believes it has a network (`navigator.onLine`).
    pub fn is_online() -> bool {
        web_sys::window().is_none_or(|w| w.navigator().on_line())
    }

    /// Whether the page is hidden (screen locked, another tab or app in front).
    pub fn is_hidden() -> bool {
        web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
    }

    /// Asks the browser to keep this site's storage (where a pair's unsaved changes wait) even
    /// when the device runs short of space, unless it already does. Browsers without it (and
    /// every browser on a plain-http LAN address: it needs a secure context) are left alone.
    pub fn ask_persistent_storage() {
        let Some(window) = web_sys::window() else { return };
        let storage = window.navigator().storage();
        if !storage.is_object() {
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            let asked = async {
                let persisted = JsFuture::from(storage.persisted()?).await?;
                if persisted.as_bool() != Some(true) {
                    JsFuture::from(storage.persist()?).await?;
                }
                Ok::<(), JsValue>(())
            };
            if asked.await.is_err() {
                leptos::logging::warn!("this browser would not keep the storage of unsaved changes");
            }
        });
    }

    /// A held screen wake lock (a `WakeLockSentinel`): the screen stays on until it is
    /// released, or until the page is hidden (then the browser releases it).
    pub struct WakeLock(JsValue);

    impl WakeLock {
        /// Lets the screen sleep again.
        pub fn release(self) {
            let release = js_sys::Reflect::get(&self.0, &JsValue::from_str("release"));
            if let Ok(release) = release.and_then(|f| f.dyn_into::<js_sys::Function>()) {
                let _ = release.call0(&self.0);
            }
        }
    }

    /// Asks to keep the screen on (`navigator.wakeLock.request('screen')`); `None` where the
    /// browser has no wake lock (Safari before 16.4, plain-http addresses) or refuses one.
    /// web-sys has the binding only behind its unstable APIs, hence the reflection.
    pub async fn request_wake_lock() -> Option<WakeLock> {
        let navigator = web_sys::window()?.navigator();
        let wake_lock =
            js_sys::Reflect::get(&navigator, &JsValue::from_str("wakeLock")).ok().filter(JsValue::is_object)?;
        let request: js_sys::Function =
            js_sys::Reflect::get(&wake_lock, &JsValue::from_str("request")).ok()?.dyn_into().ok()?;
        let promise: js_sys::Promise = request.call1(&wake_lock, &JsValue::from_str("screen")).ok()?.dyn_into().ok()?;
        JsFuture::from(promise).await.ok().map(WakeLock)
    }

    /// `location.origin`, e.g. `http://192.168.1.20:3000`.
    pub fn origin() -> String {
        web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
    }

    /// The websocket address of this server: `ws(s)://{host}/ws`.
    pub fn ws_url() -> String {
        let location = web_sys::window().map(|w| w.location());
        let secure = location.as_ref().and_then(|l| l.protocol().ok()).is_some_and(|p| p == "https:");
        let host = location.and_then(|l| l.host().ok()).unwrap_or_default();
        format!("{}://{host}/ws", if secure { "wss" } else { "ws" })
    }

    /// `location.hash`: the address's fragment, with its `#` (empty when there is none).
    pub fn address_fragment() -> String {
        web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
    }

    /// Whether the page came over HTTPS (a cookie it sets is then `Secure`).
    pub fn is_https() -> bool {
        web_sys::window().and_then(|w| w.location().protocol().ok()).is_some_and(|p| p == "https:")
    }

    /// Sets (or, with `Max-Age=0`, removes) one cookie: `document.cookie = cookie`.
    pub fn set_cookie(cookie: &str) {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            let _ = js_sys::Reflect::set(&document, &"cookie".into(), &cookie.into());
        }
    }

    /// Full page navigation (`location.assign`).
    pub fn go_to(url: &str) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().assign(url);
        }
    }

    /// Replaces the address in the address bar (and the history entry) without loading it.
    pub fn replace_address(url: &str) {
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
        }
    }

    /// Focuses the element with this id once the screen has been redrawn.
    pub fn focus_later(id: String) {
        leptos::prelude::request_animation_frame(move || {
            let element = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&id))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(element) = element {
                let _ = element.focus();
            }
        });
    }

    /// The on-screen box of an element.
    pub fn rect_of(element: &web_sys::Element) -> Rect {
        let r = element.get_bounding_client_rect();
        Rect { left: r.left(), top: r.top(), width: r.width(), height: r.height() }
    }

    /// Routes the rest of this pointer's events to the element with id `element_id`, so a drag
    /// keeps going when the finger leaves it. (Leptos delegates events to the document, so the
    /// event's `currentTarget` is not the element; hence the id.)
    pub fn capture_pointer(ev: &web_sys::PointerEvent, element_id: &str) {
        let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(element_id));
        if let Some(element) = element {
            let _ = element.set_pointer_capture(ev.pointer_id());
        }
    }

    /// A same-origin request (cookies go with it); `body` is sent as JSON. The answer's status
    /// and body text, or [`Unreachable`] when the server could not be reached.
    pub async fn fetch(method: &str, url: &str, body: Option<String>) -> Result<(u16, String), Unreachable> {
        let failed = |_| Unreachable;
        let init = web_sys::RequestInit::new();
        init.set_method(method);
        if let Some(body) = body {
            init.set_body(&JsValue::from_str(&body));
            let headers = web_sys::Headers::new().map_err(failed)?;
            let _ = headers.set("Content-Type", "application/json");
            init.set_headers(&headers);
        }
        answer(url, &init).await
    }

    /// Opens the browser's print dialog (print, or save as PDF).
    pub fn print_page() {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    }

    /// A same-origin `GET` with `Authorization: Bearer <token>` (a pair's own results).
    pub async fn fetch_bearer(url: &str, token: &str) -> Result<(u16, String), Unreachable> {
        let init = web_sys::RequestInit::new();
        init.set_method("GET");
        let headers = web_sys::Headers::new().map_err(|_| Unreachable)?;
        let _ = headers.set("Authorization", &format!("Bearer {token}"));
        init.set_headers(&headers);
        answer(url, &init).await
    }

    /// Sends `init` to `url`: the answer's status and body text.
    async fn answer(url: &str, init: &web_sys::RequestInit) -> Result<(u16, String), Unreachable> {
        let failed = |_| Unreachable;
        let window = web_sys::window().ok_or(Unreachable)?;
        let response = JsFuture::from(window.fetch_with_str_and_init(url, init)).await.map_err(failed)?;
        let response: web_sys::Response = response.dyn_into().map_err(failed)?;
        let text = JsFuture::from(response.text().map_err(failed)?).await.ok().and_then(|t| t.as_string());
        Ok((response.status(), text.unwrap_or_default()))
    }

    /// POSTs the file chosen in the file input `input_id` to `url` as `content_type` (the
    /// browser streams it; nothing is read into WebAssembly). `None` when no file is chosen.
    pub async fn post_chosen_file(
        url: &str,
        input_id: &str,
        content_type: &str,
    ) -> Option<Result<(u16, String), Unreachable>> {
        let input = web_sys::window()?.document()?.get_element_by_id(input_id)?;
        let file = input.dyn_into::<web_sys::HtmlInputElement>().ok()?.files()?.get(0)?;
        let failed = |_| Unreachable;
        let send = async {
            let init = web_sys::RequestInit::new();
            init.set_method("POST");
            init.set_body(&file);
            let headers = web_sys::Headers::new().map_err(failed)?;
            let _ = headers.set("Content-Type", content_type);
            init.set_headers(&headers);
            answer(url, &init).await
        };
        Some(send.await)
    }
}

#[cfg(not(feature = "hydrate"))]
mod inert {
    use super::*;

    pub fn local_get(_key: &str) -> Option<String> {
        None
    }
    pub fn local_set(_key: &str, _value: &str) {}
    pub fn local_remove(_key: &str) {}
    pub fn field_value(_id: &str) -> Option<String> {
        None
    }
    pub fn random_uuid() -> Uuid {
        Uuid::nil()
    }
    pub fn random_unit() -> f64 {
        0.5
    }
    pub fn is_online() -> bool {
        true
    }
    pub fn is_hidden() -> bool {
        false
    }
    pub fn ask_persistent_storage() {}
    pub struct WakeLock;
    impl WakeLock {
        pub fn release(self) {}
    }
    pub async fn request_wake_lock() -> Option<WakeLock> {
        None
    }
    pub fn origin() -> String {
        String::new()
    }
    pub fn ws_url() -> String {
        String::new()
    }
    pub fn address_fragment() -> String {
        String::new()
    }
    pub fn is_https() -> bool {
        false
    }
    pub fn set_cookie(_cookie: &str) {}
    pub fn go_to(_url: &str) {}
    pub fn replace_address(_url: &str) {}
    pub fn focus_later(_id: String) {}
    pub fn capture_pointer(_ev: &leptos::ev::PointerEvent, _element_id: &str) {}
    pub fn rect_of<T>(_element: &T) -> Rect {
        Rect::default()
    }
    pub async fn fetch(_method: &str, _url: &str, _body: Option<String>) -> Result<(u16, String), Unreachable> {
        Err(Unreachable)
    }
    pub fn print_page() {}
    pub async fn fetch_bearer(_url: &str, _token: &str) -> Result<(u16, String), Unreachable> {
        Err(Unreachable)
    }
    pub async fn post_chosen_file(
        _url: &str,
        _input_id: &str,
        _content_type: &str,
    ) -> Option<Result<(u16, String), Unreachable>> {
        None
    }
}
