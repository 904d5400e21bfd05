//! `/f/:secret`: the facilitator's console on the laptop plugged into the projector.
//!
//! - [`phase`], [`timer`], [`settings`], [`aspects`] (with [`aspect_item`]): the session
//!   controls. Every button sends one [`Control`]; the server decides, and a refusal shows in
//!   the console's alert.
//! - [`pairs`]: who has joined, connected or not, how far along.
//! - [`sheet`]: the information sheet pairs agree to before the board, and its versions.
//! - [`retention`]: "Delete after", the day the server deletes the workshop.
//! - [`delete`]: "Delete workshop…" with its confirmation.

mod aspect_item;
pub mod aspects;
pub mod deadline;
pub mod delete;
pub mod pairs;
pub mod phase;
pub mod retention;
pub mod settings;
pub mod sheet;
pub mod timer;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::urls;
use crate::components::join_info::{LOOPBACK_WARNING, join_url, use_join_origin, use_origin};
use crate::components::room_picture::RoomPicture;
use crate::components::session_bar::SessionBar;
use crate::domain::Phase;
use crate::domain::WorkshopInfo;
use crate::live::{Link, Live, LiveConfig, use_live};
use crate::protocol::Auth;

use aspects::AspectControls;
use deadline::DeadlineControl;
use delete::DeleteWorkshop;
use pairs::PairList;
use phase::PhaseControls;
use retention::RetentionControl;
use settings::SettingsControls;
use sheet::SheetControl;
use timer::TimerControls;

pub(crate) fn online(live: Live) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    move || live.link.get() == Link::Online
}

/// Connected, and the workshop is not closed (a closed workshop only changes phase).
pub fn may_change(live: Live) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    move || live.link.get() == Link::Online && live.view.with(|v| v.as_ref().is_some_and(|v| v.phase != Phase::Closed))
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
                <SheetControl live secret/>
                <DeadlineControl live/>
                <RetentionControl secret/>
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
            <img class="join-qr" src=move || urls::qr(&code()) alt="QR code to join"/>
            <nav class="console-links" aria-label="Workshop">
                <a
                    class="button"
                    href=move || info.with(|i| i.as_ref().map(|i| urls::projector_page(i.id)))
                    target="_blank"
                >
                    "Projector view"
                </a>
                <a class="button" href=move || urls::placements_csv(&secret.get()) download="">
                    "Download placements (CSV)"
                </a>
                <a class="button" href=move || urls::facilitator_export(&secret.get()) download="">
                    "Download all (zip)"
                </a>
                <a class="button" href=move || urls::facilitator_qdpx(&secret.get()) download="">
                    "Download for NVivo (.qdpx)"
                </a>
                // The same exercise at another site: this workshop's set-up as a file for `/new`.
                <a class="button" href=move || urls::facilitator_template(&secret.get()) download="">
                    "Save as template"
                </a>
                // A page of the server's own, not of this app: the browser loads it.
                <a class="button" href=move || urls::facilitator_report(&secret.get()) rel="external">
                    "Room report"
                </a>
            </nav>
        </section>
    }
    .into_any()
}
