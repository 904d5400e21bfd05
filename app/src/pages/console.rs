//! `/f/:secret`: the facilitator's console on the laptop plugged into the projector.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::components::console_controls::{AspectControls, PhaseControls, SettingsControls, TimerControls, may_change};
use crate::components::delete_workshop::DeleteWorkshop;
use crate::components::join_info::{LOOPBACK_WARNING, join_url, use_join_origin, use_origin};
use crate::components::room_picture::RoomPicture;
use crate::components::session_bar::{SessionBar, use_server_now};
use crate::domain::Control;
use crate::domain::WorkshopInfo;
use crate::live::{Link, Live, LiveConfig, browser, use_live};
use crate::protocol::Auth;

/// One line of the pairs list.
#[derive(Clone, Debug, PartialEq)]
struct PairLine {
    id: Uuid,
    label: String,
    placed: usize,
    last_active: i64,
}

/// "active just now", "active 2 min ago", "active 1 h ago" (empty before the clock is known).
fn activity_text(last_active: i64, now: i64) -> String {
    if now <= 0 || last_active <= 0 {
        return String::new();
    }
    let secs = (now - last_active).max(0) / 1000;
    match secs {
        0..60 => "active just now".to_string(),
        60..3600 => format!("active {} min ago", secs / 60),
        _ => format!("active {} h ago", secs / 3600),
    }
}

#[component]
pub fn ConsolePage() -> impl IntoView {
    let params = use_params_map();
    let secret = Memo::new(move |_| params.with(|p| p.get("secret")).unwrap_or_default());
    let config = Signal::derive(move || {
        let secret = secret.get();
        (!secret.is_empty()).then_some(LiveConfig {
            auth: Auth::Facilitator { secret },
            pending_key: None,
            view_key: None,
        })
    });
    let live = use_live(config);
    let info = Memo::new(move |_| live.view.with(|v| v.as_ref().map(|v| v.workshop.clone())));
    let field = move |get: fn(&WorkshopInfo) -> String| move || info.with(|i| i.as_ref().map(get));
    let title = Signal::derive(move || info.with(|i| i.as_ref().map(|i| i.title.clone()).unwrap_or_default()));
    let deleted = RwSignal::new(None::<String>);

    view! {
        <main class="console">
            <div class="console-alert">
                {move || {
                    live.last_error
                        .get()
                        .map(|message| {
                            view! {
                                <p role="alert" class="form-error">
                                    {message}
                                    <button
                                        type="button"
                                        class="dismiss"
                                        aria-label="Dismiss message"
                                        on:click=move |_| live.last_error.set(None)
                                    >
                                        "×"
                                    </button>
                                </p>
                            }
                        })
                }}
            </div>
            <Show
                when=move || info.with(Option::is_some) && deleted.with(Option::is_none)
                fallback=move || {
                    if let Some(gone) = deleted.get() {
                        view! {
                            <section class="console-deleted" aria-labelledby="deleted-heading">
                                <h1 id="deleted-heading" tabindex="-1">"Workshop deleted"</h1>
                                <p>
                                    "“" {gone}
                                    "” and all its data are gone from this server. The pairs' tablets and the \
                                     projector have been told."
                                </p>
                                <p><a class="button primary" href="/new">"Set up a new workshop"</a></p>
                            </section>
                        }
                        .into_any()
                    } else {
                        view! {
                            <p class="loading">
                                {move || if live.link.get() == Link::Stopped { "" } else { "Connecting to the workshop…" }}
                            </p>
                        }
                        .into_any()
                    }
                }
            >
                <header class="console-header">
                    <h1>{field(|i| i.title.clone())}</h1>
                    <p class="site">{field(|i| i.site.clone())}</p>
                    <p class="bookmark-note">"Bookmark this page: it is your key to this workshop"</p>
                </header>
                <div class="console-session">
                    <SessionBar live/>
                    <PhaseControls live/>
                </div>
                <div class="console-grid">
                    <JoinPanel info secret/>
                    <PairList live/>
                </div>
                <div class="console-grid">
                    <TimerControls live/>
                    <SettingsControls live/>
                </div>
                <AspectControls live/>
                <section class="console-picture" aria-labelledby="picture-heading">
                    <h2 id="picture-heading">"The room's picture"</h2>
                    <p class="picture-question">{field(|i| i.question.clone())}</p>
                    <RoomPicture view=live.view compact=true/>
                </section>
                <DeleteWorkshop secret title deleted/>
            </Show>
        </main>
    }
    .into_any()
}

/// The join code (large, for reading aloud), the join address, the QR code and the links.
#[component]
fn JoinPanel(info: Memo<Option<WorkshopInfo>>, secret: Memo<String>) -> impl IntoView {
    let join_origin = use_join_origin();
    let origin = use_origin();
    let code = move || info.with(|i| i.as_ref().map(|i| i.join_code.clone()).unwrap_or_default());
    let link_origin =
        move || join_origin.with(|j| j.as_ref().map(|j| j.origin.clone())).unwrap_or_else(|| origin.get());
    let loopback = move || join_origin.with(|j| j.as_ref().is_some_and(|j| j.loopback));
    view! {
        <section class="join-panel" aria-labelledby="join-heading">
            <h2 id="join-heading">"Pairs join with"</h2>
            <p class="join-code" role="group" aria-label="Join code">{code}</p>
            <p class="join-url">{move || join_url(&link_origin(), &code())}</p>
            {move || loopback().then(|| view! { <p class="join-warning" role="alert">{LOOPBACK_WARNING}</p> })}
            <img class="join-qr" src=move || format!("/qr/{}", code()) alt="QR code to join"/>
            <nav class="console-links" aria-label="Workshop">
                <a
                    class="button"
                    href=move || info.with(|i| i.as_ref().map(|i| format!("/p/{}", i.id)))
                    target="_blank"
                >
                    "Projector view"
                </a>
                <a class="button" href=move || format!("/f/{}/placements.csv", secret.get()) download="">
                    "Download placements (CSV)"
                </a>
                <a class="button" href=move || format!("/f/{}/export.zip", secret.get()) download="">
                    "Download all (zip)"
                </a>
            </nav>
        </section>
    }
    .into_any()
}

/// Who has joined, whether their tablet is connected now, how far they are, when they last did
/// something, and a way to remove a pair (with everything it did).
#[component]
fn PairList(live: Live) -> impl IntoView {
    let now = use_server_now(live);
    let card_count = Memo::new(move |_| live.view.with(|v| v.as_ref().map_or(0, |v| v.active_cards().len())));
    let pairs = Memo::new(move |_| {
        live.view.with(|v| {
            v.as_ref()
                .map(|v| {
                    v.pairs
                        .iter()
                        .map(|p| PairLine {
                            id: p.id,
                            label: p.label.clone(),
                            placed: v.placed_count(p.id),
                            last_active: p.last_active,
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let connected = may_change(live);
    view! {
        <section class="pairs" aria-labelledby="pairs-heading">
            <h2 id="pairs-heading">"Pairs (" {move || pairs.with(Vec::len)} ")"</h2>
            <p class="hint" hidden=move || pairs.with(|p| !p.is_empty())>"No pair has joined yet."</p>
            <ul class="pair-list">
                <For
                    each=move || pairs.get()
                    key=|p| p.id
                    children=move |line| {
                        let id = line.id;
                        let label = line.label.clone();
                        let online = move || live.presence.with(|c| c.contains(&id));
                        let this = move || pairs.with(|p| p.iter().find(|p| p.id == id).cloned());
                        let placed = move || this().map_or(0, |p| p.placed);
                        let active = move || this().map(|p| activity_text(p.last_active, now.get())).unwrap_or_default();
                        let confirm = RwSignal::new(false);
                        let question = format!("Remove {label} and everything it did?");
                        view! {
                            <li class="pair-line" class:online=online>
                                <span class="presence-dot" aria-hidden="true"></span>
                                <span class="pair-name">{line.label}</span>
                                <span class="pair-presence">{move || if online() { "online" } else { "offline" }}</span>
                                <span class="pair-progress">
                                    {move || format!("{} of {} placed", placed(), card_count.get())}
                                </span>
                                <span class="pair-activity">{active}</span>
                                <button
                                    type="button"
                                    class="remove-pair"
                                    aria-label=format!("Remove {label}")
                                    disabled=move || !connected()
                                    on:click=move |_| {
                                        confirm.set(true);
                                        browser::focus_later(format!("confirm-remove-{id}"));
                                    }
                                >
                                    "Remove"
                                </button>
                                <Show when=move || confirm.get()>
                                    <span class="confirm" role="group" aria-label="Confirm removal">
                                        <span>{question.clone()}</span>
                                        <button
                                            id=format!("confirm-remove-{id}")
                                            type="button"
                                            class="danger"
                                            disabled=move || !connected()
                                            on:click=move |_| {
                                                confirm.set(false);
                                                live.control(Control::RemovePair { pair_id: id });
                                            }
                                        >
                                            "Yes, remove"
                                        </button>
                                        <button type="button" on:click=move |_| confirm.set(false)>
                                            "Cancel"
                                        </button>
                                    </span>
                                </Show>
                            </li>
                        }
                    }
                />
            </ul>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::activity_text;

    #[test]
    fn last_activity_in_words() {
        assert_eq!(activity_text(1_000, 0), "", "no clock yet (server render)");
        assert_eq!(activity_text(1_000, 30_000), "active just now");
        assert_eq!(activity_text(1_000, 1_000 + 125_000), "active 2 min ago");
        assert_eq!(activity_text(1_000, 1_000 + 2 * 3_600_000), "active 2 h ago");
    }
}
