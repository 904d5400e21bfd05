//! The websocket behind [`super::use_live`] (WebAssembly build only).
//!
//! One [`Connection`] per screen. It owns at most one `WebSocket` at a time and replaces it
//! after every close, with back-off. The browser's `offline` event closes the socket at once
//! (an open websocket can outlive the network for minutes) and reconnecting waits for
//! `online`. A change that stays unacknowledged for [`super::ACK_TIMEOUT_MS`] is taken as a
//! dead connection: reconnect and resend.
//!
//! Waking up is the other way a socket dies unseen: iPadOS suspends a page's socket when the
//! screen locks or Safari goes to the background, and does not always say so afterwards. So
//! whenever the page may have been asleep (`visibilitychange` to visible, `pageshow` from the
//! back-forward cache, `focus`, `resume`, `online`) the socket is checked: a `Ping` must be
//! answered within [`super::PING_TIMEOUT_MS`], otherwise the socket is replaced at once and the
//! queue resent on the new one.

use std::{cell::RefCell, rc::Rc, rc::Weak, time::Duration};

use leptos::prelude::*;
use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{CloseEvent, MessageEvent, WebSocket};

use super::{ACK_TIMEOUT_MS, Link, Live, PING_TIMEOUT_MS, backoff_ms, browser};
use crate::domain::outbox::{Outbox, PendingChange};
use crate::protocol::{Auth, ClientMsg, ErrorCode, ServerMsg};

/// How long to wait before resending after a refusal the server expects to pass (rate limit,
/// storage hiccup).
const TRANSIENT_RETRY_MS: u64 = 3_000;

/// A screen's live connection; [`Connection::stop`] ends it for good.
pub(super) struct Connection(Rc<RefCell<Inner>>);

struct Inner {
    live: Live,
    auth: Auth,
    socket: Option<Socket>,
    attempt: u32,
    welcomed: bool,
    stopped: bool,
    retry: Option<TimeoutHandle>,
    ack_timer: Option<TimeoutHandle>,
    resend_timer: Option<TimeoutHandle>,
    /// Set while a wake-up check waits for its answer.
    ping_timer: Option<TimeoutHandle>,
    /// The id of the last ping sent.
    ping_id: u32,
    listeners: Vec<WindowListenerHandle>,
}

/// A `WebSocket` and the callbacks it holds (dropping them detaches them).
struct Socket {
    ws: WebSocket,
    _on_open: Closure<dyn FnMut()>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

impl Socket {
    /// Detaches the callbacks and closes the socket (no close event reaches us afterwards).
    fn discard(self) {
        self.ws.set_onopen(None);
        self.ws.set_onmessage(None);
        self.ws.set_onclose(None);
        let _ = self.ws.close();
    }

    fn send(&self, msg: &ClientMsg) {
        if let Ok(json) = serde_json::to_string(msg) {
            let _ = self.ws.send_with_str(&json);
        }
    }
}

fn change_msg(change: &PendingChange) -> ClientMsg {
    ClientMsg::pair(change.change_id, change.action.clone())
}

impl Connection {
    pub(super) fn start(live: Live, auth: Auth) -> Self {
        let inner = Rc::new(RefCell::new(Inner {
            live,
            auth,
            socket: None,
            attempt: 0,
            welcomed: false,
            stopped: false,
            retry: None,
            ack_timer: None,
            resend_timer: None,
            ping_timer: None,
            ping_id: 0,
            listeners: Vec::new(),
        }));
        let weak = Rc::downgrade(&inner);
        let on_online = window_event_listener_untyped("online", move |_| {
            if let Some(this) = weak.upgrade() {
                check_awake(&this);
            }
        });
        let weak = Rc::downgrade(&inner);
        let on_offline = window_event_listener_untyped("offline", move |_| {
            if let Some(this) = weak.upgrade() {
                let mut inner = this.borrow_mut();
                if let Some(socket) = inner.socket.take() {
                    socket.discard();
                }
                inner.went_down();
            }
        });
        let mut listeners = vec![on_online, on_offline];
        // `visibilitychange` and `resume` are fired at the document and reach the window on
        // their way (capture is not needed: both bubble).
        for name in ["visibilitychange", "pageshow", "focus", "resume"] {
            let weak = Rc::downgrade(&inner);
            listeners.push(window_event_listener_untyped(name, move |ev| {
                // `pageshow` also comes with the first load; only a page restored from the
                // back-forward cache (`persisted`) has been asleep.
                let first_show = ev.type_() == "pageshow"
                    && js_sys::Reflect::get(&ev, &"persisted".into()).ok().and_then(|p| p.as_bool()) == Some(false);
                if let Some(this) = weak.upgrade()
                    && !first_show
                    && !browser::is_hidden()
                {
                    check_awake(&this);
                }
            }));
        }
        inner.borrow_mut().listeners = listeners;
        connect(&inner);
        Connection(inner)
    }

    /// Closes the socket and stops reconnecting (the screen is going away).
    pub(super) fn stop(self) {
        let mut inner = self.0.borrow_mut();
        inner.stopped = true;
        inner.clear_timers();
        if let Some(socket) = inner.socket.take() {
            socket.discard();
        }
        for listener in inner.listeners.drain(..) {
            listener.remove();
        }
    }

    /// Sends `msg` at once if the server has welcomed this socket; returns whether it did.
    pub(super) fn send_now(&self, msg: &ClientMsg) -> bool {
        let inner = self.0.borrow();
        match (inner.welcomed, inner.socket.as_ref()) {
            (true, Some(socket)) => {
                socket.send(msg);
                true
            }
            _ => false,
        }
    }

    /// Sends a newly queued change, if the server is listening (otherwise it goes on reconnect).
    pub(super) fn send_change(&self, change: &PendingChange) {
        let this = &self.0;
        let inner = this.borrow();
        if let (true, Some(socket)) = (inner.welcomed, inner.socket.as_ref()) {
            socket.send(&change_msg(change));
            drop(inner);
            arm_ack_timer(this);
        }
    }
}

impl Inner {
    fn clear_timers(&mut self) {
        let timers = [self.retry.take(), self.ack_timer.take(), self.resend_timer.take(), self.ping_timer.take()];
        for timer in timers.into_iter().flatten() {
            timer.clear();
        }
    }

    /// The socket is gone: show it, and forget what only made sense while connected.
    fn went_down(&mut self) {
        self.welcomed = false;
        self.clear_timers();
        if !self.stopped {
            self.live.link.set(Link::Offline);
        }
    }

    /// Sends every unsaved change, oldest first.
    fn resend_all(&self) {
        let Some(socket) = self.socket.as_ref().filter(|_| self.welcomed) else { return };
        for change in self.live.outbox.with_untracked(Outbox::unsaved) {
            socket.send(&change_msg(&change));
        }
    }
}

/// Opens a socket now, unless one is open, the screen has stopped, or the browser is offline
/// (then the `online` event calls this again).
fn connect(this: &Rc<RefCell<Inner>>) {
    let mut inner = this.borrow_mut();
    if inner.stopped || inner.socket.is_some() {
        return;
    }
    if let Some(retry) = inner.retry.take() {
        retry.clear();
    }
    if !browser::is_online() {
        inner.went_down();
        return;
    }
    let Ok(ws) = WebSocket::new(&browser::ws_url()) else {
        drop(inner);
        closed(this);
        return;
    };
    let weak = Rc::downgrade(this);
    let on_open = Closure::<dyn FnMut()>::new(move || {
        if let Some(this) = weak.upgrade() {
            let inner = this.borrow();
            let last_seq = inner.live.view.with_untracked(|v| v.as_ref().map(|v| v.seq));
            if let Some(socket) = inner.socket.as_ref() {
                socket.send(&ClientMsg::Hello { auth: inner.auth.clone(), last_seq });
            }
        }
    });
    let weak = Rc::downgrade(this);
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let (Some(this), Some(text)) = (weak.upgrade(), ev.data().as_string()) else { return };
        match serde_json::from_str::<ServerMsg>(&text) {
            Ok(msg) => handle(&this, msg),
            Err(_) => leptos::logging::warn!("ignoring a message the app does not understand"),
        }
    });
    let weak = Rc::downgrade(this);
    let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |_: CloseEvent| {
        if let Some(this) = weak.upgrade() {
            closed(&this);
        }
    });
    ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    inner.socket = Some(Socket { ws, _on_open: on_open, _on_message: on_message, _on_close: on_close });
}

/// The socket closed (or never opened): show it and try again after the back-off delay.
fn closed(this: &Rc<RefCell<Inner>>) {
    let mut inner = this.borrow_mut();
    if let Some(socket) = inner.socket.take() {
        socket.discard();
    }
    inner.went_down();
    if inner.stopped || !browser::is_online() {
        return;
    }
    let delay = backoff_ms(inner.attempt, browser::random_unit());
    inner.attempt = inner.attempt.saturating_add(1);
    let weak = Rc::downgrade(this);
    inner.retry = set_timeout_with_handle(
        move || {
            if let Some(this) = weak.upgrade() {
                this.borrow_mut().retry = None;
                connect(&this);
            }
        },
        Duration::from_millis(delay.into()),
    )
    .ok();
}

/// The page may have been asleep: with no socket, connect now (not after the back-off delay);
/// with one, expect proof that it still works both ways, or replace it: the `Pong` to a `Ping`
/// within [`PING_TIMEOUT_MS`], or, for a socket still signing in (which shows "Connecting…" or
/// "Offline", never "Saved"), its `Welcome` within [`ACK_TIMEOUT_MS`], so a slow handshake on
/// venue Wi-Fi is not cut short. Several wake-up events at once make one check.
fn check_awake(this: &Rc<RefCell<Inner>>) {
    let mut inner = this.borrow_mut();
    if inner.stopped {
        return;
    }
    inner.attempt = 0;
    if inner.socket.is_none() {
        drop(inner);
        connect(this);
        return;
    }
    if inner.ping_timer.is_some() {
        return;
    }
    let wait = if inner.welcomed {
        inner.ping_id = inner.ping_id.wrapping_add(1);
        let ping = ClientMsg::Ping { id: inner.ping_id };
        if let Some(socket) = inner.socket.as_ref() {
            socket.send(&ping);
        }
        PING_TIMEOUT_MS
    } else {
        ACK_TIMEOUT_MS
    };
    let weak = Rc::downgrade(this);
    inner.ping_timer = set_timeout_with_handle(
        move || {
            let Some(this) = weak.upgrade() else { return };
            this.borrow_mut().ping_timer = None;
            closed(&this);
        },
        Duration::from_millis(wait),
    )
    .ok();
}

/// The socket answered a wake-up check: it works.
fn proven_alive(this: &Rc<RefCell<Inner>>) {
    if let Some(timer) = this.borrow_mut().ping_timer.take() {
        timer.clear();
    }
}

/// While changes are in flight, expects an `Ack` within [`ACK_TIMEOUT_MS`]; otherwise the
/// connection is presumed dead and replaced.
fn arm_ack_timer(this: &Rc<RefCell<Inner>>) {
    let mut inner = this.borrow_mut();
    if inner.ack_timer.is_some() {
        return;
    }
    let weak: Weak<RefCell<Inner>> = Rc::downgrade(this);
    inner.ack_timer = set_timeout_with_handle(
        move || {
            let Some(this) = weak.upgrade() else { return };
            let stuck = {
                let mut inner = this.borrow_mut();
                inner.ack_timer = None;
                inner.welcomed && inner.live.outbox.with_untracked(Outbox::unsaved_count) > 0
            };
            if stuck {
                closed(&this);
            }
        },
        Duration::from_millis(ACK_TIMEOUT_MS),
    )
    .ok();
}

fn handle(this: &Rc<RefCell<Inner>>, msg: ServerMsg) {
    let live = this.borrow().live;
    match msg {
        ServerMsg::Welcome { you, now } => {
            if now > 0 {
                live.clock_offset.set(now - js_sys::Date::now() as i64);
            }
            {
                let mut inner = this.borrow_mut();
                inner.welcomed = true;
                inner.attempt = 0;
                inner.resend_all();
            }
            proven_alive(this);
            live.viewer.set(Some(you));
            live.link.set(Link::Online);
            if live.outbox.with_untracked(Outbox::unsaved_count) > 0 {
                arm_ack_timer(this);
            }
        }
        ServerMsg::Snapshot { view } => {
            let seq = view.seq;
            live.view.set(Some(view));
            live.save_view();
            live.outbox.update(|o| o.prune(seq));
            live.persist();
        }
        ServerMsg::Update { seq, event } => {
            live.view.update(|v| {
                if let Some(v) = v {
                    v.apply(seq, &event);
                }
            });
            live.save_view();
            let view_seq = live.view.with_untracked(|v| v.as_ref().map_or(0, |v| v.seq));
            live.outbox.update(|o| o.prune(view_seq));
            live.persist();
        }
        ServerMsg::Ack { change_id, seq } => {
            let view_seq = live.view.with_untracked(|v| v.as_ref().map_or(0, |v| v.seq));
            live.outbox.update(|o| {
                o.ack(change_id, seq, view_seq);
            });
            live.persist();
            if let Some(timer) = this.borrow_mut().ack_timer.take() {
                timer.clear();
            }
            if live.outbox.with_untracked(Outbox::unsaved_count) > 0 {
                arm_ack_timer(this);
            }
        }
        ServerMsg::Refused { change_id: Some(change_id), code, message } => {
            if matches!(code, ErrorCode::RateLimited | ErrorCode::Storage | ErrorCode::NotReady) {
                schedule_resend(this);
            } else {
                live.outbox.update(|o| {
                    o.refuse(change_id);
                });
                live.persist();
            }
            live.last_error.set(Some(message));
        }
        ServerMsg::Refused { change_id: None, code, message } => {
            if matches!(code, ErrorCode::Forbidden | ErrorCode::UnknownWorkshop) {
                let mut inner = this.borrow_mut();
                inner.stopped = true;
                inner.clear_timers();
                if let Some(socket) = inner.socket.take() {
                    socket.discard();
                }
                live.link.set(Link::Stopped);
            }
            live.last_error.set(Some(message));
        }
        ServerMsg::Presence { connected } => live.presence.set(connected),
        ServerMsg::Declined { count } => live.declined.set(count),
        ServerMsg::Pong { id } => {
            if id == this.borrow().ping_id {
                proven_alive(this);
            }
        }
    }
}

/// Resends the unsaved changes a little later (after a refusal that should pass).
fn schedule_resend(this: &Rc<RefCell<Inner>>) {
    let mut inner = this.borrow_mut();
    if inner.resend_timer.is_some() {
        return;
    }
    let weak = Rc::downgrade(this);
    inner.resend_timer = set_timeout_with_handle(
        move || {
            if let Some(this) = weak.upgrade() {
                let mut inner = this.borrow_mut();
                inner.resend_timer = None;
                inner.resend_all();
            }
        },
        Duration::from_millis(TRANSIENT_RETRY_MS),
    )
    .ok();
}
